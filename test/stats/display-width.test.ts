import { describe, expect, it } from 'vitest';
import { displayWidth, padToWidth } from '../../src/stats/display-width.ts';

describe('displayWidth', () => {
  it.each([
    ['', 0],
    ['abc 12', 6],
    ['北湖区委办公室', 14],
    ['刘䶮', 4], // CJK Extension A
    ['𠀋', 2], // CJK Extension B, outside the BMP
    ['（共印40份）', 12], // fullwidth brackets are wide; ASCII digits narrow
    ['、。“', 5], // ideographic comma and stop wide; the curly quote is ambiguous: narrow
    ['66.7%', 5],
    ['—', 1], // ambiguous: one column, as most terminals show it
    ['e\u0301', 1], // combining accent takes no column
    ['한국어', 6],
  ])('%j takes %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('pads to a display width on either side', () => {
    expect(padToWidth('信息', 6, 'left')).toBe('信息  ');
    expect(padToWidth('12', 6, 'right')).toBe('    12');
    expect(padToWidth('信息专报', 4, 'right')).toBe('信息专报'); // never cut
  });
});
