/** Inclusive ranges of code points, sorted by start and not overlapping. */
export type CodePointRanges = ReadonlyArray<readonly [number, number]>;

/** Whether `codePoint` falls in one of the `ranges`, by binary search. */
export function inRanges(ranges: CodePointRanges, codePoint: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = ranges[mid]!;
    if (codePoint < start) hi = mid - 1;
    else if (codePoint > end) lo = mid + 1;
    else return true;
  }
  return false;
}
