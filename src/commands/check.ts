import { formatDiagnostic, InputError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { ExitCode } from '../diagnostics/exit-codes.ts';
import { listMarkdown } from '../load/list-markdown.ts';
import { loadIssue } from '../load/load-workspace.ts';
import { loadTemplate } from '../load/load-template.ts';
import { imageResolverFor } from '../load/resolve-image.ts';
import { createMarkdownRenderer } from '../markdown/render-markdown.ts';
import { lintSourceDocument } from '../validate/lint-item.ts';
import { numberingProblems } from '../validate/numbering.ts';
import { changedFiles, readArchiveRecords, type ArchiveRecord } from '../archive/archive-record.ts';
import { validateIssue, validateItem } from '../validate/validate-workspace.ts';
import { openWorkspace } from '../workspace.ts';

export interface CheckOptions {
  root: string;
  /** Warnings count as errors. */
  strict?: boolean;
}

/** Every problem in the workspace, in file and line order. */
export async function checkWorkspace(root: string): Promise<Diagnostic[]> {
  let workspace;
  try {
    workspace = await openWorkspace(root);
  } catch (error) {
    if (error instanceof InputError) return [...error.diagnostics];
    throw error;
  }
  const { paths, config } = workspace;
  const diagnostics: Diagnostic[] = [...workspace.warnings, ...workspace.headerDiagnostics];
  const render = createMarkdownRenderer();

  for (const file of await listMarkdown(paths.items)) {
    const doc = await workspace.sources.document(file);
    const item = validateItem(doc);
    diagnostics.push(...item.diagnostics);
    if (doc.diagnostics.length === 0) diagnostics.push(...lintSourceDocument(doc, 'item'));
    if (item.value) diagnostics.push(...render({ file: doc.file, source: doc.text, idPrefix: '', resolveImage: imageResolverFor(paths.root, file) }).diagnostics);
  }
  for (const file of await listMarkdown(paths.issues)) {
    const raw = await loadIssue(workspace.sources, file);
    // Header problems and items under items/ are reported above; here what an issue adds,
    // including items it lists from elsewhere in the workspace.
    const validated = validateIssue(raw, config);
    diagnostics.push(...raw.diagnostics);
    diagnostics.push(...validated.diagnostics.filter((d) => !d.file.startsWith('items/') && d.file !== raw.doc.file));
    if (raw.doc.diagnostics.length === 0) diagnostics.push(...lintSourceDocument(raw.doc, 'issue'));
    if (validated.value) {
      diagnostics.push(...render({ file: raw.doc.file, source: raw.doc.text, idPrefix: '', resolveImage: imageResolverFor(paths.root, file) }).diagnostics);
    }
  }
  for (const publication of config.publications.values()) {
    if (!(await loadTemplate(publication.template, paths.templates))) {
      diagnostics.push({
        severity: 'error',
        file: 'bulletin.config.yml',
        field: `publications.${publication.key}.template`,
        message: `刊物“${publication.name}”的模板“${publication.template}”不存在`,
        hint: '内置模板有 special-report、work-dynamics；自定义模板放在 templates/<名称>/issue.hbs',
      });
    }
  }
  diagnostics.push(...numberingProblems(workspace.headers));
  diagnostics.push(...(await frozenFileProblems(paths.root)));
  return dedupe(diagnostics);
}

/** Files of an archived issue edited since: what was published must not change silently. */
async function frozenFileProblems(root: string): Promise<Diagnostic[]> {
  const records = await readArchiveRecords(root);
  const latest = new Map<string, ArchiveRecord>();
  for (const { record } of records) if ((latest.get(record.issue)?.revision ?? 0) < record.revision) latest.set(record.issue, record);
  const problems: Diagnostic[] = [];
  for (const record of latest.values()) {
    for (const file of await changedFiles(root, record)) {
      problems.push({
        severity: 'error',
        code: 'frozen',
        file,
        line: 1,
        message: `此文件已随《${record.title}》归档（标签 ${record.tag}），归档后不得修改`,
        hint: `恢复归档内容：git checkout ${record.tag} -- ${file}；确需更正请用 bulletin archive ${record.issue} --correct "更正理由"`,
      });
    }
  }
  return problems;
}

/** `bulletin check`: prints every problem as `path:line: message`; exit 1 if any error. */
export async function checkCommand(options: CheckOptions): Promise<number> {
  const found = await checkWorkspace(options.root);
  const diagnostics = options.strict ? found.map((d) => ({ ...d, severity: 'error' as const })) : found;
  for (const d of diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  process.stderr.write(errors + warnings === 0 ? '检查通过：没有发现问题\n' : `检查完成：${errors} 个错误，${warnings} 个警告\n`);
  return errors > 0 ? ExitCode.invalidInput : ExitCode.ok;
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics
    .filter((d) => {
      const key = formatDiagnostic(d);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}
