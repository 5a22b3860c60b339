import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { parseYaml, type ParsedYaml } from './front-matter.ts';
import type { SourceDocument, SourceFiles } from './source-files.ts';
import { displayPath, resolveInside, type WorkspacePaths } from './workspace-paths.ts';

export type { SourceDocument } from './source-files.ts';

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

/** Reads an issue file and the items it lists, through the run's sources. Problems reading items become diagnostics. */
export async function loadIssue(sources: SourceFiles, issuePath: string): Promise<RawIssue> {
  const { paths } = sources;
  const doc = await sources.document(issuePath);
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
          items.set(entry, await sources.document(abs));
        } catch {
          problem(`找不到信息文件“${entry}”`, '检查路径拼写；路径相对于工作区根目录，如 items/2026/11/a.md');
        }
      }),
    );
  }
  return { doc, items, diagnostics };
}

