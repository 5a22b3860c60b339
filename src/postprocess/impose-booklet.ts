import { PDFDocument, PDFName } from 'pdf-lib';
import { MM, PAGE } from '../page-geometry.ts';

/** A3 landscape, two A4 pages side by side: 420 × 297 mm. */
export const A3_LANDSCAPE = { width: 420 * MM, height: 297 * MM } as const;

/** Where page 1 of the booklet lies on the first side of the first sheet: its right half. */
export const BOOKLET_FIRST_PAGE_ORIGIN = { x: PAGE.width, y: 0 } as const;

/**
 * The saddle-stitch order of a booklet of `pageCount` pages: for every side of every sheet,
 * the page numbers (1-based) on its left and right halves, `null` for a blank. The count is
 * padded to a multiple of 4 (one sheet folded holds four pages); the blanks go at the end,
 * before nothing but the back of the booklet. For 8 pages: (8,1) (2,7) (6,3) (4,5).
 */
export function bookletOrder(pageCount: number): Array<[number | null, number | null]> {
  const n = Math.ceil(pageCount / 4) * 4;
  const page = (p: number) => (p <= pageCount ? p : null);
  const sides: Array<[number | null, number | null]> = [];
  for (let i = 0; i < n / 2; i++) {
    // Front sides carry the outer page left, the inner right; backs the other way round.
    sides.push(i % 2 === 0 ? [page(n - i), page(i + 1)] : [page(i + 1), page(n - i)]);
  }
  return sides;
}

/**
 * Imposes an A4 issue 2-up on A3 landscape sheets for folded, saddle-stitched printing:
 * printed duplex (flip on the short edge) and folded, the sheets read 1, 2, 3… The pages
 * are drawn unscaled: A4 is exactly half of A3, and each page's mirrored margins put its
 * 28 mm binding side on the fold. Each source page is embedded once; the metadata is kept.
 */
export async function imposeBooklet(pdf: Uint8Array): Promise<Uint8Array> {
  const source = await PDFDocument.load(pdf, { updateMetadata: false });
  const count = source.getPageCount();
  if (count === 0) throw new RangeError('the PDF has no page');
  const doc = await PDFDocument.create({ updateMetadata: false });
  copyMetadata(source, doc);
  const forms = await doc.embedPages(source.getPages());
  for (const [left, right] of bookletOrder(count)) {
    const sheet = doc.addPage([A3_LANDSCAPE.width, A3_LANDSCAPE.height]);
    if (left) sheet.drawPage(forms[left - 1]!, { x: 0, y: 0 });
    if (right) sheet.drawPage(forms[right - 1]!, { x: A3_LANDSCAPE.width / 2, y: 0 });
  }
  return doc.save({ useObjectStreams: true, addDefaultPage: false });
}

/** The imposed file is the same issue: same title, author, dates and language. */
function copyMetadata(from: PDFDocument, to: PDFDocument): void {
  const title = from.getTitle();
  if (title) to.setTitle(title, { showInWindowTitleBar: true });
  const author = from.getAuthor();
  if (author) to.setAuthor(author);
  const subject = from.getSubject();
  if (subject) to.setSubject(subject);
  const keywords = from.getKeywords();
  if (keywords) to.setKeywords([keywords]);
  const creator = from.getCreator();
  if (creator) to.setCreator(creator);
  const producer = from.getProducer();
  if (producer) to.setProducer(producer);
  const created = from.getCreationDate();
  if (created) to.setCreationDate(created);
  const modified = from.getModificationDate();
  if (modified) to.setModificationDate(modified);
  const lang = from.catalog.lookup(PDFName.of('Lang'));
  if (lang) to.catalog.set(PDFName.of('Lang'), lang);
}
