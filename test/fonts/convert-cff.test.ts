import { existsSync, readFileSync } from 'node:fs';
import { Font } from 'fonteditor-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertCffToTrueType, hasCffOutlines, readAdvanceWidths } from '../../src/fonts/convert-cff.ts';

const FANDOL_FANG = '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf';

// The conversion takes a few seconds, and reading a font's cmap with fonteditor-core as much.
const SLOW = 120_000;

describe('convertCffToTrueType on FandolFang', () => {
  let otf: Buffer;
  let ttf: Buffer;

  beforeAll(async () => {
    expect(existsSync(FANDOL_FANG), `${FANDOL_FANG} is needed by this test`).toBe(true);
    otf = readFileSync(FANDOL_FANG);
    ttf = await convertCffToTrueType(otf);
  }, SLOW);

  it('starts from a CFF font and produces a TrueType one', () => {
    expect(otf.toString('latin1', 0, 4)).toBe('OTTO');
    expect(hasCffOutlines(otf)).toBe(true);
    expect([...ttf.subarray(0, 4)]).toEqual([0x00, 0x01, 0x00, 0x00]);
    expect(hasCffOutlines(ttf)).toBe(false);
  });

  it('keeps the advance width of every glyph', () => {
    const before = readAdvanceWidths(otf);
    const after = readAdvanceWidths(ttf);
    expect(before.length).toBeGreaterThan(10_000); // a CJK font, not a stub
    expect(after).toHaveLength(before.length);
    expect(after).toEqual(before);
  });

  it(
    "keeps the widths of the digit '1' and the ideograph '中', found through the cmap",
    () => {
      const cmap = (font: Buffer, type: 'otf' | 'ttf') => Font.create(font, { type, hinting: false, kerning: false }).get().cmap;
      const otfCmap = cmap(otf, 'otf');
      const ttfCmap = cmap(ttf, 'ttf');
      const one = '1'.codePointAt(0)!;
      const zhong = '中'.codePointAt(0)!;
      expect(ttfCmap[one]).toBe(otfCmap[one]);
      expect(ttfCmap[zhong]).toBe(otfCmap[zhong]);

      const before = readAdvanceWidths(otf);
      const after = readAdvanceWidths(ttf);
      // FandolFang: 1000 units per em, half-width digits, full-width ideographs.
      expect(before[otfCmap[one]!]).toBe(500);
      expect(before[otfCmap[zhong]!]).toBe(1000);
      expect(after[ttfCmap[one]!]).toBe(500);
      expect(after[ttfCmap[zhong]!]).toBe(1000);
    },
    SLOW,
  );
});

describe('hasCffOutlines and readAdvanceWidths on hand-made tables', () => {
  it('tells the OpenType signatures apart', () => {
    expect(hasCffOutlines(Buffer.from('OTTO\0\0\0\0', 'latin1'))).toBe(true);
    expect(hasCffOutlines(Buffer.from([0, 1, 0, 0, 0, 0]))).toBe(false);
    expect(hasCffOutlines(Buffer.from('true\0\0', 'latin1'))).toBe(false);
  });

  it('repeats the last long metric for the glyphs after numberOfHMetrics', () => {
    // Three tables: hhea (numberOfHMetrics = 2), maxp (numGlyphs = 4), hmtx (2 long metrics).
    const directory = 12 + 3 * 16;
    const hhea = Buffer.alloc(36);
    hhea.writeUInt16BE(2, 34);
    const maxp = Buffer.alloc(6);
    maxp.writeUInt16BE(4, 4);
    const hmtx = Buffer.alloc(2 * 4 + 2 * 2);
    hmtx.writeUInt16BE(1000, 0);
    hmtx.writeUInt16BE(500, 4);
    const font = Buffer.alloc(directory + hhea.length + maxp.length + hmtx.length);
    font.writeUInt32BE(0x00010000, 0);
    font.writeUInt16BE(3, 4);
    let offset = directory;
    [['hhea', hhea], ['maxp', maxp], ['hmtx', hmtx]].forEach(([tag, table], i) => {
      const record = 12 + 16 * i;
      font.write(tag as string, record, 'latin1');
      font.writeUInt32BE(offset, record + 8);
      font.writeUInt32BE((table as Buffer).length, record + 12);
      (table as Buffer).copy(font, offset);
      offset += (table as Buffer).length;
    });
    expect(readAdvanceWidths(font)).toEqual([1000, 500, 500, 500]);
  });

  it('refuses a font without metrics tables', () => {
    const font = Buffer.alloc(12);
    font.writeUInt32BE(0x00010000, 0);
    expect(() => readAdvanceWidths(font)).toThrow('font has no hhea/maxp/hmtx table');
  });
});
