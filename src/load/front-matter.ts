import matter from 'gray-matter';
import { LineCounter, parseDocument, isAlias, isMap, isSeq, isScalar, visit, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { readPlainYaml } from './plain-yaml.ts';

/** A path into parsed YAML, as zod reports it: keys and array indexes. */
export type FieldPath = readonly PropertyKey[];

/** Maps a field path to the 1-based line of the source file where it is written. */
export type LineLocator = (path: FieldPath) => number;

export interface ParsedYaml {
  data: unknown;
  locate: LineLocator;
  diagnostics: Diagnostic[];
}

/**
 * Parses YAML with the `yaml` package (YAML 1.2 core schema: `2026-11-18` stays a string, so a
 * bad date is ours to report, not silently turned into a Date) and keeps the positions, so
 * every later diagnostic can name its line. `firstLine` is the file line the YAML starts on.
 * Plain front-matter is read by the quicker js-yaml to the same data (plain-yaml.ts), and
 * parsed by `yaml` only if a diagnostic asks where a field is.
 */
export function parseYaml(text: string, file: string, firstLine = 1): ParsedYaml {
  const plain = readPlainYaml(text);
  if (!plain) return parseYamlFully(text, file, firstLine);
  let full: ParsedYaml | undefined;
  return { data: plain.data, diagnostics: [], locate: (path) => (full ??= parseYamlFully(text, file, firstLine)).locate(path) };
}

function parseYamlFully(text: string, file: string, firstLine: number): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const diagnostics: Diagnostic[] = doc.errors.map((e) => ({
    severity: 'error',
    file,
    line: toLine(e.pos[0]),
    message: `YAML 语法错误：${translateYamlError(e.code, e.message)}`,
    hint: '检查冒号、缩进和引号；字段写成“名称: 值”，冒号后留一个空格',
  }));
  if (diagnostics.length === 0) diagnostics.push(...unresolvedAliases(doc, file, toLine));
  let data: unknown;
  if (diagnostics.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      // The one failure left once every alias has its anchor: too many expansions.
      diagnostics.push({
        severity: 'error',
        file,
        line: toLine(firstAliasOffset(doc)),
        message: 'YAML 中的引用（“*”）展开后内容过多，文件可能是被恶意构造的',
        hint: '删去字段区中的“&”锚点和“*”引用，把各值直接写出来',
      });
    }
  }
  return { data, diagnostics, locate: (path) => toLine(offsetOf(doc, path)) };
}

/**
 * Alias expansions beyond what any front-matter needs (the `yaml` package's own default):
 * a "billion laughs" document, built to exhaust memory, makes toJS throw, which is caught.
 */
const MAX_ALIAS_COUNT = 100;

/**
 * An alias (`*name`) with no anchor (`&name`) before it — mostly an editor's `*` meant as
 * text — on which toJS would throw, or one inside the value it refers to, which toJS would
 * make a circular object of. Reported at the alias.
 */
function unresolvedAliases(doc: Document, file: string, toLine: (offset: number) => number): Diagnostic[] {
  // An anchor name may be given again: an alias refers to the latest node that took it.
  const anchors = new Map<string, unknown>();
  const problems: Diagnostic[] = [];
  visit(doc, (_key, node, path) => {
    if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor) anchors.set(node.anchor, node);
    if (!isAlias(node)) return undefined;
    const line = toLine(node.range?.[0] ?? 0);
    const hint = `“*”开头的值在 YAML 中表示引用；如果本意是文字，请给值加引号，例如 "*${node.source}"`;
    if (!anchors.has(node.source)) {
      problems.push({ severity: 'error', file, line, message: `YAML 语法错误：“*${node.source}”是对锚点“&${node.source}”的引用，但前面没有这个锚点`, hint });
    } else if (path.includes(anchors.get(node.source) as never)) {
      // A value containing itself: every later stage would walk it forever.
      problems.push({ severity: 'error', file, line, message: `YAML 语法错误：“*${node.source}”引用了包含它自己的值`, hint });
    }
    return problems.length > 0 ? visit.BREAK : undefined;
  });
  return problems;
}

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, { Alias: (_key, node) => ((offset = node.range?.[0] ?? 0), visit.BREAK) });
  return offset;
}

function translateYamlError(code: string, message: string): string {
  const known: Record<string, string> = {
    DUPLICATE_KEY: '同一字段写了两次',
    BAD_INDENT: '缩进不正确',
    MISSING_CHAR: '缺少必要的符号',
    BLOCK_AS_IMPLICIT_KEY: '缺少冒号或缩进有误',
    MULTILINE_IMPLICIT_KEY: '字段名不能跨行，可能缺少冒号',
    UNEXPECTED_TOKEN: '出现了意外的符号',
    TAB_AS_INDENT: '不能用 Tab 缩进，请改用空格',
    BAD_SCALAR_START: '值的开头有不能直接使用的符号，请给值加引号',
  };
  const first = message.split('\n')[0];
  return known[code] ? `${known[code]}（${first}）` : first;
}

/** Offset of the deepest node of `path` that exists: the key of a pair, or an item of a list. */
function offsetOf(doc: Document, path: FieldPath): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment];
      offset = (node as Node).range?.[0] ?? offset;
    } else break;
  }
  return offset;
}

export interface FrontMatterFile extends ParsedYaml {
  /** The Markdown after the front-matter. */
  body: string;
  /** 1-based file line on which `body` starts. */
  bodyLine: number;
  /** Whether the file had a front-matter block at all. */
  hasFrontMatter: boolean;
}

/** Splits a Markdown file into its front-matter (parsed, with lines) and its body. */
export function parseFrontMatter(original: string, file: string): FrontMatterFile {
  // A file saved on Windows ends its lines with CRLF; lines are what matter, not their ends.
  const text = original.replace(/\r\n?/g, '\n');
  const opening = /^---([^\n]*)\n/.exec(text);
  if (opening && opening[1]!.trim() !== '') {
    // gray-matter would take `---js` as a language and eval() the block: never let it see one.
    return {
      data: undefined,
      locate: () => 1,
      diagnostics: [
        {
          severity: 'error',
          file,
          line: 1,
          message: `字段区的第一行应只有“---”，现为“---${opening[1]}”`,
          hint: '删去“---”后面的文字；字段区一律用 YAML 书写',
        },
      ],
      body: text,
      bodyLine: 1,
      hasFrontMatter: true,
    };
  }
  let parsed: ParsedYaml | undefined;
  // gray-matter finds the block; the `yaml` engine keeps the positions. Passing options
  // also keeps gray-matter from serving a cached result for identical text.
  const result = matter(text, {
    language: 'yaml',
    engines: {
      yaml: (source: string) => {
        const firstLine = lineOfOffset(text, text.indexOf(source));
        parsed = parseYaml(source, file, firstLine);
        return (parsed.data ?? {}) as object;
      },
    },
  });
  const bodyOffset = text.length - result.content.length;
  // An empty block (`---` then `---`) is a front-matter with no fields, not none at all.
  const empty = parsed === undefined && opening !== null && bodyOffset > 0;
  return {
    data: parsed ? parsed.data : {},
    locate: parsed ? parsed.locate : () => 1,
    diagnostics: parsed ? parsed.diagnostics : [],
    body: result.content,
    bodyLine: lineOfOffset(text, bodyOffset),
    hasFrontMatter: parsed !== undefined || empty,
  };
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
