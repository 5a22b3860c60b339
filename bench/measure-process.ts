/**
 * Runs one command as a child process and measures it from outside: wall time with
 * process.hrtime, and the peak memory of its whole process tree (Chromium included),
 * sampled every 100 ms from /proc.
 *
 * Each sample walks the tree from the child through /proc/<pid>/task/<tid>/children and
 * sums VmRSS (from /proc/<pid>/status) over every process in it. RSS counts memory shared
 * between processes once per process, so for Chromium's dozen processes the sum overstates
 * what the machine gives up; PSS (/proc/<pid>/smaps_rollup, shared pages split between
 * their users) is summed beside it as the fairer figure. The peak of each sum is kept.
 *
 * A VmRSS sample of the tree costs about 1 ms; reading smaps_rollup makes the kernel walk
 * Chromium's page tables, about 50 ms for the tree, on this process's time: so PSS is
 * sampled only every 2 s, so as not to take a core's 2.5 % from the run being measured.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface Measured {
  wallSeconds: number;
  /** Peak over the samples of the summed VmRSS of the tree, in bytes. */
  peakRss: number;
  /** Peak over the samples of the summed PSS of the tree, in bytes; null for a run too short to sample it. */
  peakPss: number | null;
  /** Most processes seen in the tree at once. */
  peakProcesses: number;
  samples: number;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface MeasureOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the tree's root after this long (ms); the run is then reported with its signal. */
  timeoutMs?: number;
  intervalMs?: number;
  /** Sample PSS too on every n-th sample (default 20: every 2 s). */
  pssEvery?: number;
}

export async function measureProcess(command: string, args: readonly string[], options: MeasureOptions = {}): Promise<Measured> {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));

  let peakRss = 0;
  let peakPss: number | null = null;
  let peakProcesses = 0;
  let samples = 0;
  const sample = () => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    // PSS from the n-th sample on: the first, as the child starts, would say nothing.
    const pssEvery = options.pssEvery ?? 20;
    const withPss = samples % pssEvery === pssEvery - 1;
    const memory = treeMemory(child.pid, withPss);
    if (memory.processes === 0) return;
    samples++;
    peakRss = Math.max(peakRss, memory.rss);
    // A tree caught exiting reads as no PSS at all: not a sample.
    if (withPss && memory.pss > 0) peakPss = Math.max(peakPss ?? 0, memory.pss);
    peakProcesses = Math.max(peakProcesses, memory.processes);
  };
  const timer = setInterval(sample, options.intervalMs ?? 100);
  const killer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
  sample();

  const exited = new Promise<{ wall: bigint; code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ wall: process.hrtime.bigint() - started, code, signal }));
  });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  try {
    const { wall, code, signal } = await exited;
    await closed;
    return {
      wallSeconds: Number(wall) / 1e9,
      peakRss: peakRss * 1024,
      peakPss: peakPss === null ? null : peakPss * 1024,
      peakProcesses,
      samples,
      exitCode: code,
      signal,
      stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8'),
    };
  } finally {
    clearInterval(timer);
    if (killer) clearTimeout(killer);
  }
}

/** Summed VmRSS and (when `withPss`) PSS, in kB, of `root` and all its descendants, as they are now. */
export function treeMemory(root: number, withPss: boolean): { rss: number; pss: number; processes: number } {
  let rss = 0;
  let pss = 0;
  let processes = 0;
  const seen = new Set<number>();
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const status = read(`/proc/${pid}/status`);
    if (status === undefined) continue; // gone between the listing and now
    processes++;
    rss += kilobytes(status, 'VmRSS');
    if (withPss) pss += kilobytes(read(`/proc/${pid}/smaps_rollup`) ?? '', 'Pss');
    stack.push(...childrenOf(pid));
  }
  return { rss, pss, processes };
}

function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tasks.flatMap((tid) =>
    (read(`/proc/${pid}/task/${tid}/children`) ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map(Number),
  );
}

function kilobytes(text: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
