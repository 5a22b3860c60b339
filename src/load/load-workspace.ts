import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { parseFrontMatter, parseYaml, type FrontMatterFile, type ParsedYaml } from './front-matter.ts';
import { displayPath, resolveInside, type WorkspacePaths } from './workspace-paths.ts';

/** A Markdown file read from the workspace, front-matter parsed but not yet validated. */
export interface SourceDocument extends FrontMatterFile {
  /** Path relative to the workspace root, as printed in messages. */
  file: string;
  absPath: string;
  text: string;
}

export interface RawConfig extends ParsedYaml {
  file: string;
}

/** An issue file and every item file it lists, as read from disk. */
export interface RawIssue {
  doc: SourceDocument;
  /** The items by the path written in the issue; absent when the file could not be read. */
  items: Map<string, SourceDocument>;
  diagnostics: Diagnostic[];
}

export async function loadConfig(paths: WorkspacePaths): Promise<RawConfig> {
  const file = displayPath(paths.root, paths.config);
  let text: string;
  try {
    text = await readFile(paths.config, 'utf8');
  } catch {
    return {
      file,
      data: undefined,
      locate: () => 1,
      diagnostics: [
        {
          severity: 'error',
          file,
          message: `找不到配置文件 bulletin.config.yml（工作区：${paths.root}）`,
          hint: '在工作区根目录创建它，或用 --root 指定工作区',
        },
      ],
    };
  }
  return { file, ...parseYaml(text, file) };
}

export async function loadDocument(paths: WorkspacePaths, absPath: string): Promise<SourceDocument> {
  const file = displayPath(paths.root, absPath);
  const text = decodeUtf8(await readFile(absPath));
  if (text === undefined) {
    return {
      file,
      absPath,
      text: '',
      data: undefined,
      locate: () => 1,
      body: '',
      bodyLine: 1,
      hasFrontMatter: true,
      diagnostics: [
        {
          severity: 'error',
          file,
          line: 1,
          message: '文件不是 UTF-8 编码（可能是 GBK 或 GB2312），读出来会是乱码',
          hint: '用记事本或 WPS“另存为”，编码选 UTF-8 后再保存',
        },
      ],
    };
  }
  return { file, absPath, text, ...parseFrontMatter(stripBom(text), file) };
}

/** The text of UTF-8 bytes, or undefined when they are not UTF-8 (an item saved as GBK). */
function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Reads an issue file and the items it lists. Problems reading items become diagnostics. */
export async function loadIssue(paths: WorkspacePaths, issuePath: string): Promise<RawIssue> {
  const doc = await loadDocument(paths, issuePath);
  const diagnostics: Diagnostic[] = [];
  const items = new Map<string, SourceDocument>();
  const listed = (doc.data as { items?: unknown } | undefined)?.items;
  if (Array.isArray(listed)) {
    await Promise.all(
      listed.map(async (entry, index) => {
        if (typeof entry !== 'string' || entry === '') return; // the schema reports it
        const problem = (message: string, hint: string) =>
          diagnostics.push({ severity: 'error', file: doc.file, line: doc.locate(['items', index]), field: `items.${index}`, message, hint });
        const abs = resolveInside(paths.root, paths.root, entry);
        if (!abs) return problem(`信息路径“${entry}”指向工作区之外`, '只能采用工作区 items/ 下的信息文件');
        if (!entry.endsWith('.md')) return problem(`信息路径“${entry}”不是 Markdown 文件`, '信息文件应以 .md 结尾');
        try {
          items.set(entry, await loadDocument(paths, abs));
        } catch {
          problem(`找不到信息文件“${entry}”`, '检查路径拼写；路径相对于工作区根目录，如 items/2026/11/a.md');
        }
      }),
    );
  }
  return { doc, items, diagnostics };
}

/** Every `*.md` below `dir`, at any depth, in file-name order; none when `dir` is missing. */
export async function listMarkdown(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // code-unit order: the same on every machine
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
