import { describe, expect, it } from 'vitest';
import { coverageTest, missingGlyphs } from '../../src/fonts/coverage.ts';

// A font chain that has ASCII, CJK punctuation and the common ideographs, nothing else.
const covered = (cp: number) => cp < 0x80 || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0x4e00 && cp <= 0x9fff);

describe('missingGlyphs', () => {
  it('finds nothing when every character has a glyph, white space and controls included', () => {
    expect(missingGlyphs([{ file: 'items/a.md', text: '标题\r\n\t正文。\u00a0\u200b\n' }], covered)).toEqual([]);
  });

  it('names each missing character once per file, on the line it first appears', () => {
    const text = ['第一行', '第二行有①', '①又出现', '还有Ω'].join('\n');
    const found = missingGlyphs([{ file: 'items/a.md', text }], covered);
    expect(found.map((d) => [d.file, d.line, d.message])).toEqual([
      ['items/a.md', 2, '字符“①”（U+2460）在所有可用字体中都没有字形，印出来会是空框'],
      ['items/a.md', 4, '字符“Ω”（U+03A9）在所有可用字体中都没有字形，印出来会是空框'],
    ]);
  });

  it('reports again in another file', () => {
    const found = missingGlyphs([{ file: 'a.md', text: '①' }, { file: 'b.md', text: '\n①' }], covered);
    expect(found.map((d) => [d.file, d.line])).toEqual([['a.md', 1], ['b.md', 2]]);
  });

  it('takes a character beyond the BMP whole, and a lone surrogate as itself', () => {
    const found = missingGlyphs([{ file: 'a.md', text: '甲\u{31350}乙\n\ud800丙' }], covered);
    expect(found.map((d) => [d.line, d.message.split('在')[0]])).toEqual([
      [1, '字符“\u{31350}”（U+31350）'],
      [2, '字符“\ud800”（U+D800）'],
    ]);
  });

  it('asks the coverage again for a new coverage, not the answers of another', () => {
    const everything = () => true;
    expect(missingGlyphs([{ file: 'a.md', text: '①' }], covered)).toHaveLength(1);
    expect(missingGlyphs([{ file: 'a.md', text: '①' }], everything)).toHaveLength(0);
  });
});

describe('coverageTest', () => {
  it('answers for the union of the coverages, to the ends of each range', () => {
    const covers = coverageTest([
      [[0x41, 0x43], [0x4e00, 0x4e01]],
      [[0x42, 0x48], [0x10ffff, 0x10ffff]],
      [],
    ]);
    const inside = [0x41, 0x43, 0x44, 0x48, 0x4e00, 0x4e01, 0x10ffff];
    const outside = [-1, 0, 0x40, 0x49, 0x4dff, 0x4e02, 0x10fffe, 0x110000];
    expect(inside.filter((cp) => !covers(cp))).toEqual([]);
    expect(outside.filter((cp) => covers(cp))).toEqual([]);
  });
});
