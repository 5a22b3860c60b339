/**
 * The order of a ranking: more points first, then more adoptions, then by name. Names are
 * compared in the order a Chinese reader expects, 汉语拼音 (the ICU collation for
 * `zh-Hans-CN`, which Node ships), and code unit by code unit where that collation sees two
 * different names as equal, so the order never depends on input order.
 */
const collator = new Intl.Collator('zh-Hans-CN');

/** Compares two names: pinyin order, then code units. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export interface Rankable {
  name: string;
  points: number;
  adopted: number;
}

/**
 * The rows in ranking order, each with its rank. Rows equal in points and adoptions share a
 * rank and the next rank is skipped (1, 2, 2, 4): the name only orders them on the page,
 * it is no merit.
 */
export function rankRows<T extends Rankable>(rows: readonly T[]): Array<T & { rank: number }> {
  const sorted = [...rows].sort((a, b) => b.points - a.points || b.adopted - a.adopted || compareNames(a.name, b.name));
  let rank = 0;
  return sorted.map((row, i) => {
    const previous = sorted[i - 1];
    if (!previous || previous.points !== row.points || previous.adopted !== row.adopted) rank = i + 1;
    return { ...row, rank };
  });
}
