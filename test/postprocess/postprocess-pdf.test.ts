// The tail moved from its own page onto the foot of the page before, read back with poppler:
// whether the tail page has one content stream (as Chromium writes it, reused as it is) or
// several (drawn through pdf-lib's embedPage), it lands in the same place.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAGE } from '../../src/page-geometry.ts';
import { postprocessDocument } from '../../src/postprocess/postprocess-pdf.ts';
import { savePdf } from '../../src/postprocess/save-pdf.ts';
import { pdfInfo, pdfWords } from '../helpers/pdf.ts';
import { tempDir } from '../helpers/workspace.ts';

const META = { title: '信息专报', author: '办公室', subject: 's', keywords: [], creator: 'bulletin', date: new Date('2026-11-01T00:00:00Z') };
let dir: string;

beforeAll(async () => {
  dir = await tempDir();
});

/**
 * Two A4 pages, BODY on the first and TAIL near the foot of the second, written to `file`.
 * With `leavesTransform`, the first page ends as Chromium's pages do, its transformation
 * changed and not restored.
 */
async function printedLike(contentStreams: 1 | 2, file: string, leavesTransform = false): Promise<Uint8Array> {
  const made = await PDFDocument.create();
  const font = await made.embedFont(StandardFonts.Helvetica);
  made.addPage([PAGE.width, PAGE.height]).drawText('BODY', { x: 100, y: 700, size: 12, font });
  made.addPage([PAGE.width, PAGE.height]).drawText('TAIL', { x: 100, y: 120, size: 12, font });
  const doc = await PDFDocument.load(await made.save({ useObjectStreams: false }));
  if (leavesTransform) {
    const body = doc.getPage(0).node;
    body.lookup(PDFName.of('Contents'), PDFArray).push(doc.context.register(doc.context.stream('2 0 0 -2 -300 900 cm')));
  }
  const node = doc.getPage(1).node;
  const streams = node.lookup(PDFName.of('Contents'), PDFArray);
  if (contentStreams === 1) {
    // pdf-lib writes an array; Chromium writes the one stream itself.
    node.set(PDFName.of('Contents'), streams.get(0));
  } else {
    const fontName = node.Resources()!.lookup(PDFName.of('Font'), PDFDict).keys()[0]!.asString();
    streams.push(doc.context.register(doc.context.stream(`BT ${fontName} 12 Tf 300 120 Td (MORE) Tj ET`)));
  }
  const bytes = await doc.save({ useObjectStreams: false });
  await writeFile(file, bytes);
  return bytes;
}

describe('moving the tail onto the last page of text', () => {
  it.each([
    [1, false],
    [2, false],
    [1, true],
  ] as const)('puts the tail of a page of %i content stream(s) at its place on the page before (which leaves its transformation changed: %s)', async (streams, leavesTransform) => {
    const printed = path.join(dir, `printed-${streams}-${leavesTransform}.pdf`);
    const doc = await postprocessDocument(await printedLike(streams, printed, leavesTransform), META, { hasTail: true });
    const file = path.join(dir, `tail-${streams}-${leavesTransform}.pdf`);
    await writeFile(file, await savePdf(doc));
    expect(pdfInfo(file).Pages).toBe('1');
    const before = pdfWords(printed);
    const after = pdfWords(file);
    expect(after.map((w) => w.text)).toEqual(streams === 1 ? ['BODY', 'TAIL'] : ['BODY', 'TAIL', 'MORE']);
    for (const word of after.filter((w) => w.text !== 'BODY')) {
      const was = before.find((w) => w.text === word.text)!;
      expect(was.page).toBe(2);
      expect(word.page).toBe(1);
      // Page 2's text block starts at the outer margin, page 1's at the binding margin.
      expect(word.xMin - was.xMin).toBeCloseTo(PAGE.binding - PAGE.outer, 2);
      expect(word.yMin).toBeCloseTo(was.yMin, 2);
    }
  });
});
