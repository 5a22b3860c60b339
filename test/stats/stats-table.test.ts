import { describe, expect, it } from 'vitest';
import { ratePerMille, rateText } from '../../src/stats/stats-table.ts';

describe('rate', () => {
  it.each([
    [2, 3, '66.7%'], // 66.666…: rounded up
    [1, 3, '33.3%'],
    [1, 8, '12.5%'],
    [1, 16, '6.3%'], // 6.25: half rounds up
    [1, 1, '100.0%'],
    [0, 4, '0.0%'],
    [4, 3, '133.3%'], // adoptions of items submitted earlier
    [1, 0, '—'],
    [0, 0, '—'],
  ])('%i adopted of %i submitted is %s', (adopted, submitted, text) => {
    expect(rateText({ adopted, submitted })).toBe(text);
  });

  it('is exact in integers even where floating point is not', () => {
    // 0.145 × 1000 is 144.99999999999997 in binary; 29 of 200 is 14.5% exactly.
    expect(ratePerMille({ adopted: 29, submitted: 200 })).toBe(145);
    expect(ratePerMille({ adopted: 1, submitted: 0 })).toBeUndefined();
  });
});
