import { statSync } from 'node:fs';
import path from 'node:path';
import { listMarkdown } from '../load/list-markdown.ts';
import { displayPath, resolveInside } from '../load/workspace-paths.ts';
import { inPublicationOrder, nextNumbers, type IssueHeader } from '../validate/numbering.ts';
import { isRealDate } from '../validate/schema.ts';
import { writeFileAtomic } from '../write/write-file-atomic.ts';
import { openWorkspace, type Workspace } from '../workspace.ts';
import { UsageError } from './usage-error.ts';

export interface NewIssueOptions {
  root: string;
  publication: string;
  date?: string;
  /** Item files, or one folder whose items not yet adopted are taken in file-name order. */
  items: string[];
}

/**
 * `bulletin new`: writes the next issue file of a periodical and prints its path. The file
 * is created exclusively, so two `new` commands at the same moment never take one number:
 * the loser sees the winner's file and takes the next.
 */
export async function newIssueCommand(options: NewIssueOptions): Promise<string> {
  const date = options.date ?? today();
  if (!isRealDate(date)) throw new UsageError(`--date 应为 YYYY-MM-DD 格式的真实日期，如 2026-11-18，现为“${date}”`);
  for (let attempt = 0; attempt < 50; attempt++) {
    const workspace = await openWorkspace(options.root);
    const publication = workspace.config.publications.get(options.publication);
    if (!publication) {
      const known = [...workspace.config.publications.keys()].join('、');
      throw new UsageError(`未知的刊物“${options.publication}”；bulletin.config.yml 中定义的刊物有：${known}`);
    }
    const items = await chooseItems(workspace, options.items);
    const loose = await looseHeaders(workspace);
    if (loose.length > 0 && attempt === 0) {
      process.stderr.write(`警告：${loose.map((h) => h.file).join('、')} 有错误，期号按其中能读出的内容推算；请运行 bulletin check 修正\n`);
    }
    const { number, total } = nextNumbers([...workspace.headers, ...loose], publication.key, date);
    const previous = inPublicationOrder(workspace.headers.filter((h) => h.publication === publication.key)).at(-1);
    const credits = previous ? await creditsOf(workspace, previous.file) : {};
    const year = date.slice(0, 4);
    const file = path.join(workspace.paths.issues, year, `${publication.key}-${year}-${String(number).padStart(3, '0')}.md`);
    const text = issueText({ publication: publication.key, number, total, date, items, ...credits });
    try {
      await writeFileAtomic(file, text, { exclusive: true });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Another `new` took this number a moment ago: read the workspace again and go on.
    }
  }
  throw new UsageError('连续 50 次遇到已存在的期文件，无法确定新的期号；请检查 issues/ 下的期文件（bulletin check）');
}

/**
 * Issue files whose headers are invalid still hold numbers that are taken: read what can be
 * read of them (publication, number, date), so `new` never hands out a number twice.
 */
async function looseHeaders(workspace: Workspace): Promise<IssueHeader[]> {
  const valid = new Set(workspace.headers.map((h) => h.file));
  const loose: IssueHeader[] = [];
  for (const file of await listMarkdown(workspace.paths.issues)) {
    const doc = await workspace.sources.document(file);
    if (valid.has(doc.file)) continue;
    const data = (doc.data ?? {}) as Record<string, unknown>;
    const number = Number(data.number);
    if (typeof data.publication !== 'string' || !Number.isInteger(number)) continue;
    const date = typeof data.date === 'string' && /^\d{4}-/.test(data.date) ? data.date : /(\d{4})/.exec(doc.file)?.[1] ? `${/(\d{4})/.exec(doc.file)![1]}-01-01` : '';
    if (!date) continue;
    loose.push({ file: doc.file, publication: data.publication, number, total: typeof data.total === 'number' ? data.total : undefined, date, items: [], lineOf: () => 1 });
  }
  return loose;
}

async function chooseItems(workspace: Workspace, given: string[]): Promise<string[]> {
  const root = workspace.paths.root;
  const result: string[] = [];
  for (const entry of given) {
    const abs = resolveInside(root, process.cwd(), entry) ?? resolveInside(root, root, entry);
    if (!abs) throw new UsageError(`“${entry}”不在工作区 ${root} 内`);
    let stats;
    try {
      stats = statSync(abs);
    } catch {
      throw new UsageError(`找不到信息文件或文件夹“${entry}”`);
    }
    if (stats.isDirectory()) {
      const adopted = new Set(workspace.headers.flatMap((h) => h.items));
      for (const file of await listMarkdown(abs)) {
        const rel = displayPath(root, file);
        if (!adopted.has(rel)) result.push(rel);
      }
    } else {
      if (!abs.endsWith('.md')) throw new UsageError(`“${entry}”不是 Markdown 信息文件（.md）`);
      result.push(displayPath(root, abs));
    }
  }
  return [...new Set(result)];
}

async function creditsOf(workspace: Workspace, issueFile: string): Promise<{ editor?: string; approver?: string }> {
  const doc = await workspace.sources.document(path.join(workspace.paths.root, issueFile));
  const data = (doc.data ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
  return { editor: text(data.editor), approver: text(data.approver) };
}

interface NewIssueFields {
  publication: string;
  number: number;
  total?: number;
  date: string;
  editor?: string;
  approver?: string;
  items: string[];
}

function issueText(f: NewIssueFields): string {
  const yamlString = (s: string) => JSON.stringify(s); // JSON strings are valid YAML scalars
  const lines = ['---', `publication: ${f.publication}`, `number: ${f.number}`];
  if (f.total !== undefined) lines.push(`total: ${f.total}`);
  lines.push(`date: ${f.date}`);
  lines.push(f.editor ? `editor: ${yamlString(f.editor)}` : '# editor: 责任编辑姓名');
  lines.push(f.approver ? `approver: ${yamlString(f.approver)}` : '# approver: 签发人姓名');
  if (f.items.length > 0) lines.push('items:', ...f.items.map((i) => `  - ${yamlString(i)}`));
  else lines.push('items:', '  # - items/2026/11/xxx.md   在此逐行列出采用的信息');
  lines.push('---', '');
  return `${lines.join('\n')}`;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
