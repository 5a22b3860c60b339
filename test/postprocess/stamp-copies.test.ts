// Copy numbers (份号) stamped on real issue PDFs printed by Chromium, read back with poppler.
import { statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatCopyNumber, stampCopies } from '../../src/postprocess/stamp-copies.ts';
import { pdfFonts, pdfInfo } from '../helpers/pdf.ts';
import { buildSamplePdfs, copyNumbers, digitFont, FIRST_LINE, MM, pageIsBlank, pageText, type SamplePdfs } from '../helpers/print-pdf.ts';
import { tempDir } from '../helpers/workspace.ts';

const TOLERANCE = 1 * MM;
let samples: SamplePdfs;
let font: Uint8Array;
let dir: string;

/** Stamps `source` and writes the result to a file of the temp folder, for poppler. */
async function stamped(source: string, name: string, options: { copies: number; from?: number; align: 'left' | 'right' }): Promise<string> {
  const out = path.join(dir, name);
  await writeFile(out, await stampCopies(await readFile(source), { ...options, font }));
  return out;
}

const pages = (file: string) => Number(pdfInfo(file).Pages);

beforeAll(async () => {
  [samples, font, dir] = await Promise.all([buildSamplePdfs(), digitFont(), tempDir()]);
});

describe('formatCopyNumber', () => {
  it('pads to six digits', () => {
    expect(formatCopyNumber(1)).toBe('000001');
    expect(formatCopyNumber(123456)).toBe('123456');
  });
});

describe('stampCopies', () => {
  it('pads an odd issue with a blank page per copy: copies × even page count', async () => {
    expect(pages(samples.plain)).toBe(3);
    const out = await stamped(samples.plain, 'plain-3.pdf', { copies: 3, align: 'left' });
    expect(pages(out)).toBe(12);
    for (const blank of [4, 8, 12]) {
      expect(pageText(out, blank), `page ${blank}`).toBe('');
      expect(pageIsBlank(out, blank), `page ${blank}`).toBe(true);
    }
    // the other pages are the issue's own, copy after copy
    for (let copy = 0; copy < 3; copy++) {
      for (const page of [2, 3]) expect(pageText(out, copy * 4 + page)).toBe(pageText(samples.plain, page));
    }
  });

  it('adds no page to an issue with an even page count', async () => {
    const count = pages(samples.marked);
    expect(count % 2).toBe(0);
    const out = await stamped(samples.marked, 'marked-2.pdf', { copies: 2, align: 'right' });
    expect(pages(out)).toBe(2 * count);
  });

  it('numbers the first page of every copy, consecutively from `from`, and no other page', async () => {
    const out = await stamped(samples.plain, 'plain-from.pdf', { copies: 4, from: 98, align: 'left' });
    const numbers = copyNumbers(out);
    expect(numbers.map((w) => [w.page, w.text])).toEqual([
      [1, '000098'],
      [5, '000099'],
      [9, '000100'],
      [13, '000101'],
    ]);
    // the rest of each first page is the page 1
    expect(pageText(out, 5).replace('000099', '')).toBe(pageText(samples.plain, 1));
  });

  it('sets the number flush left on the first line of the text block (GB/T 9704 §7.2.1)', async () => {
    const out = await stamped(samples.plain, 'plain-left.pdf', { copies: 1, align: 'left' });
    const [number] = copyNumbers(out);
    expect(Math.abs(number!.xMin - FIRST_LINE.left)).toBeLessThan(TOLERANCE);
    expect(Math.abs((number!.yMin + number!.yMax) / 2 - FIRST_LINE.centre)).toBeLessThan(TOLERANCE);
    expect(number!.yMax - number!.yMin).toBeCloseTo(16, 0); // 3号
  });

  it('sets it flush right on that line, level with the marking, when a marking holds the left', async () => {
    const out = await stamped(samples.marked, 'marked-right.pdf', { copies: 1, align: 'right' });
    const [number] = copyNumbers(out);
    expect(Math.abs(number!.xMax - FIRST_LINE.right)).toBeLessThan(TOLERANCE);
    expect(Math.abs((number!.yMin + number!.yMax) / 2 - FIRST_LINE.centre)).toBeLessThan(TOLERANCE);
    const text = pageText(out, 1);
    expect(text.startsWith('内部资料注意保存000001')).toBe(true);
  });

  it('embeds the digits as a subset TrueType font: no standard, unembedded or Type 3 font', async () => {
    const out = await stamped(samples.plain, 'plain-fonts.pdf', { copies: 2, align: 'left' });
    const fonts = pdfFonts(out);
    expect(fonts.length).toBe(pdfFonts(samples.plain).length + 1);
    for (const f of fonts) {
      expect(f.embedded, f.name).toBe(true);
      expect(f.type, f.name).not.toBe('Type 3');
    }
    expect(fonts.some((f) => /^[A-Z]{6}\+/.test(f.name) && /Song|宋/i.test(f.name))).toBe(true);
  });

  it('shares the pages’ content between copies, so many copies stay small', async () => {
    const out = await stamped(samples.marked, 'marked-50.pdf', { copies: 50, align: 'right' });
    expect(pages(out)).toBe(50 * pages(samples.marked));
    expect(statSync(out).size).toBeLessThan(statSync(samples.marked).size * 1.5);
  });

  it('keeps the metadata and gives the same bytes for the same copies', async () => {
    const source = await readFile(samples.plain);
    const [a, b] = await Promise.all([0, 1].map(() => stampCopies(source, { copies: 2, font, align: 'left' })));
    expect(Buffer.from(a!).equals(Buffer.from(b!))).toBe(true);
    const out = await stamped(samples.plain, 'plain-meta.pdf', { copies: 2, align: 'left' });
    expect(pdfInfo(out).Title).toBe(pdfInfo(samples.plain).Title);
    expect(pdfInfo(out).CreationDate).toBe(pdfInfo(samples.plain).CreationDate);
  });

  it('refuses no copies and numbers past six digits', async () => {
    const source = await readFile(samples.plain);
    await expect(stampCopies(source, { copies: 0, font, align: 'left' })).rejects.toThrow(RangeError);
    await expect(stampCopies(source, { copies: 2, from: 999_999, font, align: 'left' })).rejects.toThrow(/6 digits/);
  });
});
