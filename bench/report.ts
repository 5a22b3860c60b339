/**
 * The benchmark's results: one row per run, the table printed to the terminal, and the
 * targets of the performance issue, each judged against what was measured.
 */

export type RunName = 'cold' | 'unchanged' | 'edited' | 'limit' | 'cold --no-preflight' | 'md-to-pdf' | 'pagedjs-cli';

export interface RunResult {
  run: RunName;
  /** Issues in the workspace of this run. */
  size: number;
  /** Issues this run processed: `size`, or the peers' sample of it. */
  issues: number;
  /** Wall time in seconds; null when the run could not be made (see `error`). */
  wallSeconds: number | null;
  /** Wall time of the whole child process (the same as wallSeconds). */
  processSeconds: number | null;
  /** Of the limit: from launching Chromium until it is closed after the last PDF, measured inside. */
  printSeconds?: number | null;
  secondsPerIssue: number | null;
  /** Peak of the summed VmRSS of the run's process tree, in MB (10^6 bytes). */
  peakRssMB: number | null;
  /** Peak of the summed PSS of the same tree, in MB (sampled every 2 s: null for a shorter run). */
  peakPssMB: number | null;
  peakProcesses: number | null;
  /** CPU time of the run's whole process tree, user and system (a lower bound: measure-process.ts). */
  cpuSeconds?: number | null;
  /** secondsPerIssue divided by the limit's at the same size. */
  ratioToLimit: number | null;
  /** PDFs written (or rewritten) by this run, and their pages. */
  pdfs: number | null;
  pages: number | null;
  exitCode: number | null;
  note?: string;
  /** Why the run failed or did not finish cleanly (non-zero exit, missing output). */
  error?: string;
  /** Every wall time when the run was repeated (the row shows the median pair's). */
  tries?: number[];
  /** Of the cold row at the main size: cold ÷ limit of every pair run, in the order run. */
  pairRatios?: number[];
  /** The same for the CPU time of the process trees: what the machine's other tenants move least. */
  pairCpuRatios?: number[];
  /** The last lines of the run's standard error when it failed. */
  stderrTail?: string[];
}

export interface Target {
  name: string;
  target: string;
  measured: string;
  /** null: not measured in this run. */
  met: boolean | null;
}

/** A cold build and a limit run one after the other on the same workspace. */
export interface Pair {
  cold: RunResult;
  limit: RunResult;
}

/**
 * The pair whose cold ÷ limit is the median of the pairs' (the upper one of an even count),
 * so that neither a lucky nor an unlucky run makes the figure; its cold row carries every
 * pair's ratio and every try's wall time, and both rows the highest memory peaks of all.
 */
export function medianPair(pairs: Pair[]): Pair {
  const ratio = (p: Pair) => p.cold.secondsPerIssue! / p.limit.secondsPerIssue!;
  const valid = pairs.filter((p) => !p.cold.error && !p.limit.error && p.cold.secondsPerIssue !== null && p.limit.secondsPerIssue);
  const chosen = valid.length > 0 ? [...valid].sort((a, b) => ratio(a) - ratio(b))[Math.floor(valid.length / 2)]! : pairs[0]!;
  const peak = (rows: RunResult[], key: 'peakRssMB' | 'peakPssMB') => rows.reduce<number | null>((m, r) => (r[key] === null ? m : Math.max(m ?? 0, r[key]!)), null);
  const withAll = (row: RunResult, rows: RunResult[]): RunResult => ({
    ...row,
    tries: rows.map((r) => r.wallSeconds ?? NaN),
    peakRssMB: peak(rows, 'peakRssMB'),
    peakPssMB: peak(rows, 'peakPssMB'),
  });
  const cpuRatios = valid.filter((p) => p.cold.cpuSeconds && p.limit.cpuSeconds).map((p) => p.cold.cpuSeconds! / p.limit.cpuSeconds!);
  return {
    cold: { ...withAll(chosen.cold, pairs.map((p) => p.cold)), pairRatios: valid.map(ratio), ...(cpuRatios.length > 0 ? { pairCpuRatios: cpuRatios } : {}) },
    limit: withAll(chosen.limit, pairs.map((p) => p.limit)),
  };
}

/** The middle value (the upper middle of an even count). */
function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

const MB = 1e6;
export const toMB = (bytes: number) => Math.round(bytes / MB);

/** Fills in each row's ratio to the limit run of the same size. */
export function withRatios(rows: RunResult[]): RunResult[] {
  return rows.map((row) => {
    const limit = rows.find((r) => r.run === 'limit' && r.size === row.size);
    const ratio = limit?.secondsPerIssue && row.secondsPerIssue !== null ? row.secondsPerIssue / limit.secondsPerIssue : null;
    return { ...row, ratioToLimit: ratio };
  });
}

export function formatTable(rows: RunResult[]): string {
  const header = ['run', 'issues', 'wall s', 's/issue', 'CPU s', 'peak MB', '(PSS)', '× limit', 'PDFs', 'pages', 'note'];
  const fixed = (n: number | null, digits: number) => (n === null ? '—' : n.toFixed(digits));
  const body = rows.map((r) => [
    r.run,
    r.issues === r.size ? String(r.issues) : `${r.issues}/${r.size}`,
    fixed(r.wallSeconds, 2),
    fixed(r.secondsPerIssue, 3),
    fixed(r.cpuSeconds ?? null, 1),
    r.peakRssMB === null ? '—' : String(r.peakRssMB),
    r.peakPssMB === null ? '—' : String(r.peakPssMB),
    fixed(r.ratioToLimit, 2),
    r.pdfs === null ? '—' : String(r.pdfs),
    r.pages === null ? '—' : String(r.pages),
    [r.note, r.error && `FAILED (${r.error.split(':')[0]})`].filter(Boolean).join('; '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const numeric = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === cells.length - 1 ? c.padEnd(widths[i]!) : numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

export function formatTargets(targets: Target[]): string {
  const mark = (met: boolean | null) => (met === null ? 'not measured' : met ? 'met' : 'NOT met');
  return targets.map((t) => `- ${t.name}: ${t.target} — measured ${t.measured} — ${mark(t.met)}`).join('\n');
}

/** The targets of the issue, judged at `size` issues (100 by default), with the scaling runs. */
export function evaluateTargets(rows: RunResult[], size: number): Target[] {
  const at = (run: RunName) => rows.find((r) => r.run === run && r.size === size && !r.error && r.wallSeconds !== null);
  const cold = at('cold');
  const limit = at('limit');
  const unchanged = at('unchanged');
  const edited = at('edited');
  const targets: Target[] = [];
  const unmeasured = (name: string, target: string): Target => ({ name, target, measured: '—', met: null });

  targets.push(
    cold?.ratioToLimit != null
      ? {
          name: 'cold build',
          target: `≤ 1.15 × the limit at ${size} issues`,
          measured:
            `${cold.ratioToLimit.toFixed(3)} × (${cold.wallSeconds!.toFixed(1)} s vs ${limit!.wallSeconds!.toFixed(1)} s` +
            (cold.pairRatios && cold.pairRatios.length > 1 ? `; the median of ${cold.pairRatios.length} pairs: ${cold.pairRatios.map((r) => r.toFixed(2)).join(', ')})` : ')') +
            (cold.pairCpuRatios && cold.pairCpuRatios.length > 0
              ? `; CPU time of the process trees, cold ÷ limit, median ${median(cold.pairCpuRatios).toFixed(3)} (pairs: ${cold.pairCpuRatios.map((r) => r.toFixed(2)).join(', ')})`
              : ''),
          met: cold.ratioToLimit <= 1.15,
        }
      : unmeasured('cold build', '≤ 1.15 × the limit'),
  );
  // Mostly fixed cost (starting Node, reading the workspace): 1.5 s up to 100 issues, pro rata above.
  const scaledLimit = 1.5 * Math.max(1, size / 100);
  targets.push(
    unchanged
      ? { name: 'nothing changed', target: `< ${scaledLimit.toFixed(2)} s for ${size} issues (1.5 s for 100)`, measured: `${unchanged.wallSeconds!.toFixed(2)} s, ${unchanged.pdfs} PDFs rewritten`, met: unchanged.wallSeconds! < scaledLimit && unchanged.pdfs === 0 }
      : unmeasured('nothing changed', '< 1.5 s for 100 issues'),
  );
  targets.push(
    edited
      ? { name: 'one item edited', target: 'only the 1 issue using it is rebuilt', measured: `${edited.pdfs} PDF(s) rewritten in ${edited.wallSeconds!.toFixed(2)} s`, met: edited.pdfs === 1 }
      : unmeasured('one item edited', 'only the issue using it is rebuilt'),
  );
  for (const [peer, factor] of [['md-to-pdf', 3], ['pagedjs-cli', 5]] as const) {
    const row = at(peer);
    const failed = rows.find((r) => r.run === peer && r.size === size && r.error);
    targets.push(
      row && cold
        ? { name: `vs ${peer}`, target: `≥ ${factor}× faster per issue`, measured: `${(row.secondsPerIssue! / cold.secondsPerIssue!).toFixed(2)}× (${row.secondsPerIssue!.toFixed(3)} vs ${cold.secondsPerIssue!.toFixed(3)} s/issue)`, met: row.secondsPerIssue! / cold.secondsPerIssue! >= factor }
        : { ...unmeasured(`vs ${peer}`, `≥ ${factor}× faster per issue`), measured: failed ? `could not run: ${failed.error}` : '—' },
    );
  }
  const ours = rows.filter((r) => (r.run === 'cold' || r.run === 'unchanged' || r.run === 'edited') && r.peakRssMB !== null && !r.error);
  const worst = ours.reduce<RunResult | undefined>((a, r) => (!a || r.peakRssMB! > a.peakRssMB! ? r : a), undefined);
  targets.push(
    worst
      ? { name: 'peak memory', target: '< 1500 MB (summed RSS of the whole process tree, every build run)', measured: `${worst.peakRssMB} MB (${worst.run}, ${worst.size} issues; PSS ${worst.peakPssMB ?? '—'} MB)`, met: worst.peakRssMB! < 1500 }
      : unmeasured('peak memory', '< 1500 MB'),
  );
  const colds = rows.filter((r) => r.run === 'cold' && r.secondsPerIssue !== null).sort((a, b) => a.size - b.size);
  const base = colds.find((r) => r.size === size);
  const largest = colds[colds.length - 1];
  targets.push(
    colds.length >= 2 && base && largest && largest.size > size
      ? {
          name: 'linear cost',
          target: `s/issue at ${largest.size} issues ≤ 1.15 × s/issue at ${size}`,
          // The ratio to the limit at each size shows whether a change in s/issue is the
          // pipeline's or the machine's (other work slows the limit as much as the build).
          measured: `${colds.map((r) => `${r.size}: ${r.secondsPerIssue!.toFixed(3)}`).join(', ')} s/issue (× limit ${colds.map((r) => r.ratioToLimit?.toFixed(2) ?? '—').join(', ')})`,
          met: largest.secondsPerIssue! <= 1.15 * base.secondsPerIssue!,
        }
      : unmeasured('linear cost', 'seconds per issue flat from 25 to 400 issues'),
  );
  return targets;
}
