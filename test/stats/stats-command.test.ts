// statsCommand in-process, where the clock can be fixed: the default period is this year.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { statsCommand } from '../../src/commands/stats.ts';
import { UsageError } from '../../src/commands/usage-error.ts';
import { fixtureWorkspace } from './fixture.ts';

let dir: string;
beforeAll(async () => {
  dir = await fixtureWorkspace();
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function jsonOf(options: { year?: string; quarter?: string; today: string }) {
  const output = path.join(dir, `out-${options.today}-${options.year}-${options.quarter}.json`);
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  expect(await statsCommand({ root: dir, format: 'json', output, ...options })).toBe(0);
  expect(write).toHaveBeenCalledWith(`${output}\n`);
  return JSON.parse(readFileSync(output, 'utf8'));
}

describe('statsCommand', () => {
  it('reports the current year, whole, by default', async () => {
    const json = await jsonOf({ today: '2026-11-20' });
    expect(json.period).toEqual({ year: 2026, quarter: null, from: '2026-01-01', to: '2026-12-31', label: '2026年度' });
    expect(json.unitTotals.points).toBe(42);
    expect((await jsonOf({ today: '2027-02-01' })).unitTotals).toMatchObject({ submitted: 0, adopted: 1, points: 5 });
  });

  it('takes a quarter of the current year, or of --year', async () => {
    expect((await jsonOf({ quarter: '4', today: '2026-12-30' })).period.label).toBe('2026年第四季度');
    expect((await jsonOf({ year: '2026', quarter: '3', today: '2027-01-05' })).unitTotals.points).toBe(23);
  });

  it.each([
    [{ quarter: '0' }, '--quarter 应为季度 1、2、3 或 4，现为“0”'],
    [{ quarter: 'Q3' }, '--quarter 应为季度 1、2、3 或 4，现为“Q3”'],
    [{ year: '二〇二六' }, '--year 应为四位数的年份，如 2026，现为“二〇二六”'],
    [{ year: '0999' }, '--year 应为四位数的年份'],
    [{ format: 'html' }, '--format 应为 table、csv、json 或 pdf，现为“html”'],
    [{ date: '2026-10-09' }, '--date 是通报的落款日期，只用于 --format pdf'],
  ])('refuses %j as a usage error', async (options, message) => {
    const run = statsCommand({ root: dir, today: '2026-11-20', ...options });
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow(message);
  });
});
