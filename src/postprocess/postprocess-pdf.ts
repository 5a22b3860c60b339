import { PDFDocument, ParseSpeeds } from 'pdf-lib';
import { PAGE } from '../page-geometry.ts';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  /** The date: used for the PDF's dates so that a rebuild gives the same bytes. */
  date: Date;
}

/**
 * Finishes the PDF Chromium printed: moves the tail from its own page onto the foot of
 * the last page of text, and writes the metadata. Returns new bytes; the input is untouched.
 */
export async function postprocessPdf(printed: Uint8Array, meta: PdfMetadata, options: { hasTail: boolean }): Promise<Uint8Array> {
  return savePdf(await postprocessDocument(printed, meta, options));
}

/** The same, stopping before the save: for checks of the finished document in memory. */
export async function postprocessDocument(printed: Uint8Array, meta: PdfMetadata, options: { hasTail: boolean }): Promise<PDFDocument> {
  // Fastest: pdf-lib otherwise waits a timer tick every hundred objects, idling the build.
  const doc = await PDFDocument.load(printed, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  if (options.hasTail) await moveTailOntoLastPage(doc);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setProducer(meta.creator);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  doc.setLanguage('zh-CN');
  // Embeds the tail's page now rather than at save, so that checks in memory see it.
  await doc.flush();
  return doc;
}

export function savePdf(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: true, addDefaultPage: false, objectsPerTick: Infinity });
}

/**
 * The template lays the tail out at the foot of a page of its own, and reserves the same
 * room at the end of the text. Drawing that page onto the one before it puts the tail on
 * the bottom edge of the last text block, as 简报 practice wants, whatever the text length.
 * Odd and even pages have mirrored margins, so the tail shifts by their difference.
 */
async function moveTailOntoLastPage(doc: PDFDocument): Promise<void> {
  const count = doc.getPageCount();
  if (count < 2) return;
  const tailPage = doc.getPage(count - 1);
  const target = doc.getPage(count - 2);
  const leftMargin = (pageNumber: number) => (pageNumber % 2 === 1 ? PAGE.binding : PAGE.outer);
  const dx = leftMargin(count - 1) - leftMargin(count);
  const form = await doc.embedPage(tailPage);
  target.drawPage(form, { x: dx, y: 0 });
  doc.removePage(count - 1);
}
