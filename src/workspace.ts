import { InputError, type Diagnostic } from './diagnostics/diagnostic.ts';
import { listMarkdown } from './load/list-markdown.ts';
import { loadConfig } from './load/load-workspace.ts';
import { SourceFiles } from './load/source-files.ts';
import { workspacePaths, type WorkspacePaths } from './load/workspace-paths.ts';
import { continueTotals, type IssueHeader } from './validate/numbering.ts';
import { validateConfig, validateIssueHeader, type ValidConfig } from './validate/validate-workspace.ts';

/** A workspace opened for a command: its config validated and its issues' headers read. */
export interface Workspace {
  paths: WorkspacePaths;
  /** The workspace's files as this run reads them: once each. */
  sources: SourceFiles;
  config: ValidConfig;
  /** Headers of every valid issue file under issues/ (numbering and listings need them all). */
  headers: IssueHeader[];
  /** Problems found in the issue headers; `check` reports them, `build` only for its issues. */
  headerDiagnostics: Diagnostic[];
  /** 总第N期 of every issue, as written or continued from the previous one. */
  totals: Map<string, number>;
  /** Warnings about the config, to show once. */
  warnings: Diagnostic[];
  /** Issue files with errors, with what could still be read of them. */
  brokenIssues: Array<{ file: string; publication?: string; date?: string }>;
}

/** Opens the workspace at `root`; an invalid config stops here with every problem in it. */
export async function openWorkspace(root: string): Promise<Workspace> {
  const paths = workspacePaths(root);
  const config = validateConfig(await loadConfig(paths));
  if (!config.value) throw new InputError(config.diagnostics);
  const sources = new SourceFiles(paths);
  const headers: IssueHeader[] = [];
  const headerDiagnostics: Diagnostic[] = [];
  const brokenIssues: Workspace['brokenIssues'] = [];
  // Every file asked for at once, then taken in order: one at a time, a hundred issues
  // waited a hundred times on the file system's threads before the first could print.
  const documents = (await listMarkdown(paths.issues)).map((file) => sources.document(file));
  for (const pending of documents) {
    const doc = await pending;
    const header = validateIssueHeader(doc, config.value);
    headerDiagnostics.push(...header.diagnostics);
    if (!header.value) {
      const data = (doc.data ?? {}) as Record<string, unknown>;
      const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
      brokenIssues.push({ file: doc.file, publication: text(data.publication), date: text(data.date) });
    }
    if (header.value) {
      headers.push({
        file: doc.file,
        publication: header.value.publication,
        number: header.value.number,
        total: header.value.total,
        date: header.value.date,
        items: header.value.items,
        lineOf: (field) => doc.locate([field]),
      });
    }
  }
  return {
    paths,
    sources,
    config: config.value,
    headers,
    headerDiagnostics,
    totals: continueTotals(headers),
    warnings: config.diagnostics,
    brokenIssues,
  };
}
