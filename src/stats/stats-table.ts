/**
 * The two ranked tables of a report as text cells: the one place that decides the columns,
 * their Chinese headers and how each number is written, so the terminal table, the CSV file
 * and the printed notice always agree.
 */
import type { AdoptionStats, StatsCounts, StatsRow } from './collect-adoptions.ts';

export type TableKind = 'units' | 'authors';

export interface StatsColumn {
  header: string;
  /** Numbers are right-aligned, names left-aligned. */
  align: 'left' | 'right';
  /** The periodical's key, for a column of adoptions in one periodical. */
  publication?: string;
}

export interface StatsTable {
  kind: TableKind;
  /** 报送单位 or 信息员: what a row is. */
  caption: string;
  columns: StatsColumn[];
  /** The ranked rows, each a cell per column. */
  rows: string[][];
  /** The totals row (合计). */
  totals: string[];
}

/**
 * The adoption rate in tenths of a percent, rounded half up, in integer arithmetic (2/3 is
 * 667, shown as 66.7%); undefined when nothing was submitted. Adoptions of items submitted
 * before the period count, so the rate may exceed 1000.
 */
export function ratePerMille(counts: Pick<StatsCounts, 'adopted' | 'submitted'>): number | undefined {
  const { adopted, submitted } = counts;
  if (submitted === 0) return undefined;
  return Math.floor((2000 * adopted + submitted) / (2 * submitted));
}

/** `66.7%` with one decimal, or `—` when nothing was submitted in the period. */
export function rateText(counts: Pick<StatsCounts, 'adopted' | 'submitted'>): string {
  const perMille = ratePerMille(counts);
  return perMille === undefined ? '—' : `${Math.floor(perMille / 10)}.${perMille % 10}%`;
}

/** Points as written: `12`, `7.5`; the collector has already rounded them. */
export function pointsText(points: number): string {
  return String(points);
}

/** The ranked table of units or of authors, with its totals row. */
export function statsTable(stats: AdoptionStats, kind: TableKind): StatsTable {
  const isAuthors = kind === 'authors';
  const left = (header: string): StatsColumn => ({ header, align: 'left' });
  const right = (header: string): StatsColumn => ({ header, align: 'right' });
  const columns = [
    right('排名'),
    left(isAuthors ? '信息员' : '报送单位'),
    ...(isAuthors ? [left('所在单位')] : []),
    right('报送'),
    right('采用'),
    right('采用率'),
    ...stats.publications.map((p): StatsColumn => ({ ...right(p.name), publication: p.key })),
    right('批示'),
    right('积分'),
  ];
  const counts = (c: StatsCounts) => [
    String(c.submitted),
    String(c.adopted),
    rateText(c),
    ...stats.publications.map((p) => String(c.byPublication[p.key] ?? 0)),
    String(c.instructions),
    pointsText(c.points),
  ];
  const rows = (isAuthors ? stats.authors : stats.units).map((row: StatsRow) => [
    String(row.rank),
    row.name,
    ...(isAuthors ? [row.units.join('、')] : []),
    ...counts(row),
  ]);
  const totals = ['', '合计', ...(isAuthors ? [''] : []), ...counts(isAuthors ? stats.authorTotals : stats.unitTotals)];
  return { kind, caption: isAuthors ? '信息员' : '报送单位', columns, rows, totals };
}
