/**
 * `npm run bench`: how fast `bulletin build` is, against what printing alone costs and
 * against two general tools, on a synthetic workspace (generate-workspace.ts).
 *
 * For each size (default 100 issues, then 25 and 400 for the scaling runs), in one run on
 * one machine with one Chromium:
 *   cold       `bulletin build` on the fresh workspace (no dist/, no cache, no browser)
 *   unchanged  the same again, nothing changed
 *   edited     the same after editing one item (adopted by exactly one issue)
 *   limit      the pipeline's HTML for every issue (limit-html.ts, untimed) printed by Puppeteer
 *              alone (print-limit.ts, bundled and run as the tool is)
 * and at the main size only, the peers on each issue's items as one Markdown document
 * (by default on an evenly spaced sample of 25 issues, --peer-issues all for every one):
 *   md-to-pdf, pagedjs-cli (peer-md-to-pdf.ts, peer-pagedjs.ts)
 *
 * Every run is a child process: wall time from outside, Node's start included for the build
 * and the limit alike, peak memory of its whole process tree
 * (measure-process.ts). Which PDFs a build wrote is read from their inode and mtime, so it
 * does not depend on what the build prints.
 *
 *   npm run bench                       100 issues, peers on 25 of them, scaling runs (about 15 minutes)
 *   npm run bench -- --quick            10 issues, no peers, no scaling: a smoke run
 *   npm run bench -- --issues 50 --no-peers --no-scaling --keep
 *   npm run bench -- --peer-issues all  the peers on every issue too (10 minutes more)
 *   npm run bench -- --breakdown        also a cold build without preflight, to see its share
 *   npm run bench -- --repeat 5         5 pairs of cold and limit at the main size (default 9), the median pair shown
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, editOneItem, generateWorkspace, type GeneratedWorkspace } from './generate-workspace.ts';
import { describeMachine, packageVersion } from './machine-info.ts';
// @ts-expect-error: plain JavaScript (Node built-ins only, run before npm install), without types
import { bundleScript, compile } from '../scripts/compiled.js';
import { V8_FLAGS } from '../scripts/v8-flags.js';
import { measureProcess, type Measured } from './measure-process.ts';
import { changed, countPages, pdfsIn, snapshot, type Stamp } from './pdf-files.ts';
import { preparePeerInputs } from './peer-inputs.ts';
import { evaluateTargets, formatTable, formatTargets, medianPair, toMB, withRatios, type Pair, type RunName, type RunResult } from './report.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(REPO, 'bench/results');

const { values: opts } = parseArgs({
  options: {
    issues: { type: 'string', default: '100' },
    scaling: { type: 'boolean' },
    'no-scaling': { type: 'boolean' },
    peers: { type: 'boolean' },
    'no-peers': { type: 'boolean' },
    'peer-issues': { type: 'string', default: '25' },
    breakdown: { type: 'boolean', default: false },
    repeat: { type: 'string' },
    quick: { type: 'boolean', default: false },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    keep: { type: 'boolean', default: false },
  },
});
const quick = opts.quick;
const mainSize = quick ? 10 : Number(opts.issues);
if (!Number.isInteger(mainSize) || mainSize < 1) throw new Error(`--issues wants a positive whole number, not ${opts.issues}`);
const scaling = opts['no-scaling'] ? false : (opts.scaling ?? !quick);
const peers = opts['no-peers'] ? false : (opts.peers ?? !quick);
const seed = Number(opts.seed);
const peerIssues = opts['peer-issues'] === 'all' ? Infinity : Number(opts['peer-issues']);
if (!(peerIssues >= 1)) throw new Error(`--peer-issues wants a positive whole number or "all", not ${opts['peer-issues']}`);
// Nine pairs by default: on this shared 2-core VM a single pair's cold ÷ limit ranges over
// ±0.2 with the machine (0.79–1.35 in one run), and the median of five still moved by about
// ±0.06 from run to run; of nine, by some three quarters of that.
const repeatPairs = Number(opts.repeat ?? (quick ? 1 : 9));
if (!Number.isInteger(repeatPairs) || repeatPairs < 1) throw new Error(`--repeat wants a positive whole number, not ${opts.repeat}`);
const sizes = [mainSize, ...(scaling ? [25, 400].filter((n) => n !== mainSize) : [])];

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const startedAt = new Date();
const machine = describeMachine();
log(`${machine.cpuModel} × ${machine.cpus}, ${machine.memoryGB} GB, Node ${machine.node}, ${machine.chromium}`);
log(`sizes: ${sizes.join(', ')} issues; peers: ${peers ? 'yes' : 'no'}; seed ${seed}`);
const tmp = await mkdtemp(path.join(os.tmpdir(), 'bulletin-bench-'));
const CODE = await freezeCode(path.join(tmp, 'code'));
const BIN = path.join(CODE, 'bin/bulletin.js');
const LIMIT = path.join(CODE, '.compiled', 'bench', 'print-limit.cjs');
const RUN_BUNDLE = path.join(CODE, 'scripts', 'run-bundle.js');
const node = (args: string[], timeoutMs: number) => measureProcess(process.execPath, args, { cwd: CODE, timeoutMs });
const tsx = (script: string, ...args: string[]) => ['--import', 'tsx', path.join(CODE, 'bench', script), ...args];
const rows: RunResult[] = [];
try {
  await primeCodeCaches();
  for (const size of sizes) rows.push(...(await benchSize(size, peers && size === mainSize)));
} finally {
  if (opts.keep) log(`workspaces and outputs kept in ${tmp}`);
  else await rm(tmp, { recursive: true, force: true });
}

const order: RunName[] = ['cold', 'unchanged', 'edited', 'limit', 'cold --no-preflight', 'md-to-pdf', 'pagedjs-cli'];
const table = withRatios(rows).sort((a, b) => a.size - b.size || order.indexOf(a.run) - order.indexOf(b.run));
const targets = evaluateTargets(table, sizes.includes(100) ? 100 : mainSize);
const finishedAt = new Date();
process.stdout.write(`\n${formatTable(table)}\n\nTargets:\n${formatTargets(targets)}\n`);

const result = {
  startedAt: startedAt.toISOString(),
  finishedAt: finishedAt.toISOString(),
  durationSeconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
  options: { sizes, mainSize, repeat: repeatPairs, peers, peerIssues: Number.isFinite(peerIssues) ? peerIssues : 'all', scaling, seed, quick },
  machine: { ...machine, loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))) },
  notes: [
    'code: the working tree (bin, src, templates, bench) as copied at the start; commit is the HEAD it was on.',
    'wall: seconds from outside the child process (node start included), for the build and the limit alike; the limit\'s HTML is made beforehand by another, untimed process, and printSeconds is its time from launching Chromium until it is closed after the last PDF, measured inside.',
    'repeat: at the main size, cold and limit are run in `repeat` pairs, cold first in the 1st, 3rd… pair and the limit first in the others; the rows are the pair whose cold ÷ limit is the median (every pair\'s ratio in `pairRatios` in the order run, every wall time in `tries`); peaks are the highest of all tries.',
    'peak MB: peak over 100 ms samples of the summed VmRSS of the whole process tree (Chromium included); peakPssMB is the same with PSS (shared pages split between their users), sampled every 2 s because it is costly to read.',
    'cpuSeconds: user and system CPU time of the whole process tree, each process\'s last 100 ms sample summed (a lower bound); pairCpuRatios: cold ÷ limit of it for every pair. Unlike wall time it leaves out what the machine gave its other tenants (steal).',
    'PDFs: PDFs written by the run, read from their inode and mtime; pages: their pages (the limit prints the tail on a page of its own, so +1 per issue).',
  ],
  runs: table,
  targets,
};
await mkdir(RESULTS, { recursive: true });
const json = `${JSON.stringify(result, null, 2)}\n`;
if (quick) {
  await writeFile(path.join(RESULTS, 'quick.json'), json);
  log('written: bench/results/quick.json (a quick run never replaces latest.json)');
} else {
  const stamp = startedAt.toISOString().slice(0, 19).replace(/:/g, '-');
  await writeFile(path.join(RESULTS, 'latest.json'), json);
  await writeFile(path.join(RESULTS, `${stamp}.json`), json);
  log(`written: bench/results/latest.json and bench/results/${stamp}.json`);
}

/**
 * The build and the limit each run once, untimed, on a small workspace first: V8's code cache
 * of each (scripts/code-cache.js) is then as the first successful run after installing
 * leaves it, for every measured run alike, the first pair's included.
 */
async function primeCodeCaches(): Promise<void> {
  const workspace = await generateWorkspace({ root: path.join(tmp, 'prime', 'workspace'), issues: 3, seed });
  const built = await node([BIN, 'build', '--root', workspace.root], 300_000);
  if (built.exitCode !== 0) throw new Error(`the priming build failed: ${built.stderr.trim().split('\n').slice(-5).join('\n')}`);
  const limit = await limitRun(workspace.issues.length, await makeLimitHtml(workspace, path.join(tmp, 'prime', 'limit'), 300_000), 300_000);
  if (limit.error) throw new Error(`the priming limit failed: ${limit.error}`);
  log('code caches of the build and the limit made (untimed)');
}

/** Every run at one size, on a workspace of its own. */
async function benchSize(size: number, withPeers: boolean): Promise<RunResult[]> {
  const dir = path.join(tmp, `issues-${size}`);
  const workspace = await generateWorkspace({ root: path.join(dir, 'workspace'), issues: size, seed });
  log(`${size} issues: generated ${workspace.itemCount} items in ${workspace.root}`);
  const check = await node([BIN, 'check', '--root', workspace.root], 300_000);
  if (check.exitCode !== 0) log(`bulletin check found problems in the generated workspace:\n${check.stdout}${check.stderr}`);
  const timeout = Math.max(600_000, size * 15_000);

  // cold and limit in pairs, `repeat` times, the order alternating (cold first, then the limit
  // first) so that a machine getting faster or slower over the minutes weighs on both alike.
  const repeat = size === mainSize ? repeatPairs : 1;
  const pairs: Pair[] = [];
  const limitInput = await makeLimitHtml(workspace, path.join(dir, 'limit'), timeout);
  const runCold = async () => (await buildRun('cold', workspace, timeout)).row;
  const runLimit = () => limitRun(size, limitInput, timeout);
  for (let k = 0; k < repeat; k++) {
    if (k % 2 === 0) {
      const cold = await runCold();
      pairs.push({ cold, limit: await runLimit() });
    } else {
      const limit = await runLimit();
      pairs.push({ cold: await runCold(), limit });
    }
  }
  const { cold, limit } = medianPair(pairs);
  const results: RunResult[] = [cold, limit];
  let state = snapshot(workspace);
  for (const run of ['unchanged', 'edited'] as const) {
    const { row, after } = await buildRun(run, workspace, timeout, state);
    results.push(row);
    state = after;
  }
  if (opts.breakdown && size === mainSize) {
    // Where the time between the limit and the cold build goes: the same build without preflight.
    results.push({ ...(await buildRun('cold', workspace, timeout, undefined, ['--no-preflight'])).row, run: 'cold --no-preflight' });
  }
  if (withPeers) results.push(...(await runPeers(workspace, dir, timeout)));
  return results;
}

/**
 * One `bulletin build` of the workspace. Cold (no `state` given): dist/ and the cache are
 * removed first. Edited: one item is edited first, and exactly its issue must be rewritten.
 */
async function buildRun(run: 'cold' | 'unchanged' | 'edited', workspace: GeneratedWorkspace, timeout: number, state?: Map<string, Stamp>, extra: string[] = []) {
  const size = workspace.issues.length;
  if (!state) {
    await rm(path.join(workspace.root, 'dist'), { recursive: true, force: true });
    await rm(path.join(workspace.root, '.cache'), { recursive: true, force: true });
  }
  const before = state ?? new Map<string, Stamp>();
  let expected: string | undefined;
  if (run === 'edited') {
    const edit = await editOneItem(workspace);
    expected = edit.issue.pdf;
    log(`${size} issues: edited ${edit.item} (adopted by ${edit.issue.file} only)`);
  }
  const measured = await node([BIN, 'build', ...extra, '--root', workspace.root], timeout);
  const after = snapshot(workspace);
  const written = workspace.issues.map((i) => i.pdf).filter((pdf) => changed(before.get(pdf), after.get(pdf)));
  const missing = workspace.issues.filter((i) => !after.has(i.pdf)).length;
  const row = resultOf(run, size, measured, measured.wallSeconds);
  row.pdfs = written.length;
  row.pages = await countPages(written.map((pdf) => path.join(workspace.root, pdf)));
  const notes = [`rewrote ${written.length}/${size}`];
  if (missing > 0) notes.push(`${missing} issue(s) have no PDF`);
  if (expected && !(written.length === 1 && written[0] === expected)) notes.push(`expected only ${path.basename(expected)}`);
  if (measured.exitCode !== 0) failed(row, measured);
  row.note = notes.join('; ');
  log(`${size} issues: ${run}${extra.length ? ` ${extra.join(' ')}` : ''}: ${measured.wallSeconds.toFixed(2)} s, ${row.note}, peak ${row.peakRssMB} MB`);
  return { row, after };
}

/** What limit-html.ts made for print-limit.ts: the jobs, where their PDFs go, how long it took. */
interface LimitInput {
  jobsFile: string;
  pdfDir: string;
  htmlSeconds: number;
}

/** The limit's input (limit-html.ts, untimed): every issue's HTML, once per workspace. */
async function makeLimitHtml(workspace: GeneratedWorkspace, dir: string, timeout: number): Promise<LimitInput> {
  await rm(dir, { recursive: true, force: true });
  const made = await node(tsx('limit-html.ts', '--root', workspace.root, '--out', dir), timeout);
  const json = lastJson(made.stdout) as { issues?: number; htmlSeconds?: number } | undefined;
  if (made.exitCode !== 0 || json?.issues !== workspace.issues.length) throw new Error(`limit-html.ts failed: ${made.stderr.trim().split('\n').slice(-5).join('\n')}`);
  log(`${workspace.issues.length} issues: the limit's HTML made (untimed) in ${json.htmlSeconds!.toFixed(1)} s`);
  return { jobsFile: path.join(dir, 'jobs.json'), pdfDir: path.join(dir, 'pdf'), htmlSeconds: json.htmlSeconds! };
}

/**
 * The limit (print-limit.ts, bundled as the tool is) printing the pages made by
 * makeLimitHtml. Timed from outside its process, as the build is.
 */
async function limitRun(size: number, jobs: LimitInput, timeout: number): Promise<RunResult> {
  await rm(jobs.pdfDir, { recursive: true, force: true }); // print-limit.ts makes it again
  // With bulletin's own V8 flags: the limit prints with the same Node as the build.
  const measured = await node([...V8_FLAGS, RUN_BUNDLE, LIMIT, '--jobs', jobs.jobsFile], timeout);
  const json = lastJson(measured.stdout) as { printSeconds?: number; poolSize?: number } | undefined;
  const row = resultOf('limit', size, measured, json ? measured.wallSeconds : null);
  const pdfs = pdfsIn(jobs.pdfDir);
  row.pdfs = pdfs.length;
  row.pages = await countPages(pdfs);
  row.printSeconds = json?.printSeconds ?? null;
  row.note = json ? `pool of ${json.poolSize} pages; ${json.printSeconds!.toFixed(2)} s from launch to last PDF; HTML made beforehand in ${jobs.htmlSeconds.toFixed(1)} s` : '';
  if (measured.exitCode !== 0 || !json) failed(row, measured);
  log(`${size} issues: limit: ${measured.wallSeconds.toFixed(2)} s (${json?.printSeconds?.toFixed(2) ?? '—'} s inside), peak ${row.peakRssMB} MB`);
  return row;
}

async function runPeers(workspace: GeneratedWorkspace, dir: string, timeout: number): Promise<RunResult[]> {
  const size = workspace.issues.length;
  // Each peer handles one issue at a time with a Chromium of its own, so its cost per issue
  // does not depend on how many there are: an evenly spaced sample keeps the full bench short.
  const step = Math.max(1, Math.floor(size / Math.min(size, peerIssues)));
  const sample = workspace.issues.filter((_, i) => i % step === 0).slice(0, Math.min(size, peerIssues));
  const sampleNote = sample.length === size ? 'every issue' : `${sample.length} of ${size} issues (every ${step}${step === 2 ? 'nd' : step === 3 ? 'rd' : 'th'})`;
  const inputs = await preparePeerInputs({ ...workspace, issues: sample }, path.join(dir, 'peer-inputs'));
  const peerRuns: Array<[RunName, string, string, string]> = [
    ['md-to-pdf', 'md-to-pdf', 'peer-md-to-pdf.ts', inputs.markdownDir],
    ['pagedjs-cli', 'pagedjs-cli', 'peer-pagedjs.ts', inputs.htmlDir],
  ];
  const results: RunResult[] = [];
  for (const [run, pkg, script, input] of peerRuns) {
    if (!existsSync(path.join(REPO, 'node_modules', pkg, 'package.json'))) {
      results.push({ ...empty(run, size), issues: sample.length, error: `${pkg} is not installed (npm install)` });
      continue;
    }
    const out = path.join(dir, run);
    log(`${size} issues: ${run} on ${sampleNote} …`);
    const measured = await node(tsx(script, input, out), timeout * 3);
    const summary = lastJson(measured.stdout) as { converted?: number; failed?: number; errors?: string[] } | undefined;
    const row = { ...resultOf(run, size, measured, measured.wallSeconds), issues: sample.length, secondsPerIssue: measured.wallSeconds / sample.length };
    const pdfs = pdfsIn(out);
    row.pdfs = pdfs.length;
    row.pages = await countPages(pdfs);
    row.note = `${pkg} ${packageVersion(pkg)}, ${sampleNote}, one after another`;
    if (measured.exitCode !== 0 || !summary || !summary.converted) {
      failed(row, measured, summary?.errors?.[0]);
    } else if (summary.failed) {
      row.note += `; ${summary.failed} failed: ${summary.errors?.[0] ?? ''}`;
    }
    results.push(row);
    log(`${size} issues: ${run}: ${measured.wallSeconds.toFixed(2)} s, ${pdfs.length} PDFs, peak ${row.peakRssMB} MB`);
  }
  return results;
}

function empty(run: RunName, issues: number): RunResult {
  return { run, size: issues, issues, wallSeconds: null, processSeconds: null, secondsPerIssue: null, peakRssMB: null, peakPssMB: null, peakProcesses: null, ratioToLimit: null, pdfs: null, pages: null, exitCode: null };
}

function resultOf(run: RunName, issues: number, measured: Measured, wallSeconds: number | null): RunResult {
  return {
    ...empty(run, issues),
    wallSeconds,
    processSeconds: measured.wallSeconds,
    secondsPerIssue: wallSeconds === null ? null : wallSeconds / issues,
    peakRssMB: toMB(measured.peakRss),
    peakPssMB: measured.peakPss === null ? null : toMB(measured.peakPss),
    peakProcesses: measured.peakProcesses,
    cpuSeconds: Math.round(measured.cpuSeconds * 10) / 10,
    exitCode: measured.exitCode,
  };
}

function lastJson(stdout: string): unknown {
  const line = stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  try {
    return line ? JSON.parse(line) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every run uses a copy of the code taken at the start (node_modules linked), so that an edit
 * to src/ during the bench (the build's cache key hashes the tool's source) cannot turn the
 * "nothing changed" run into a full rebuild, and all runs measure the same code.
 */
async function freezeCode(dir: string): Promise<string> {
  for (const part of ['bin', 'src', 'templates', 'bench', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json']) {
    await cp(path.join(REPO, part), path.join(dir, part), { recursive: true, filter: (from) => from !== RESULTS });
  }
  await symlink(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  // Its own compiled copy, as `npm start` makes one: `bulletin` runs that.
  if (!compile(dir)) log('could not compile the frozen copy of src/: bulletin runs it through tsx');
  // The limit is bundled and run the same way, through V8's code cache too: it starts as fast
  // as the build (through tsx it would not, and the comparison would favour the build).
  try {
    bundleScript(dir, path.join(dir, 'bench', 'print-limit.ts'), path.join(dir, '.compiled', 'bench', 'print-limit.cjs'));
  } catch (error) {
    throw new Error(`could not bundle bench/print-limit.ts with esbuild (npm install?): ${String((error as Error).message ?? error)}`);
  }
  return dir;
}

/** Marks a run failed, keeping the end of what it said on stderr for the JSON. */
function failed(row: RunResult, measured: Measured, reason?: string): void {
  const lines = measured.stderr.trim().split('\n').filter(Boolean);
  row.error = `exit ${measured.exitCode ?? measured.signal}: ${reason ?? lines.at(-1)?.slice(0, 200) ?? ''}`;
  row.stderrTail = lines.slice(-20);
}
