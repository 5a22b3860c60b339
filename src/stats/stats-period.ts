/** The span of time a statistics report covers: a whole year, or one quarter of it. */
export interface StatsPeriod {
  year: number;
  /** 1–4, or absent for the whole year. */
  quarter?: number;
  /** First day, YYYY-MM-DD, inclusive. */
  from: string;
  /** Last day, YYYY-MM-DD, inclusive. */
  to: string;
  /** As a notice names it: `2026年第三季度`, `2026年度`. */
  label: string;
}

const QUARTER_NAMES = ['一', '二', '三', '四'] as const;
const QUARTER_LAST_DAY = ['03-31', '06-30', '09-30', '12-31'] as const;

/**
 * The period of `year`, or of its quarter `quarter` (1–4). Dates are compared as
 * YYYY-MM-DD strings, which order like the days they name, so no time zone enters.
 * Throws on a quarter outside 1–4: the command line checks the editor's input first.
 */
export function statsPeriod(year: number, quarter?: number): StatsPeriod {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`statsPeriod: year must be a four-digit integer, got ${year}`);
  const y = String(year);
  if (quarter === undefined) return { year, from: `${y}-01-01`, to: `${y}-12-31`, label: `${y}年度` };
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw new RangeError(`statsPeriod: quarter must be 1–4, got ${quarter}`);
  const firstMonth = String((quarter - 1) * 3 + 1).padStart(2, '0');
  return {
    year,
    quarter,
    from: `${y}-${firstMonth}-01`,
    to: `${y}-${QUARTER_LAST_DAY[quarter - 1]}`,
    label: `${y}年第${QUARTER_NAMES[quarter - 1]}季度`,
  };
}

/** Whether the YYYY-MM-DD `date` falls within the period. */
export function inPeriod(period: Pick<StatsPeriod, 'from' | 'to'>, date: string): boolean {
  return date >= period.from && date <= period.to;
}
