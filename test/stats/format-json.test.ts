import { describe, expect, it } from 'vitest';
import { collectAdoptions } from '../../src/stats/collect-adoptions.ts';
import { formatJson } from '../../src/stats/format-json.ts';
import { statsPeriod } from '../../src/stats/stats-period.ts';
import { INSTRUCTION_POINTS, ISSUES, ITEMS, PUBLICATIONS } from './fixture.ts';

const json = (quarter?: number) =>
  JSON.parse(
    formatJson(collectAdoptions({ items: ITEMS, issues: ISSUES, publications: PUBLICATIONS, instructionPoints: INSTRUCTION_POINTS, period: statsPeriod(2026, quarter) })),
  );

describe('formatJson', () => {
  it('has the documented fields, in English, with the hand-counted figures', () => {
    const q3 = json(3);
    expect(Object.keys(q3)).toEqual(['period', 'scoring', 'units', 'unitTotals', 'authors', 'authorTotals']);
    expect(q3.period).toEqual({ year: 2026, quarter: 3, from: '2026-07-01', to: '2026-09-30', label: '2026年第三季度' });
    expect(q3.scoring).toEqual({
      publications: [
        { key: 'special-report', name: '信息专报', points: 5 },
        { key: 'work-dynamics', name: '测试工作动态', points: 2 },
      ],
      instructionPoints: 3,
    });
    expect(q3.units[1]).toEqual({
      rank: 2,
      name: '北湖区委办公室',
      submitted: 3,
      adopted: 2,
      rate: 66.7,
      byPublication: { 'special-report': 1, 'work-dynamics': 2 },
      instructions: 0,
      points: 9,
    });
    expect(q3.units[3]).toMatchObject({ name: '市发展改革委', submitted: 0, adopted: 1, rate: null });
    expect(q3.unitTotals).toEqual({ submitted: 6, adopted: 5, rate: 83.3, byPublication: { 'special-report': 2, 'work-dynamics': 5 }, instructions: 1, points: 23 });
    expect(q3.authors[0]).toEqual({
      rank: 1,
      name: '王堃',
      units: ['南岭县委办公室'],
      submitted: 2,
      adopted: 1,
      rate: 50,
      byPublication: { 'special-report': 1, 'work-dynamics': 1 },
      instructions: 1,
      points: 10,
    });
    expect(q3.authorTotals).toMatchObject({ submitted: 5, adopted: 4, rate: 80, points: 21 });
  });

  it('writes a whole year with quarter null, and a rate above 100% where earlier items were adopted', () => {
    expect(json().period).toEqual({ year: 2026, quarter: null, from: '2026-01-01', to: '2026-12-31', label: '2026年度' });
    expect(json(4).unitTotals.rate).toBe(133.3); // 4 adopted of 3 submitted
  });
});
