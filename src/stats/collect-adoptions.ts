/**
 * 采用情况统计: from validated items and issue headers to the rows of the notice, one per
 * reporting unit (报送单位) and one per author (信息员). Pure: no I/O, no clock.
 *
 * The rules, for a period (a year or a quarter, both ends inclusive):
 *
 * - 报送 (submitted): items whose `date` is in the period.
 * - 采用 (adopted): items listed in at least one issue dated in the period, counted once
 *   however many periodicals took them. An item submitted before the period and adopted in
 *   it counts as adopted in this period, so the rate may exceed 100%.
 * - 采用率 (rate) = adopted in the period ÷ submitted in the period (see `ratePerMille`).
 * - Per periodical: one adoption in each periodical whose issue in the period lists the item.
 *   An item listed twice by one periodical (an error `bulletin check` reports) counts at its
 *   first listing only.
 * - 批示 (instructions): each leader's instruction dated in the period, on an item adopted by
 *   an issue dated no later than the period's end. An instruction counts in the period of its
 *   own date, which may be later than the adoption's; one dated in a period by whose end the
 *   item was not yet adopted is never counted, so a later issue never changes a past report.
 * - 积分 (points): each periodical's `points` per adoption in it, plus `instruction_points`
 *   per instruction. An item in two periodicals earns both.
 * - Authors: an item with several authors credits each of them in full (信息采用实名制: every
 *   name on it is credited with the whole item), so the authors' rows add up to more than the
 *   items. The totals rows count each item once.
 */
import { inPeriod, type StatsPeriod } from './stats-period.ts';
import { compareNames, rankRows } from './rank-rows.ts';

/** What the statistics need of an item (see Item in validate/model.ts). */
export interface StatsItem {
  /** The item's path relative to the workspace: its identity. */
  file: string;
  unit: string;
  date: string;
  authors: readonly string[];
  instructions: ReadonlyArray<{ date: string }>;
}

/** What the statistics need of an issue: its periodical, date and the files of its items. */
export interface StatsIssue {
  file: string;
  publication: string;
  date: string;
  /** Item paths, the same strings as StatsItem.file. */
  items: readonly string[];
}

export interface StatsPublication {
  key: string;
  name: string;
  points: number;
}

export interface AdoptionInput {
  items: readonly StatsItem[];
  issues: readonly StatsIssue[];
  /** Every periodical of the config, in config order: one column each, even if empty. */
  publications: readonly StatsPublication[];
  instructionPoints: number;
  period: StatsPeriod;
}

/** The counts of one row, or of a totals row. */
export interface StatsCounts {
  submitted: number;
  adopted: number;
  /** Adoptions per periodical key; every periodical present. */
  byPublication: Record<string, number>;
  instructions: number;
  points: number;
}

export interface StatsRow extends StatsCounts {
  /** 1 for the most points; rows equal in points and adoptions share a rank. */
  rank: number;
  /** The unit, or the author's name. */
  name: string;
  /** For an author: the units of the items credited to them, in name order. Empty for a unit. */
  units: string[];
}

export interface AdoptionStats {
  period: StatsPeriod;
  publications: StatsPublication[];
  instructionPoints: number;
  units: StatsRow[];
  unitTotals: StatsCounts;
  authors: StatsRow[];
  authorTotals: StatsCounts;
}

/** One item's contribution to the rows it is credited to. */
interface ItemCredit {
  submitted: boolean;
  adopted: boolean;
  publications: string[];
  instructions: number;
  points: number;
}

/** Counts submissions, adoptions, instructions and points in the period, per unit and per author. */
export function collectAdoptions(input: AdoptionInput): AdoptionStats {
  const { period, publications } = input;
  const pointsOf = new Map(publications.map((p) => [p.key, p.points]));
  // The first listing of each item in each periodical: date order, then file, as numbering does.
  const firstAdoption = new Map<string, Map<string, string>>();
  const byDate = [...input.issues].sort((a, b) => a.date.localeCompare(b.date) || a.file.localeCompare(b.file));
  for (const issue of byDate) {
    for (const file of issue.items) {
      const dates = firstAdoption.get(file) ?? new Map<string, string>();
      if (!dates.has(issue.publication)) dates.set(issue.publication, issue.date);
      firstAdoption.set(file, dates);
    }
  }

  const emptyCounts = (): StatsCounts => ({ submitted: 0, adopted: 0, byPublication: Object.fromEntries(publications.map((p) => [p.key, 0])), instructions: 0, points: 0 });
  const units = new Map<string, StatsCounts>();
  const authors = new Map<string, StatsCounts & { units: Set<string> }>();
  const unitTotals = emptyCounts();
  const authorTotals = emptyCounts();

  for (const item of input.items) {
    const adoptions = [...(firstAdoption.get(item.file) ?? new Map<string, string>())];
    const inThePeriod = adoptions.filter(([, date]) => inPeriod(period, date)).map(([key]) => key);
    const adoptedByEnd = adoptions.some(([, date]) => date <= period.to);
    const instructions = adoptedByEnd ? item.instructions.filter((i) => inPeriod(period, i.date)).length : 0;
    const credit: ItemCredit = {
      submitted: inPeriod(period, item.date),
      adopted: inThePeriod.length > 0,
      publications: inThePeriod,
      instructions,
      points: inThePeriod.reduce((sum, key) => sum + (pointsOf.get(key) ?? 0), 0) + instructions * input.instructionPoints,
    };
    if (!credit.submitted && !credit.adopted && credit.instructions === 0) continue;

    addCredit(getOrCreate(units, item.unit, emptyCounts), credit);
    addCredit(unitTotals, credit);
    const names = [...new Set(item.authors)];
    for (const name of names) {
      const row = getOrCreate(authors, name, () => ({ ...emptyCounts(), units: new Set<string>() }));
      addCredit(row, credit);
      row.units.add(item.unit);
    }
    if (names.length > 0) addCredit(authorTotals, credit);
  }

  return {
    period,
    publications: publications.map((p) => ({ ...p })),
    instructionPoints: input.instructionPoints,
    units: rankRows([...units].map(([name, c]) => ({ ...roundCounts(c), name, units: [] }))),
    unitTotals: roundCounts(unitTotals),
    authors: rankRows([...authors].map(([name, c]) => ({ ...roundCounts(c), name, units: [...c.units].sort(compareNames) }))),
    authorTotals: roundCounts(authorTotals),
  };
}

function addCredit(counts: StatsCounts, credit: ItemCredit): void {
  if (credit.submitted) counts.submitted++;
  if (credit.adopted) counts.adopted++;
  for (const key of credit.publications) counts.byPublication[key] = (counts.byPublication[key] ?? 0) + 1;
  counts.instructions += credit.instructions;
  counts.points += credit.points;
}

/**
 * A copy with the points rounded to 1e-6: points such as 0.1 add up to 0.30000000000000004
 * in binary, and two rows showing 0.3 must rank as equal.
 */
function roundCounts({ submitted, adopted, byPublication, instructions, points }: StatsCounts): StatsCounts {
  return { submitted, adopted, byPublication: { ...byPublication }, instructions, points: Math.round(points * 1e6) / 1e6 };
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = create()));
  return value;
}
