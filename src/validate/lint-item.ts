/**
 * Editorial lint: the mistakes editors are criticised for at information-work meetings —
 * half-width punctuation in Chinese text, unpaired quotation marks and brackets, a title
 * ending in punctuation, `20xx`/`XX月`/`××` placeholders left in, an item without a body.
 *
 * Pure: the body is parsed as Markdown (remark + GFM) so that only prose is checked, never
 * Markdown syntax, code, link targets or URLs. Every finding is a warning on its file line.
 */
import type { Nodes, PhrasingContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { SourceDocument } from '../load/load-workspace.ts';

export interface LintInput {
  /** Path shown in messages. */
  file: string;
  /** The title from the front-matter, when there is one. */
  title?: string;
  /** 1-based file line of the title. */
  titleLine?: number;
  /** The Markdown after the front-matter. */
  body: string;
  /** 1-based file line on which `body` starts. */
  bodyLine: number;
  /** An item must have a body; an issue's body (编者按) is optional. */
  kind: 'item' | 'issue';
}

/** Stands for what is not prose (inline code, a URL, an image): never CJK, never punctuation. */
const OBJECT = '\uFFFC';

/** A run of prose as code points, each with its file line. */
interface Prose {
  chars: string[];
  lines: number[];
  field?: string;
}

const FULL_WIDTH: Record<string, string> = { ',': '，', ':': '：', ';': '；', '(': '（', ')': '）', '?': '？', '!': '！' };
const CJK = /[\p{Script=Han}\u3000-\u303f\u3040-\u30ff\uff01-\uff60]/u;
/** Looked through when finding a punctuation mark's neighbour: spaces and quotation marks. */
const TRANSPARENT = /[\s"'“”‘’]/u;
const URL = /(?:(?:https?|ftp):\/\/|www\.)[^\s\p{Script=Han}\u3000-\u303f\uff01-\uff60“”‘’]+/gu;
const PLACEHOLDER =
  /(?<![\w-])(?:(?:19|20)[xX×]{2}|[xX×Ｘｘ]{2,})(?![\w-])[年月日号时]?|×{2,}[年月日号时]?/g;
const TITLE_END = /[。，、；：！？.,;:!?]$/u;

/** Opening → closing marks checked for balance, with their Chinese names. */
const PAIRS: Record<string, { close: string; kind: string; openName: string; closeName: string }> = {
  '“': { close: '”', kind: '引号', openName: '前引号', closeName: '后引号' },
  '（': { close: '）', kind: '括号', openName: '左括号', closeName: '右括号' },
  '《': { close: '》', kind: '书名号', openName: '前书名号', closeName: '后书名号' },
  '【': { close: '】', kind: '方括号', openName: '左方括号', closeName: '右方括号' },
  '〔': { close: '〕', kind: '六角括号', openName: '左六角括号', closeName: '右六角括号' },
};
const OPENER_OF = Object.fromEntries(Object.entries(PAIRS).map(([open, p]) => [p.close, open]));
/** `1）`, `a）`, `一）` opening a line: a one-sided ordinal, not a lost bracket. */
const ORDINAL_BEFORE = /^\s*(?:\d{1,2}|[A-Za-z]|[一二三四五六七八九十]{1,3})$/u;

const parser = unified().use(remarkParse).use(remarkGfm).freeze();

/** Every editorial warning for one item or issue file, in line order. */
export function lintDocument(input: LintInput): Diagnostic[] {
  const { file } = input;
  const found: Diagnostic[] = [];
  const warn = (line: number, message: string, hint?: string, field?: string) =>
    found.push({ severity: 'warning', file, line, ...(field ? { field } : {}), message, ...(hint ? { hint } : {}) });

  if (input.kind === 'item' && input.body.trim() === '') {
    warn(input.bodyLine, '信息正文为空', '在字段区末尾的“---”之后写正文');
  }
  const blocks = proseOfMarkdown(input.body, input.bodyLine);
  if (input.title !== undefined && input.titleLine !== undefined) {
    const title = input.title.trim();
    const end = TITLE_END.exec(title);
    if (end) warn(input.titleLine, `标题末尾不应有标点“${end[0]}”`, '信息标题末尾不加句号、逗号、冒号等标点', 'title');
    const chars = Array.from(title);
    blocks.unshift({ chars, lines: chars.map(() => input.titleLine!), field: 'title' });
  }
  for (const prose of blocks) {
    halfWidthPunctuation(prose, warn);
    unpairedMarks(prose, warn);
    straightQuotes(prose, warn);
    placeholders(prose, warn);
  }
  return found.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** Lints a document as the workspace loader reads it: title from the front-matter, with its line. */
export function lintSourceDocument(
  doc: Pick<SourceDocument, 'file' | 'data' | 'locate' | 'body' | 'bodyLine'>,
  kind: LintInput['kind'],
): Diagnostic[] {
  const title = (doc.data as { title?: unknown } | undefined)?.title;
  const hasTitle = kind === 'item' && typeof title === 'string';
  return lintDocument({
    file: doc.file,
    title: hasTitle ? title : undefined,
    titleLine: hasTitle ? doc.locate(['title']) : undefined,
    body: doc.body,
    bodyLine: doc.bodyLine,
    kind,
  });
}

type Warn = (line: number, message: string, hint?: string, field?: string) => void;

function halfWidthPunctuation(prose: Prose, warn: Warn): void {
  const { chars, lines } = prose;
  const flagged = new Set<number>();
  chars.forEach((c, i) => {
    if (c in FULL_WIDTH && (CJK.test(neighbour(chars, i, -1)) || CJK.test(neighbour(chars, i, +1)))) flagged.add(i);
  });
  // A half-width pair in Chinese text is wrong at both ends: `增长(%)`, `(1)加强`, `(见附件)`.
  const open: number[] = [];
  chars.forEach((c, i) => {
    if (c === '(') open.push(i);
    if (c !== ')' || open.length === 0) return;
    const j = open.pop()!;
    if (flagged.has(i) || flagged.has(j) || chars.slice(j + 1, i).some((inner) => CJK.test(inner))) flagged.add(i).add(j);
  });
  const byLine = new Map<string, { line: number; mark: string; count: number; at: number }>();
  for (const i of [...flagged].sort((a, b) => a - b)) {
    const c = chars[i]!;
    const key = `${lines[i]}${c}`;
    const seen = byLine.get(key);
    if (seen) seen.count++;
    else byLine.set(key, { line: lines[i]!, mark: c, count: 1, at: i });
  }
  for (const { line, mark, count, at } of byLine.values()) {
    const times = count > 1 ? `（本行共${count}处）` : '';
    warn(line, `中文中使用了半角标点“${mark}”${times}，应为全角“${FULL_WIDTH[mark]}”`, `位置：${excerpt(prose, at)}`, prose.field);
  }
}

/** The nearest character in `direction`, looking through spaces and quotation marks. */
function neighbour(chars: string[], i: number, direction: 1 | -1): string {
  for (let j = i + direction; j >= 0 && j < chars.length; j += direction) {
    if (!TRANSPARENT.test(chars[j]!)) return chars[j]!;
  }
  return '';
}

function unpairedMarks(prose: Prose, warn: Warn): void {
  const { chars, lines } = prose;
  const stack: number[] = [];
  const unclosed = (i: number) => {
    const p = PAIRS[chars[i]!]!;
    warn(lines[i]!, `${p.kind}不成对：${p.openName} ${chars[i]} 没有对应的${p.closeName} ${p.close}`, `位置：${excerpt(prose, i)}`, prose.field);
  };
  chars.forEach((c, i) => {
    if (c in PAIRS) {
      stack.push(i);
      return;
    }
    const open = OPENER_OF[c];
    if (open === undefined) return;
    let depth = stack.length - 1;
    while (depth >= 0 && chars[stack[depth]!] !== open) depth--;
    if (depth >= 0) {
      stack.splice(depth).slice(1).forEach(unclosed);
      return;
    }
    if (c === '）' && ORDINAL_BEFORE.test(lineBefore(prose, i))) return;
    const p = PAIRS[open]!;
    warn(lines[i]!, `${p.kind}不成对：${p.closeName} ${c} 前面没有对应的${p.openName} ${open}`, `位置：${excerpt(prose, i)}`, prose.field);
  });
  stack.forEach(unclosed);
}

function lineBefore({ chars, lines }: Prose, i: number): string {
  let start = i;
  while (start > 0 && lines[start - 1] === lines[i] && chars[start - 1] !== '\n') start--;
  return chars.slice(start, i).join('');
}

function straightQuotes(prose: Prose, warn: Warn): void {
  const { chars, lines } = prose;
  const at = chars.indexOf('"');
  if (at < 0 || !chars.some((c) => CJK.test(c))) return;
  const curly = chars.some((c) => c === '“' || c === '”');
  const message = curly ? '同一段中混用了直引号 " 和弯引号 “ ”，应统一为 “ ”' : '中文中使用了直引号 "，应为弯引号 “ ”';
  warn(lines[at]!, message, `位置：${excerpt(prose, at)}`, prose.field);
}

function placeholders(prose: Prose, warn: Warn): void {
  const text = prose.chars.join('');
  const byLine = new Map<number, Set<string>>();
  for (const m of text.matchAll(PLACEHOLDER)) {
    const first = Array.from(text.slice(0, m.index)).length;
    const last = first + Array.from(m[0]).length - 1;
    const plain = /^[xXＸｘ]/.test(m[0]) && !/^(?:19|20)/.test(m[0]);
    // A bare `xx` is a placeholder only in Chinese text: `XX月`, `XX副书记`, not `xx-large`.
    if (plain && !CJK.test(prose.chars[first - 1] ?? '') && !CJK.test(prose.chars[last + 1] ?? '')) continue;
    const line = prose.lines[first]!;
    byLine.set(line, (byLine.get(line) ?? new Set()).add(m[0]));
  }
  for (const [line, tokens] of byLine) {
    const shown = [...tokens].map((t) => `“${t}”`).join('');
    warn(line, `留有未替换的占位符${shown}`, '填写实际的年份、日期、单位或姓名', prose.field);
  }
}

/** Up to eight characters either side of `i` on the same line, for finding the spot in a long paragraph. */
function excerpt({ chars, lines }: Prose, i: number): string {
  const sameLine = (j: number) => j >= 0 && j < chars.length && lines[j] === lines[i] && chars[j] !== '\n';
  let start = i;
  let end = i;
  while (start > i - 8 && sameLine(start - 1)) start--;
  while (end < i + 8 && sameLine(end + 1)) end++;
  const text = chars.slice(start, end + 1).join('').replace(/\uFFFC+/g, '…');
  return `${sameLine(start - 1) ? '…' : ''}${text}${sameLine(end + 1) ? '…' : ''}`;
}

/** The prose of a Markdown body: one run per paragraph, heading, table cell and image caption. */
function proseOfMarkdown(body: string, bodyLine: number): Prose[] {
  const blocks: Prose[] = [];
  const toFileLine = (line: number | undefined) => bodyLine + (line ?? 1) - 1;
  const walk = (node: Nodes): void => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      const prose: Prose = { chars: [], lines: [] };
      node.children.forEach((child) => flatten(child, prose));
      blocks.push(prose);
      return;
    }
    if (node.type === 'code' || node.type === 'html' || node.type === 'definition') return;
    if ('children' in node) node.children.forEach(walk);
  };
  const flatten = (node: PhrasingContent, prose: Prose): void => {
    const line = toFileLine(node.position?.start.line);
    switch (node.type) {
      case 'text': {
        let current = line;
        const chars = Array.from(node.value.replace(URL, (url) => OBJECT.repeat(Array.from(url).length)));
        chars.forEach((c, i) => {
          prose.chars.push(c);
          prose.lines.push(current);
          // Line endings as Markdown counts them: LF, CRLF, and a lone CR.
          if (c === '\n' || (c === '\r' && chars[i + 1] !== '\n')) current++;
        });
        return;
      }
      case 'break':
        prose.chars.push('\n');
        prose.lines.push(line);
        return;
      case 'link':
        if (isAutolink(node)) break;
        node.children.forEach((child) => flatten(child, prose));
        return;
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'linkReference':
        node.children.forEach((child) => flatten(child, prose));
        return;
      case 'image':
      case 'imageReference':
        // The alt text is printed as the figure caption: it is prose of its own.
        if (node.alt) {
          const alt = Array.from(node.alt);
          blocks.push({ chars: alt, lines: alt.map(() => line) });
        }
        break;
    }
    prose.chars.push(OBJECT);
    prose.lines.push(line);
  };
  walk(parser.parse(body));
  return blocks;
}

/** `<https://…>`, or a bare URL GFM turned into a link: its text is the address itself. */
function isAutolink(node: Extract<PhrasingContent, { type: 'link' }>): boolean {
  const [only] = node.children;
  if (node.children.length !== 1 || only?.type !== 'text') return false;
  return node.url === only.value || node.url.replace(/^(?:mailto:|https?:\/\/)/, '') === only.value.replace(/^https?:\/\//, '');
}
