// Saddle-stitch imposition: the order as a pure function, then real issue PDFs imposed on
// A3 and each half of each sheet read back with pdftotext's crop options.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { A3_LANDSCAPE, bookletOrder, imposeBooklet } from '../../src/postprocess/impose-booklet.ts';
import { pdfFonts, pdfInfo } from '../helpers/pdf.ts';
import { buildSamplePdfs, pageText, type SamplePdfs } from '../helpers/print-pdf.ts';
import { tempDir } from '../helpers/workspace.ts';

const HALF = { w: A3_LANDSCAPE.width / 2, h: A3_LANDSCAPE.height };
const leftHalf = { x: 0, y: 0, ...HALF };
const rightHalf = { x: HALF.w, y: 0, ...HALF };

describe('bookletOrder', () => {
  it('pairs the pages of an 8-page booklet as the fold needs them', () => {
    expect(bookletOrder(8)).toEqual([
      [8, 1],
      [2, 7],
      [6, 3],
      [4, 5],
    ]);
  });

  it('pads to a multiple of 4 with blanks at the end', () => {
    expect(bookletOrder(1)).toEqual([
      [null, 1],
      [null, null],
    ]);
    expect(bookletOrder(3)).toEqual([
      [null, 1],
      [2, 3],
    ]);
    expect(bookletOrder(5)).toEqual([
      [null, 1],
      [2, null],
      [null, 3],
      [4, 5],
    ]);
  });

  it('places every page once, facing pages summing to n + 1, each back behind its front', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), (sheets) => {
        const n = sheets * 4;
        const sides = bookletOrder(n);
        expect(sides.length).toBe(n / 2);
        expect(sides.flat().sort((a, b) => a! - b!)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
        sides.forEach(([left, right], i) => {
          expect(left! + right!).toBe(n + 1);
          // the leaf under the front's right half carries the next page on the back's left
          if (i % 2 === 0) expect(sides[i + 1]![0]).toBe(right! + 1);
        });
      }),
    );
  });

  it('leaves blank exactly the places of the pages past the end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), (count) => {
        const full = bookletOrder(Math.ceil(count / 4) * 4);
        const blankPast = (p: number | null) => (p !== null && p <= count ? p : null);
        expect(bookletOrder(count)).toEqual(full.map(([l, r]) => [blankPast(l), blankPast(r)]));
      }),
    );
  });
});

describe('imposeBooklet', () => {
  let samples: SamplePdfs;
  let dir: string;
  const impose = async (source: string, name: string) => {
    const out = path.join(dir, name);
    await writeFile(out, await imposeBooklet(await readFile(source)));
    return out;
  };

  beforeAll(async () => {
    [samples, dir] = await Promise.all([buildSamplePdfs(), tempDir()]);
  });

  it('prints on A3 landscape, two A4 pages a side', async () => {
    const out = await impose(samples.plain, 'plain.pdf');
    const info = pdfInfo(out);
    expect(info['Page size']).toMatch(/^1190\.5\d x 841\.8\d pts \(A3\)/);
    expect(Number(info.Pages)).toBe(2); // 3 pages + 1 blank = one sheet, two sides
  });

  it('puts a 3-page issue in saddle-stitch order with the blank last', async () => {
    const out = await impose(samples.plain, 'plain-order.pdf');
    expect(pageText(out, 1, leftHalf)).toBe(''); // page 4, the blank back
    expect(pageText(out, 1, rightHalf)).toBe(pageText(samples.plain, 1));
    expect(pageText(out, 2, leftHalf)).toBe(pageText(samples.plain, 2));
    expect(pageText(out, 2, rightHalf)).toBe(pageText(samples.plain, 3));
  });

  it('puts every page of a 12-page issue on the half bookletOrder names', async () => {
    const count = Number(pdfInfo(samples.marked).Pages);
    expect(count).toBe(12);
    const out = await impose(samples.marked, 'marked.pdf');
    const sides = bookletOrder(count);
    expect(Number(pdfInfo(out).Pages)).toBe(sides.length);
    sides.forEach(([left, right], i) => {
      expect(pageText(out, i + 1, leftHalf), `side ${i + 1} left`).toBe(pageText(samples.marked, left!));
      expect(pageText(out, i + 1, rightHalf), `side ${i + 1} right`).toBe(pageText(samples.marked, right!));
      expect(pageText(out, i + 1, leftHalf)).toContain(`—${left}—`);
    });
  });

  it('keeps the fonts embedded, none Type 3, and the metadata', async () => {
    const out = await impose(samples.marked, 'marked-meta.pdf');
    for (const f of pdfFonts(out)) {
      expect(f.embedded, f.name).toBe(true);
      expect(f.type, f.name).not.toBe('Type 3');
    }
    const [source, imposed] = [pdfInfo(samples.marked), pdfInfo(out)];
    for (const key of ['Title', 'Author', 'Subject', 'CreationDate']) expect(imposed[key], key).toBe(source[key]);
  });
});
