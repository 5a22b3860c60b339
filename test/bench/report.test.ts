// The benchmark's figure for the cold build: the median of alternating pairs, not the
// luckiest run of either.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuTicksOf } from '../../bench/measure-process.ts';
import { evaluateTargets, medianPair, withRatios, type Pair, type RunResult } from '../../bench/report.ts';

function row(run: 'cold' | 'limit', wallSeconds: number, peakRssMB: number, error?: string): RunResult {
  return { run, size: 100, issues: 100, wallSeconds, processSeconds: wallSeconds, secondsPerIssue: wallSeconds / 100, peakRssMB, peakPssMB: null, peakProcesses: 9, ratioToLimit: null, pdfs: 100, pages: 400, exitCode: error ? 1 : 0, error };
}
const pair = (cold: number, limit: number, peak = 1000): Pair => ({ cold: row('cold', cold, peak), limit: row('limit', limit, peak) });

describe('the median pair of cold and limit runs', () => {
  it('is the pair of the median ratio, whichever run was fastest', () => {
    // Ratios 1.20, 1.00, 1.10, 1.30, 1.05: the median is 1.10, the third pair; the fastest
    // cold (10 s) and the fastest limit (10 s) would have made 1.00.
    const chosen = medianPair([pair(12, 10), pair(10, 10), pair(13.2, 12), pair(15.6, 12), pair(12.6, 12)]);
    expect(chosen.cold.wallSeconds).toBe(13.2);
    expect(chosen.limit.wallSeconds).toBe(12);
    expect(chosen.cold.pairRatios!.map((r) => Number(r.toFixed(2)))).toEqual([1.2, 1, 1.1, 1.3, 1.05]);
    expect(chosen.cold.tries).toEqual([12, 10, 13.2, 15.6, 12.6]);
    const target = evaluateTargets(withRatios([chosen.cold, chosen.limit]), 100).find((t) => t.name === 'cold build')!;
    expect(target.measured).toMatch(/^1\.100 × .*median of 5 pairs/);
    expect(target.met).toBe(true);
  });

  it('takes the upper middle of an even count, and leaves failed pairs out', () => {
    const failed: Pair = { cold: row('cold', 5, 1000, 'exit 1'), limit: row('limit', 10, 1000) };
    const chosen = medianPair([pair(11, 10), failed, pair(12, 10), pair(13, 10), pair(14, 10)]);
    expect(chosen.cold.wallSeconds).toBe(13);
    expect(chosen.cold.pairRatios).toHaveLength(4);
    expect(evaluateTargets(withRatios([chosen.cold, chosen.limit]), 100).find((t) => t.name === 'cold build')!.met).toBe(false);
  });

  it('keeps the highest memory peak of every try', () => {
    const chosen = medianPair([pair(11, 10, 900), pair(12, 10, 1400), pair(13, 10, 800)]);
    expect(chosen.cold.wallSeconds).toBe(12);
    expect(medianPair([pair(11, 10, 900), pair(12, 10, 700), pair(13, 10, 1400)]).cold.peakRssMB).toBe(1400);
    expect(chosen.limit.peakRssMB).toBe(1400);
  });
});

describe('the CPU time of the process trees', () => {
  const withCpu = (cold: number, limit: number, coldCpu: number, limitCpu: number): Pair => ({
    cold: { ...row('cold', cold, 1000), cpuSeconds: coldCpu },
    limit: { ...row('limit', limit, 1000), cpuSeconds: limitCpu },
  });

  it('is compared pair by pair beside the wall times, which alone decide the target', () => {
    const chosen = medianPair([withCpu(12, 10, 44, 40), withCpu(15, 10, 46, 40), withCpu(11, 10, 42, 40)]);
    expect(chosen.cold.pairCpuRatios!.map((r) => Number(r.toFixed(2)))).toEqual([1.1, 1.15, 1.05]);
    const target = evaluateTargets(withRatios([chosen.cold, chosen.limit]), 100).find((t) => t.name === 'cold build')!;
    expect(target.measured).toContain('CPU time of the process trees, cold ÷ limit, median 1.100');
    expect(target.met).toBe(false); // the wall ratio of the median pair is 1.2
  });

  it('is left out when a run has none', () => {
    const chosen = medianPair([pair(12, 10), pair(11, 10)]);
    expect(chosen.cold.pairCpuRatios).toBeUndefined();
    expect(evaluateTargets(withRatios([chosen.cold, chosen.limit]), 100).find((t) => t.name === 'cold build')!.measured).not.toContain('CPU');
  });
});

describe('cpuTicksOf', () => {
  it('reads utime and stime after a process name that has spaces and parentheses in it', () => {
    const stat = '4242 (Chrome_Child (x) y) S 1 4242 4242 0 -1 4194560 1000 0 5 0 1234 567 0 0 20 0 12 0 100 1000000 2000 18446744073709551615';
    expect(cpuTicksOf(stat)).toBe(1234 + 567);
    expect(cpuTicksOf(undefined)).toBeUndefined();
  });

  it('reads this very process as having used some CPU', () => {
    expect(cpuTicksOf(readFileSync(`/proc/${process.pid}/stat`, 'utf8'))).toBeGreaterThan(0);
  });
});
