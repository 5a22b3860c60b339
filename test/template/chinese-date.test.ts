import { describe, expect, it } from 'vitest';
import { chineseDate } from '../../src/template/chinese-date.ts';

describe('chineseDate', () => {
  it.each([
    ['2026-01-05', '2026年1月5日'],
    ['2026-11-08', '2026年11月8日'],
    ['2026-10-10', '2026年10月10日'],
    ['2026-12-31', '2026年12月31日'],
    ['2024-02-29', '2024年2月29日'],
  ])('%s → %s (no zero padding)', (iso, expected) => {
    expect(chineseDate(iso)).toBe(expected);
  });
});
