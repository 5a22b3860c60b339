/**
 * What the peers get: for each issue, its items as one Markdown document (each item's
 * title as a `#` heading, then its body), as a user of a general Markdown-to-PDF tool would
 * assemble it; and the same document as HTML (remark-gfm, the standard conversion) for
 * pagedjs-cli, which takes HTML. Both carry the same small stylesheet: A4 with the
 * bulletin's margins and 16 pt body on 28.95 pt lines, so their pages hold about as much
 * text as ours and the per-issue figures compare like with like.
 *
 * Made before any timer starts.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { GeneratedWorkspace } from './generate-workspace.ts';

/** The margins of the bulletin's text block (LAYOUT.md), for the peers' pdf options. */
export const PEER_MARGIN = { top: '37mm', right: '26mm', bottom: '35mm', left: '28mm' } as const;

export const PEER_CSS = `
@page { size: A4; margin: ${PEER_MARGIN.top} ${PEER_MARGIN.right} ${PEER_MARGIN.bottom} ${PEER_MARGIN.left}; }
body { font-family: "AR PL SungtiL GB", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28.95pt; }
h1 { font-size: 22pt; line-height: 57.9pt; text-align: center; margin: 0; }
h2, h3, h4, h5 { font-size: 16pt; margin: 0; }
p { margin: 0; text-indent: 2em; }
table { border-collapse: collapse; font-size: 14pt; }
th, td { border: 0.5pt solid #000; padding: 0 4pt; }
img { max-width: 100%; max-height: 130mm; }
`;

export interface PeerInputs {
  markdownDir: string;
  htmlDir: string;
  /** Markdown files, in issue order (the HTML files have the same names with .html). */
  names: string[];
}

export async function preparePeerInputs(workspace: GeneratedWorkspace, dir: string): Promise<PeerInputs> {
  const markdownDir = path.join(dir, 'markdown');
  const htmlDir = path.join(dir, 'html');
  for (const folder of [markdownDir, htmlDir]) {
    await mkdir(path.join(folder, 'img'), { recursive: true });
    await copyFile(path.join(workspace.root, 'items/img/grain-output.svg'), path.join(folder, 'img/grain-output.svg'));
  }
  const toHtml = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify);
  const names: string[] = [];
  for (const issue of workspace.issues) {
    const parts: string[] = [];
    for (const [i, item] of issue.items.entries()) {
      const source = await readFile(path.join(workspace.root, item), 'utf8');
      const end = source.indexOf('\n---\n', 4);
      const header = source.slice(0, end);
      const title = /^title:\s*(.+)$/m.exec(header)?.[1]?.trim() ?? item;
      const body = source
        .slice(end + 5)
        .replace(/\]\((?:\.\.\/)+img\//g, '](img/')
        .replace(/\[\^(\w+)\]/g, `[^i${i + 1}-$1]`);
      parts.push(`# ${title}\n\n${body.trim()}\n`);
    }
    const markdown = parts.join('\n');
    const name = path.basename(issue.file, '.md');
    await writeFile(path.join(markdownDir, `${name}.md`), markdown);
    const body = String(await toHtml.process(markdown));
    const html = `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${name}</title><style>${PEER_CSS}</style></head>\n<body>\n${body}\n</body></html>\n`;
    await writeFile(path.join(htmlDir, `${name}.html`), html);
    names.push(`${name}.md`);
  }
  return { markdownDir, htmlDir, names };
}
