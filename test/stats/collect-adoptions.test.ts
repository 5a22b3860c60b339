// The counting rules on the fixture's year; every expected figure is counted by hand from
// the table of items and issues in fixture.ts (the working is in the comments).
import { describe, expect, it } from 'vitest';
import { collectAdoptions, type StatsCounts, type StatsRow } from '../../src/stats/collect-adoptions.ts';
import { statsPeriod } from '../../src/stats/stats-period.ts';
import { INSTRUCTION_POINTS, ISSUES, ITEMS, PUBLICATIONS } from './fixture.ts';

const stats = (year: number, quarter?: number) =>
  collectAdoptions({ items: ITEMS, issues: ISSUES, publications: PUBLICATIONS, instructionPoints: INSTRUCTION_POINTS, period: statsPeriod(year, quarter) });

/** rank, name, submitted, adopted, 信息专报, 测试工作动态, instructions, points[, units] */
type Expected = [number, string, number, number, number, number, number, number, string[]?];
const row = ([rank, name, submitted, adopted, sr, wd, instructions, points, units = []]: Expected): StatsRow => ({
  rank,
  name,
  units,
  submitted,
  adopted,
  byPublication: { 'special-report': sr, 'work-dynamics': wd },
  instructions,
  points,
});
const totals = (submitted: number, adopted: number, sr: number, wd: number, instructions: number, points: number): StatsCounts => ({
  submitted,
  adopted,
  byPublication: { 'special-report': sr, 'work-dynamics': wd },
  instructions,
  points,
});

describe('collectAdoptions', () => {
  it('counts the third quarter per unit', () => {
    const q3 = stats(2026, 3);
    // 南岭: b1 submitted 07-20, in 专报 and 动态 (5+2) and 批示 08-10 (+3) = 10; b2 submitted, not adopted in Q3.
    // 北湖: a1 (5+2), a2 (2) adopted; a3 submitted 09-28 but adopted 10-01, in Q4.
    // 东江: d1 submitted and adopted on 09-30, the last day. 发改委: c1 submitted in June, adopted 09-30.
    expect(q3.units).toEqual(
      (
        [
          [1, '南岭县委办公室', 2, 1, 1, 1, 1, 10],
          [2, '北湖区委办公室', 3, 2, 1, 2, 0, 9],
          [3, '东江区委办公室', 1, 1, 0, 1, 0, 2], // tied with 发改委: 东 (dōng) before 市 (shì)
          [3, '市发展改革委', 0, 1, 0, 1, 0, 2],
        ] as Expected[]
      ).map(row),
    );
    // a1 a2 a3 b1 b2 d1 submitted; a1 a2 b1 c1 d1 adopted; 专报 a1 b1; 动态 a1 a2 b1 c1 d1.
    expect(q3.unitTotals).toEqual(totals(6, 5, 2, 5, 1, 23));
  });

  it('credits every author of an item in full, and counts each item once in the totals', () => {
    const q3 = stats(2026, 3);
    expect(q3.authors).toEqual(
      (
        [
          [1, '王堃', 2, 1, 1, 1, 1, 10, ['南岭县委办公室']], // b1 (10), b2 submitted
          [2, '周立新', 2, 2, 1, 2, 0, 9, ['北湖区委办公室']], // a1 (7) + a2 (2)
          [3, '林晓', 2, 1, 0, 1, 0, 2, ['北湖区委办公室']], // a2 (2, shared with 周立新), a3 submitted
          [3, '吴海涛', 0, 1, 0, 1, 0, 2, ['市发展改革委']], // c1
          [5, '陈晓燕', 1, 0, 0, 0, 0, 0, ['南岭县委办公室']], // b2, shared with 王堃
        ] as Expected[]
      ).map(row),
    );
    // d1 has no author: a1 a2 a3 b1 b2 submitted, a1 a2 b1 c1 adopted; a2 counted once.
    expect(q3.authorTotals).toEqual(totals(5, 4, 2, 4, 1, 21));
  });

  it('counts the fourth quarter: adoptions of earlier items, a later instruction, an adoption next year', () => {
    const q4 = stats(2026, 4);
    // 发改委: c2 in 专报 and 动态 (7) + 批示 10-20 (3). 南岭: b2 adopted 10-01 (2) + b1's 批示 of
    // 10-12 (3), b1 having been adopted in Q3. 西山: e1 adopted only in 2027, so its 批示 of
    // 12-20 does not count yet.
    expect(q4.units).toEqual(
      (
        [
          [1, '市发展改革委', 1, 1, 1, 1, 1, 10],
          [2, '南岭县委办公室', 0, 1, 0, 1, 1, 5],
          [3, '北湖区委办公室', 0, 1, 0, 1, 0, 2],
          [3, '东江区委办公室', 1, 1, 0, 1, 0, 2],
          [5, '西山县委办公室', 1, 0, 0, 0, 0, 0],
        ] as Expected[]
      ).map(row),
    );
    // c2 d2 e1 submitted; a3 b2 c2 d2 adopted (4 of 3 submitted: 133.3%).
    expect(q4.unitTotals).toEqual(totals(3, 4, 1, 4, 2, 19));
    expect(q4.authors.map((r) => [r.rank, r.name, r.points])).toEqual([
      [1, '钱蕾', 10],
      [1, '吴海涛', 10],
      [3, '王堃', 5],
      [4, '陈晓燕', 2],
      [4, '黄思远', 2],
      [4, '林晓', 2],
      [7, '马骏', 0],
    ]);
  });

  it('counts the whole year, an item in two periodicals once as adopted but with both points', () => {
    const year = stats(2026);
    expect(year.units).toEqual(
      (
        [
          [1, '南岭县委办公室', 2, 2, 1, 2, 2, 15], // b1 7 + 2 批示 6, b2 2
          [2, '市发展改革委', 2, 2, 1, 2, 1, 12], // c1 2, c2 7 + 3
          [3, '北湖区委办公室', 3, 3, 1, 3, 0, 11], // a1 7, a2 2, a3 2
          [4, '东江区委办公室', 2, 2, 0, 2, 0, 4],
          [5, '西山县委办公室', 1, 0, 0, 0, 0, 0],
        ] as Expected[]
      ).map(row),
    );
    expect(year.unitTotals).toEqual(totals(10, 9, 3, 9, 3, 42)); // = Q3 23 + Q4 19
    // e1 adopted in 2027; its 批示 is dated 2026, when e1 was not yet adopted: counted in neither year.
    expect(stats(2027).units).toEqual([row([1, '西山县委办公室', 0, 1, 1, 0, 0, 5])]);
  });

  it('counts an item listed twice by one periodical once, and ignores other periods', () => {
    const twice = [...ISSUES, { file: 'issues/wd-2026-9.md', publication: 'work-dynamics', date: '2026-09-01', items: ['items/a1.md'] }];
    const q3 = collectAdoptions({ items: ITEMS, issues: twice, publications: PUBLICATIONS, instructionPoints: 3, period: statsPeriod(2026, 3) });
    expect(q3.units.find((r) => r.name === '北湖区委办公室')).toMatchObject({ adopted: 2, points: 9, byPublication: { 'work-dynamics': 2 } });
    expect(stats(2026, 1)).toMatchObject({ units: [], authors: [], unitTotals: totals(0, 0, 0, 0, 0, 0) });
  });

  it('adds fractional points without binary noise', () => {
    const publications = [{ key: 'special-report', name: '信息专报', points: 0.1 }, { key: 'work-dynamics', name: '测试工作动态', points: 0.2 }];
    const q3 = collectAdoptions({ items: ITEMS, issues: ISSUES, publications, instructionPoints: 0, period: statsPeriod(2026, 3) });
    expect(q3.units.find((r) => r.name === '南岭县委办公室')!.points).toBe(0.3); // not 0.30000000000000004
  });
});
