/**
 * Problems found in the user's files are values, not exceptions: every stage collects them
 * as Diagnostics so that one run reports all of them, each as `path:line: message`.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Path as the editor sees it: relative to the workspace root where possible. */
  file: string;
  /** 1-based line in `file`; absent when the problem concerns the whole file. */
  line?: number;
  /** The front-matter or config field concerned, e.g. `date` or `publications.special-report.name`. */
  field?: string;
  /** What is wrong, in Chinese. */
  message: string;
  /** How to fix it, in Chinese. */
  hint?: string;
  /** A stable name for the kind of problem, for code that must tell kinds apart. */
  code?: 'frozen';
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line ? `${d.file}:${d.line}` : d.file;
  const label = d.severity === 'warning' ? '警告：' : '';
  const hint = d.hint ? `（${d.hint}）` : '';
  return `${where}: ${label}${d.message}${hint}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * Thrown when user input makes it impossible to go on. It carries every diagnostic found
 * so far, so the CLI can print them all and exit with the input-error code.
 */
export class InputError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'InputError';
    this.diagnostics = diagnostics;
  }
}

/** Throws an InputError when any of the diagnostics is an error; warnings pass. */
export function throwIfErrors(diagnostics: readonly Diagnostic[]): void {
  if (hasErrors(diagnostics)) throw new InputError(diagnostics);
}
