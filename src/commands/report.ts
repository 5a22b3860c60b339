import { formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';

/** Prints diagnostics to stderr, each once, in file and line order. */
export function reportDiagnostics(diagnostics: readonly Diagnostic[]): void {
  const seen = new Set<string>();
  const sorted = [...diagnostics].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  for (const d of sorted) {
    const line = formatDiagnostic(d);
    if (seen.has(line)) continue;
    seen.add(line);
    process.stderr.write(`${line}\n`);
  }
}
