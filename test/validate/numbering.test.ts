import { describe, expect, it } from 'vitest';
import { continueTotals, nextNumbers, numberingProblems, type IssueHeader } from '../../src/validate/numbering.ts';

// In these headers `number` is written on line 3 and `items` on line 5 of every issue file.
const LINES: Record<string, number> = { publication: 2, number: 3, date: 4, items: 5 };

function header(file: string, publication: string, number: number, date: string, extra: Partial<IssueHeader> = {}): IssueHeader {
  return { file, publication, number, date, items: [], lineOf: (field) => LINES[field] ?? 1, ...extra };
}

describe('continueTotals', () => {
  it('keeps totals written in the issues', () => {
    const totals = continueTotals([header('a', 'sr', 1, '2026-01-05', { total: 40 }), header('b', 'sr', 2, '2026-02-05', { total: 45 })]);
    expect(totals).toEqual(
      new Map([
        ['a', 40],
        ['b', 45],
      ]),
    );
  });

  it('continues from the previous issue in publication order, across years', () => {
    // Given out of order on purpose: order is by date, then by number.
    const totals = continueTotals([
      header('c', 'sr', 1, '2026-01-05'),
      header('b', 'sr', 2, '2025-12-20'),
      header('a', 'sr', 1, '2025-11-01', { total: 10 }),
    ]);
    expect(totals.get('a')).toBe(10);
    expect(totals.get('b')).toBe(11);
    expect(totals.get('c')).toBe(12);
  });

  it('restarts from a total written later in the sequence', () => {
    const totals = continueTotals([
      header('a', 'sr', 1, '2026-01-05', { total: 10 }),
      header('b', 'sr', 2, '2026-02-05', { total: 20 }),
      header('c', 'sr', 3, '2026-03-05'),
    ]);
    expect(totals.get('c')).toBe(21);
  });

  it('leaves totals unknown until an issue has one', () => {
    const totals = continueTotals([
      header('a', 'sr', 1, '2026-01-05'),
      header('b', 'sr', 2, '2026-02-05', { total: 8 }),
      header('c', 'sr', 3, '2026-03-05'),
    ]);
    expect(totals.has('a')).toBe(false);
    expect(totals.get('b')).toBe(8);
    expect(totals.get('c')).toBe(9);
  });

  it('keeps each periodical apart', () => {
    const totals = continueTotals([
      header('sr1', 'sr', 1, '2026-01-05', { total: 100 }),
      header('wd1', 'wd', 1, '2026-01-06'),
      header('sr2', 'sr', 2, '2026-01-07'),
    ]);
    expect(totals.get('sr2')).toBe(101);
    expect(totals.has('wd1')).toBe(false);
  });

  it('orders two issues of the same date by number', () => {
    const totals = continueTotals([header('b', 'sr', 2, '2026-01-05'), header('a', 'sr', 1, '2026-01-05', { total: 5 })]);
    expect(totals.get('b')).toBe(6);
  });
});

describe('nextNumbers', () => {
  const headers = [
    header('a', 'sr', 1, '2025-11-01', { total: 10 }),
    header('b', 'sr', 2, '2025-12-01'),
    header('c', 'sr', 1, '2026-01-05'),
    header('d', 'sr', 2, '2026-02-05'),
    header('w', 'wd', 1, '2026-01-05'),
  ];

  it('gives the next number in the year and continues the total', () => {
    expect(nextNumbers(headers, 'sr', '2026-03-01')).toEqual({ number: 3, total: 14 });
  });

  it('starts a new year at 1 while the total carries on', () => {
    expect(nextNumbers(headers, 'sr', '2027-01-04')).toEqual({ number: 1, total: 14 });
  });

  it('leaves the total unknown for a periodical without one', () => {
    expect(nextNumbers(headers, 'wd', '2026-02-01')).toEqual({ number: 2, total: undefined });
  });

  it('starts a periodical without issues at 1', () => {
    expect(nextNumbers(headers, 'new', '2026-02-01')).toEqual({ number: 1, total: undefined });
    expect(nextNumbers([], 'sr', '2026-02-01')).toEqual({ number: 1, total: undefined });
  });
});

describe('numberingProblems', () => {
  it('finds nothing wrong in a clean sequence', () => {
    const problems = numberingProblems([
      header('a', 'sr', 1, '2026-01-05', { items: ['items/x.md'] }),
      header('b', 'sr', 2, '2026-02-05', { items: ['items/y.md'] }),
      header('c', 'sr', 1, '2027-01-05', { items: ['items/z.md'] }),
    ]);
    expect(problems).toEqual([]);
  });

  it('reports a repeated number as an error on the later file', () => {
    const problems = numberingProblems([header('issues/a.md', 'sr', 1, '2026-01-05'), header('issues/b.md', 'sr', 1, '2026-02-05')]);
    expect(problems).toEqual([
      {
        severity: 'error',
        file: 'issues/b.md',
        line: 3,
        field: 'number',
        message: '期号重复：2026年第1期已由 issues/a.md 使用',
        hint: '改为未用过的期号，或用 bulletin new 生成新一期',
      },
    ]);
  });

  it('does not count the same number in two years or two periodicals as repeated', () => {
    const problems = numberingProblems([
      header('a', 'sr', 1, '2025-01-05'),
      header('b', 'sr', 1, '2026-01-05'),
      header('c', 'wd', 1, '2026-01-05'),
    ]);
    expect(problems).toEqual([]);
  });

  it('reports a gap between two issues as an error naming the missing numbers', () => {
    const one = numberingProblems([header('a', 'sr', 1, '2026-01-05'), header('c', 'sr', 3, '2026-03-05')]);
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ severity: 'error', file: 'c', line: 3, field: 'number', message: '期号不连续：2026年缺少第2期' });

    const several = numberingProblems([header('a', 'sr', 1, '2026-01-05'), header('e', 'sr', 5, '2026-05-05')]);
    expect(several).toHaveLength(1);
    expect(several[0]).toMatchObject({ severity: 'error', file: 'e', message: '期号不连续：2026年缺少第2—4期' });
  });

  it('only warns when the first number of the year is not 1', () => {
    const problems = numberingProblems([header('d', 'sr', 4, '2026-04-05'), header('e', 'sr', 5, '2026-05-05')]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'warning', file: 'd', line: 3, message: '期号不连续：2026年缺少第1—3期' });
    expect(problems[0]!.hint).toContain('可忽略');
  });

  it('reports an item adopted twice by one periodical, on the later issue', () => {
    const problems = numberingProblems([
      header('issues/b.md', 'sr', 2, '2026-02-05', { items: ['items/x.md', 'items/y.md'] }),
      header('issues/a.md', 'sr', 1, '2026-01-05', { items: ['items/x.md'] }),
    ]);
    expect(problems).toEqual([
      {
        severity: 'error',
        file: 'issues/b.md',
        line: 5,
        field: 'items',
        message: '信息“items/x.md”已被同一刊物的 issues/a.md 采用过',
        hint: '同一条信息在一种刊物中只能采用一次',
      },
    ]);
  });

  it('reports an item adopted twice across years by one periodical', () => {
    const problems = numberingProblems([
      header('a', 'sr', 1, '2025-12-20', { items: ['items/x.md'] }),
      header('b', 'sr', 1, '2026-01-05', { items: ['items/x.md'] }),
    ]);
    expect(problems.map((p) => [p.severity, p.file, p.field])).toEqual([['error', 'b', 'items']]);
  });

  it('allows the same item in two different periodicals', () => {
    const problems = numberingProblems([
      header('sr', 'special-report', 1, '2026-01-05', { items: ['items/x.md'] }),
      header('wd', 'work-dynamics', 1, '2026-01-06', { items: ['items/x.md'] }),
    ]);
    expect(problems).toEqual([]);
  });

  it('reports every problem of a workspace at once', () => {
    const problems = numberingProblems([
      header('a', 'sr', 1, '2026-01-05', { items: ['items/x.md'] }),
      header('b', 'sr', 1, '2026-02-05'),
      header('c', 'sr', 3, '2026-03-05', { items: ['items/x.md'] }),
    ]);
    expect(problems.map((p) => `${p.severity} ${p.file} ${p.field}`).sort()).toEqual(['error b number', 'error c items', 'error c number']);
  });
});
