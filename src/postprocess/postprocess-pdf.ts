import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, ParseSpeeds, type PDFObject, type PDFPage } from 'pdf-lib';
import { saveAsUpdate } from './save-pdf.ts';
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
  return saveAsUpdate(printed, await postprocessDocument(printed, meta, options));
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
  return doc;
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
  const form = formOfPage(doc, tailPage);
  if (form) {
    drawFormOver(doc, target, form, dx);
  } else {
    target.drawPage(await doc.embedPage(tailPage), { x: dx, y: 0 });
    await doc.flush(); // embeds the page now rather than at save, for the checks in memory to see it
  }
  doc.removePage(count - 1);
}

/**
 * The page as a form XObject, its content stream's bytes reused as they are (still
 * compressed) with its resources: what embedPage makes, without decompressing and
 * compressing the content again. Undefined for a page of several content streams.
 */
function formOfPage(doc: PDFDocument, page: PDFPage): PDFRef | undefined {
  const contents = page.node.Contents();
  if (!(contents instanceof PDFRawStream)) return undefined;
  const { x, y, width, height } = page.getMediaBox();
  const dict = doc.context.obj({
    Type: 'XObject',
    Subtype: 'Form',
    FormType: 1,
    BBox: [x, y, x + width, y + height],
    Matrix: [1, 0, 0, 1, 0, 0],
    Resources: page.node.Resources() ?? doc.context.obj({}),
  });
  for (const key of ['Filter', 'DecodeParms']) {
    const value = contents.dict.get(PDFName.of(key));
    if (value) dict.set(PDFName.of(key), value);
  }
  return doc.context.register(PDFRawStream.of(dict, contents.contents));
}

/**
 * Draws `form`, moved right by `dx`, over everything on `page`: a content stream of its own,
 * after the page's, which are first put between `q` and `Q` (Chromium leaves its
 * transformation in place at the end of a page). The page dictionary is changed directly:
 * pdf-lib's addContentStream would wrap the page's streams in two of its own, each
 * Deflate-compressed, setting up a compressor twice an issue for one operator each.
 */
function drawFormOver(doc: PDFDocument, page: PDFPage, form: PDFRef, dx: number): void {
  const { context } = doc;
  const node = page.node;
  let resources = node.Resources();
  if (!resources) {
    resources = context.obj({});
    node.set(PDFName.of('Resources'), resources);
  }
  let xObjects = resources.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xObjects) {
    xObjects = context.obj({});
    resources.set(PDFName.of('XObject'), xObjects);
  }
  let name = PDFName.of('Tail');
  for (let n = 1; xObjects.has(name); n++) name = PDFName.of(`Tail${n}`);
  xObjects.set(name, form);

  const contents = node.get(PDFName.of('Contents'));
  const resolved = contents instanceof PDFRef ? context.lookup(contents) : contents;
  const streams: PDFObject[] = resolved instanceof PDFArray ? resolved.asArray() : contents ? [contents] : [];
  // Uncompressed, as each is one line. A page's streams are read as one, so each begins and
  // ends on a line break, never running into a neighbour's token (ISO 32000-1, 7.8.2).
  const save = context.register(context.stream('q\n'));
  const drawTail = context.register(context.stream(`\nQ q 1 0 0 1 ${dx.toFixed(4)} 0 cm ${name.asString()} Do Q\n`));
  node.set(PDFName.of('Contents'), context.obj([save, ...streams, drawTail]));
}
