/** `2026-11-08` → `2026年11月8日`: the date line of a masthead has no zero padding. */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
