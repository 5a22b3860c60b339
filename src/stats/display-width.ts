/**
 * How many terminal columns a string takes: East Asian Wide and Fullwidth characters (汉字,
 * 全角标点, 假名, 한글) take two, combining marks and format characters none, the rest one.
 * Ambiguous-width characters such as “—” count as one, as in most terminals outside a CJK
 * legacy locale (string-width decides the same by default).
 */
import { inRanges, type CodePointRanges } from '../code-point-ranges.ts';

/** Code point ranges of East Asian Width W and F (Unicode 15), merged where adjacent. */
const WIDE: CodePointRanges = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x2e80, 0x303e], // CJK radicals, Kangxi radicals, CJK symbols and punctuation (、。〈〉「」)
  [0x3041, 0x33ff], // kana, bopomofo, Hangul compatibility jamo, enclosed CJK, CJK compatibility
  [0x3400, 0x4dbf], // CJK Extension A (e.g. 䶮)
  [0x4e00, 0xa4cf], // CJK Unified Ideographs, Yi
  [0xa960, 0xa97f], // Hangul Jamo Extended-A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth ASCII variants (（），：；！？)
  [0xffe0, 0xffe6], // fullwidth signs (￥)
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff], // Tangut
  [0x1b000, 0x1b2ff], // kana supplements, Nushu
  [0x1f200, 0x1f2ff], // enclosed ideographic supplement
  [0x20000, 0x2fffd], // CJK Extensions B–F, compatibility supplement
  [0x30000, 0x3fffd], // CJK Extensions G–H
];

const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}]/u;
const EMOJI = /\p{Emoji_Presentation}/u;

/** Terminal columns of `text` (one line; no tabs or line breaks expected). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (ZERO_WIDTH.test(char)) continue;
    width += inRanges(WIDE, char.codePointAt(0)!) || EMOJI.test(char) ? 2 : 1;
  }
  return width;
}

/** `text` padded with spaces to `width` columns, on the right (left-aligned) or the left. */
export function padToWidth(text: string, width: number, align: 'left' | 'right'): string {
  const padding = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + padding : padding + text;
}
