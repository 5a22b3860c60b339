import { createHash } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFPage, type PDFFont } from 'pdf-lib';
import { PAGE } from '../page-geometry.ts';

/** Copy numbers (份号) have six digits (GB/T 9704-2012 §7.2.1). */
export const COPY_NUMBER_DIGITS = 6;
/** The highest copy number six digits can print. */
export const MAX_COPY_NUMBER = 10 ** COPY_NUMBER_DIGITS - 1;

/** What `stampCopies` makes: how many copies, numbered how, and where the number goes. */
export interface StampOptions {
  /** How many copies to make, at least 1. */
  copies: number;
  /** The first copy's number; the others follow consecutively. Default 1. */
  from?: number;
  /**
   * A TrueType or OpenType font with the ten digits (not a collection). It is embedded as a
   * subset: a standard PDF font would not be embedded, and every font must be.
   */
  font: Uint8Array;
  /**
   * `left` is GB/T 9704's place: flush left on the first line of the text block. `right`
   * is for an issue whose masthead already prints a marking flush left on that line.
   */
  align: 'left' | 'right';
  /**
   * Where page 1 of the issue lies on the first page of a copy, in pt from the bottom left:
   * (0, 0) for the A4 issue itself, the right half of the first sheet for a booklet.
   */
  origin?: { x: number; y: number };
}

/** `000042`: a copy number as printed. */
export function formatCopyNumber(n: number): string {
  return String(n).padStart(COPY_NUMBER_DIGITS, '0');
}

/**
 * Makes `copies` copies of a printed PDF, one after the other, each with its copy number
 * stamped on its first page, and each padded with a blank page to an even page count so
 * that duplex printing never starts a copy on the back of the previous one's last sheet.
 *
 * Nothing is rendered again: every copy's pages are new page dictionaries pointing at the
 * same content streams, fonts and images, so 100 copies weigh little more than one.
 */
export async function stampCopies(pdf: Uint8Array, options: StampOptions): Promise<Uint8Array> {
  const from = options.from ?? 1;
  if (!Number.isInteger(options.copies) || options.copies < 1) throw new RangeError(`copies must be a positive integer, got ${options.copies}`);
  if (!Number.isInteger(from) || from < 1 || from + options.copies - 1 > MAX_COPY_NUMBER) {
    throw new RangeError(`copy numbers ${from}…${from + options.copies - 1} do not fit in ${COPY_NUMBER_DIGITS} digits`);
  }
  // updateMetadata: false keeps the issue's metadata and dates, so a rerun gives the same bytes.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.registerFontkit(fontkit);
  const numbers = Array.from({ length: options.copies }, (_, c) => formatCopyNumber(from + c));
  const font = await doc.embedFont(options.font, { subset: true, customName: subsetName(options.font, numbers) });
  const issuePages = doc.getPages();
  if (issuePages.length === 0) throw new RangeError('the PDF has no page');
  // Links (footnote references) mean nothing on paper, and an annotation belongs to one page
  // only: shared by the copies' pages it would be malformed. The print file carries none.
  for (const page of issuePages) page.node.delete(PDFName.of('Annots'));

  // Clone before any stamp, so no copy inherits another's number.
  const copies: PDFPage[][] = [issuePages];
  for (let c = 1; c < options.copies; c++) copies.push(issuePages.map((page) => clonePage(doc, page)));

  const { width, height } = issuePages[issuePages.length - 1]!.getSize();
  copies.forEach((pages, c) => {
    if (c > 0) for (const page of pages) doc.addPage(page);
    // The blank page is a page of its own, without a number: a copy ends on an even page.
    if (issuePages.length % 2 === 1) doc.addPage([width, height]);
  });
  copies.forEach((pages, c) => stamp(pages[0]!, numbers[c]!, font, options));
  return doc.save({ useObjectStreams: true, addDefaultPage: false });
}

/**
 * `ABCDEF+FandolSong-Regular`: the tag marks a subset font for preflight tools (pdf-lib would
 * append a random suffix instead), and is derived from the digits used so that the same
 * copies give the same bytes.
 */
function subsetName(font: Uint8Array, numbers: string[]): string {
  const name = fontkit.create(font).postscriptName ?? 'CopyNumberDigits';
  const digits = [...new Set(numbers.join(''))].sort().join('');
  const hash = createHash('sha256').update(`${name}|${digits}`).digest();
  const tag = Array.from(hash.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
  return `${tag}+${name}`;
}

/**
 * A new page that shares the original's content streams and resources. It gets its own
 * Contents array and Resources dictionaries, because drawing on a page (the stamp) appends
 * to both, and that must not reach the other copies.
 */
function clonePage(doc: PDFDocument, page: PDFPage): PDFPage {
  const { context } = doc;
  const leaf = page.node.clone(context);
  const contents = page.node.get(PDFName.of('Contents'));
  const resolved = page.node.Contents();
  const streams = resolved instanceof PDFArray ? resolved.asArray() : contents ? [contents] : [];
  leaf.set(PDFName.of('Contents'), context.obj(streams));
  const resources = page.node.Resources();
  if (resources) {
    const own = resources.clone(context);
    for (const key of ['Font', 'XObject', 'ExtGState']) {
      const sub = own.lookupMaybe(PDFName.of(key), PDFDict);
      if (sub) own.set(PDFName.of(key), sub.clone(context));
    }
    leaf.set(PDFName.Resources, own);
  }
  const ref = context.register(leaf);
  return PDFPage.of(leaf, ref, doc);
}

/**
 * Draws the number on the first grid line of page 1's text block (top 37 mm, 28 mm binding
 * margin on an odd page). A CJK face's em box runs from −0.12 em to 0.88 em about the
 * baseline and Chromium centres it in the 28.95 pt line: the digits take the baseline the
 * masthead's first line has, so they stand level with a marking printed there.
 */
function stamp(page: PDFPage, text: string, font: PDFFont, options: StampOptions): void {
  const size = PAGE.bodySize; // 3号
  const origin = options.origin ?? { x: 0, y: 0 };
  const width = font.widthOfTextAtSize(text, size);
  const left = origin.x + PAGE.binding;
  const x = options.align === 'left' ? left : left + PAGE.textWidth - width;
  const baselineFromTop = PAGE.top + (PAGE.linePitch - size) / 2 + 0.88 * size;
  const y = origin.y + PAGE.height - baselineFromTop;
  page.drawText(text, { x, y, size, font });
}
