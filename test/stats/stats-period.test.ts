import { describe, expect, it } from 'vitest';
import { inPeriod, statsPeriod } from '../../src/stats/stats-period.ts';

describe('statsPeriod', () => {
  it('spans a whole year', () => {
    expect(statsPeriod(2026)).toEqual({ year: 2026, from: '2026-01-01', to: '2026-12-31', label: '2026年度' });
  });

  it.each([
    [1, '2026-01-01', '2026-03-31', '2026年第一季度'],
    [2, '2026-04-01', '2026-06-30', '2026年第二季度'],
    [3, '2026-07-01', '2026-09-30', '2026年第三季度'],
    [4, '2026-10-01', '2026-12-31', '2026年第四季度'],
  ])('spans quarter %i', (quarter, from, to, label) => {
    expect(statsPeriod(2026, quarter)).toEqual({ year: 2026, quarter, from, to, label });
  });

  it('includes both ends', () => {
    const q3 = statsPeriod(2026, 3);
    expect(['2026-06-30', '2026-07-01', '2026-09-30', '2026-10-01'].map((d) => inPeriod(q3, d))).toEqual([false, true, true, false]);
  });

  it('refuses a quarter or year a programmer should have checked', () => {
    expect(() => statsPeriod(2026, 5)).toThrow(RangeError);
    expect(() => statsPeriod(26)).toThrow(RangeError);
  });
});
