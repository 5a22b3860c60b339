import type { AdoptionStats, StatsCounts, StatsRow } from './collect-adoptions.ts';
import { ratePerMille } from './stats-table.ts';

/**
 * The report as JSON for scripts. The field names are part of the contract (README):
 *
 * ```
 * { period: { year, quarter|null, from, to, label },
 *   scoring: { publications: [{ key, name, points }], instructionPoints },
 *   units:   [{ rank, name, submitted, adopted, rate, byPublication: { <key>: n }, instructions, points }],
 *   unitTotals:   { submitted, adopted, rate, byPublication, instructions, points },
 *   authors: [{ rank, name, units: [..], submitted, … as units }],
 *   authorTotals: { … as unitTotals } }
 * ```
 *
 * `rate` is the percentage with one decimal (66.7 for 2 of 3), null when nothing was
 * submitted; `byPublication` is keyed by the periodical's key in bulletin.config.yml.
 */
export function formatJson(stats: AdoptionStats): string {
  const { period } = stats;
  const json = {
    period: { year: period.year, quarter: period.quarter ?? null, from: period.from, to: period.to, label: period.label },
    scoring: {
      publications: stats.publications.map((p) => ({ key: p.key, name: p.name, points: p.points })),
      instructionPoints: stats.instructionPoints,
    },
    units: stats.units.map((row) => ({ rank: row.rank, name: row.name, ...counts(row) })),
    unitTotals: counts(stats.unitTotals),
    authors: stats.authors.map((row: StatsRow) => ({ rank: row.rank, name: row.name, units: row.units, ...counts(row) })),
    authorTotals: counts(stats.authorTotals),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function counts(c: StatsCounts) {
  const perMille = ratePerMille(c);
  return {
    submitted: c.submitted,
    adopted: c.adopted,
    rate: perMille === undefined ? null : perMille / 10,
    byPublication: { ...c.byPublication },
    instructions: c.instructions,
    points: c.points,
  };
}
