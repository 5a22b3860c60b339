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
 *
 * The same walk reads each process's CPU time (utime + stime, /proc/<pid>/stat); the last
 * value seen of every process is summed. It misses what a process spends after its last
 * sample (under 0.1 s each) and processes that live less than one interval, so it is a lower
 * bound; but unlike wall time it does not count the time the machine gave to its other
 * tenants, which on a shared VM moves wall times by a third from one minute to the next.
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
  /** CPU time of the whole tree, user and system, every process's last sample summed. */
  cpuSeconds: number;
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
  const cpuTicks = new Map<number, number>();
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
    for (const [pid, ticks] of memory.cpuTicks) cpuTicks.set(pid, ticks);
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
      cpuSeconds: [...cpuTicks.values()].reduce((sum, ticks) => sum + ticks, 0) / CLOCK_TICKS,
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

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's times: 100 on every architecture Debian ships. */
const CLOCK_TICKS = 100;

/**
 * Summed VmRSS and (when `withPss`) PSS, in kB, of `root` and all its descendants, as they are
 * now, and each process's CPU time so far, in clock ticks.
 */
export function treeMemory(root: number, withPss: boolean): { rss: number; pss: number; processes: number; cpuTicks: Array<[number, number]> } {
  let rss = 0;
  let pss = 0;
  let processes = 0;
  const cpuTicks: Array<[number, number]> = [];
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
    const ticks = cpuTicksOf(read(`/proc/${pid}/stat`));
    if (ticks !== undefined) cpuTicks.push([pid, ticks]);
    stack.push(...childrenOf(pid));
  }
  return { rss, pss, processes, cpuTicks };
}

/** utime + stime from a /proc/<pid>/stat line: the 14th and 15th fields, counted after the name in parentheses (which may hold spaces). */
export function cpuTicksOf(stat: string | undefined): number | undefined {
  if (!stat) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : undefined;
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
