/**
 * Saving a post-processed PDF: in full, as pdf-lib writes a document, or as an incremental
 * update to the bytes Chromium printed, which is how the build saves (see saveAsUpdate).
 */
import { PDFArray, PDFDict, PDFName, PDFRef, PDFWriter, type PDFDocument, type PDFObject } from 'pdf-lib';

/**
 * Serialises as doc.save({ useObjectStreams: false }) does: the objects as they are, with a
 * classic cross-reference table, the layout of the PDF Chromium printed. Packing the small
 * objects into compressed object streams would save about 5 % of the file for a Deflate
 * pass in JavaScript over them, a third of the CPU time of finishing an issue.
 */
export async function savePdf(doc: PDFDocument): Promise<Uint8Array> {
  await doc.flush();
  return PDFWriter.forContext(doc.context, Infinity).serializeToBuffer();
}

/**
 * Saves `doc`, made by postprocessDocument from `printed`, as `printed` followed by an
 * incremental update (ISO 32000-1, 7.5.6): the objects postprocessing added or may have
 * changed, a cross-reference section for them, and a trailer pointing back to Chromium's.
 * A reader sees the same document as a full save gives (the tests compare them object by
 * object); the fonts, images and page contents Chromium wrote stay the bytes they are,
 * rather than being serialised again from their parsed form, which was most of the cost
 * of saving. A file that does not end in a classic cross-reference table and trailer is
 * saved in full instead.
 */
export async function saveAsUpdate(printed: Uint8Array, doc: PDFDocument): Promise<Uint8Array> {
  const previous = previousSection(printed);
  if (!previous) return savePdf(doc);
  await doc.flush();
  const { context } = doc;
  const refs = new Set<PDFRef>(objectsPostprocessingTouches(doc));
  for (const [ref] of context.enumerateIndirectObjects()) if (ref.objectNumber >= previous.size) refs.add(ref);

  const chunks: Uint8Array[] = [printed];
  let offset = printed.length;
  const append = (bytes: Uint8Array) => {
    chunks.push(bytes);
    offset += bytes.length;
  };
  const ascii = (text: string) => append(Buffer.from(text, 'latin1'));
  if (printed[printed.length - 1] !== 0x0a) ascii('\n');
  const offsets = new Map<number, number>();
  const sorted = [...refs].filter((ref) => context.lookup(ref) !== undefined).sort((a, b) => a.objectNumber - b.objectNumber);
  for (const ref of sorted) {
    offsets.set(ref.objectNumber, offset);
    const object = context.lookup(ref)!;
    const body = new Uint8Array(object.sizeInBytes());
    object.copyBytesInto(body, 0);
    ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    append(body);
    ascii('\nendobj\n');
  }

  const xrefOffset = offset;
  let xref = 'xref\n';
  for (let i = 0; i < sorted.length; ) {
    // Consecutive object numbers share a subsection.
    let j = i + 1;
    while (j < sorted.length && sorted[j]!.objectNumber === sorted[j - 1]!.objectNumber + 1) j++;
    xref += `${sorted[i]!.objectNumber} ${j - i}\n`;
    for (let k = i; k < j; k++) {
      xref += `${String(offsets.get(sorted[k]!.objectNumber)).padStart(10, '0')} ${String(sorted[k]!.generationNumber).padStart(5, '0')} n\r\n`;
    }
    i = j;
  }
  const { Root, Info, ID } = context.trailerInfo;
  const trailer = context.obj({ Size: Math.max(previous.size, context.largestObjectNumber + 1), Root, Info, ID, Prev: previous.xrefOffset });
  ascii(`${xref}trailer\n${trailer.toString()}\nstartxref\n${xrefOffset}\n%%EOF\n`);
  const saved = Buffer.concat(chunks);
  settleChromiumDates(saved, previous, doc);
  return saved;
}

/**
 * Chromium dates its document information with the time it printed; that dictionary is
 * superseded by the update's, but its bytes stay in the file, and a rebuild must give the same
 * bytes (bulletin verify compares them). Each of its dates is overwritten in place with the
 * issue's, padded with spaces to the same length, so that no offset moves.
 */
function settleChromiumDates(bytes: Buffer, previous: PreviousSection, doc: PDFDocument): void {
  const info = doc.context.trailerInfo.Info;
  if (!(info instanceof PDFRef)) return;
  const start = objectOffset(bytes, previous.xrefOffset, info.objectNumber);
  if (start === undefined) return;
  const end = bytes.indexOf('endobj', start, 'latin1');
  if (end < 0) return;
  const issueDate = (doc.context.lookup(info) as PDFDict | undefined)?.get(PDFName.of('CreationDate'))?.toString() ?? '()';
  const text = bytes.toString('latin1', start, end).replace(/\(D:[^()\\]*\)/g, (date) => (issueDate.length <= date.length ? issueDate.padEnd(date.length, ' ') : ' '.repeat(date.length)));
  bytes.write(text, start, 'latin1');
}

/** Where object `number` starts, by the classic cross-reference table at `xrefOffset`. */
function objectOffset(bytes: Buffer, xrefOffset: number, number: number): number | undefined {
  const table = bytes.toString('latin1', xrefOffset, bytes.length);
  const lines = table.split(/\r?\n|\r/);
  for (let i = 1; i < lines.length; ) {
    const subsection = /^(\d+) (\d+)$/.exec(lines[i]!.trim());
    if (!subsection) return undefined; // the trailer
    const first = Number(subsection[1]);
    const count = Number(subsection[2]);
    if (number >= first && number < first + count) {
      const entry = /^(\d{10}) \d{5} n/.exec(lines[i + 1 + number - first] ?? '');
      return entry ? Number(entry[1]) : undefined;
    }
    i += 1 + count;
  }
  return undefined;
}

interface PreviousSection {
  xrefOffset: number;
  size: number;
}

/**
 * Where the file's last cross-reference table starts and the /Size of its trailer, when it
 * ends as Chromium writes a PDF: `xref … trailer << … >> startxref N %%EOF`, not encrypted.
 */
function previousSection(bytes: Uint8Array): PreviousSection | undefined {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1', Math.max(0, bytes.length - 1024));
  const end = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const trailerAt = tail.lastIndexOf('trailer');
  if (!end || trailerAt < 0) return undefined;
  const trailer = tail.slice(trailerAt, end.index);
  const size = /\/Size\s+(\d+)/.exec(trailer);
  const xrefOffset = Number(end[1]);
  const table = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1', xrefOffset, xrefOffset + 4);
  if (!size || trailer.includes('/Encrypt') || table !== 'xref') return undefined;
  return { xrefOffset, size: Number(size[1]) };
}

/**
 * Every object postprocessDocument may have changed in place (new ones have numbers of their
 * own): the catalog (language, viewer preferences), the document information, and the page
 * tree — its nodes, their kids and counts, the pages and their resources — from which the
 * tail's page was taken and on whose last page it was drawn. Content streams, fonts and
 * images are never changed in place. A superset does no harm: an object written again
 * unchanged reads the same.
 */
function objectsPostprocessingTouches(doc: PDFDocument): PDFRef[] {
  const { context } = doc;
  const refs: PDFRef[] = [];
  const add = (object: PDFObject | undefined) => {
    if (object instanceof PDFRef) refs.push(object);
  };
  add(context.trailerInfo.Root);
  add(context.trailerInfo.Info);
  add(doc.catalog.get(PDFName.of('ViewerPreferences')));
  const visit = (node: PDFObject | undefined, depth: number) => {
    add(node);
    const dict = node instanceof PDFRef ? context.lookup(node) : node;
    if (!(dict instanceof PDFDict) || depth > 32) return;
    for (const key of ['Kids', 'Count', 'Resources']) add(dict.get(PDFName.of(key)));
    const resources = dict.lookup(PDFName.of('Resources'));
    if (resources instanceof PDFDict) add(resources.get(PDFName.of('XObject')));
    const kids = dict.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) for (const kid of kids.asArray()) visit(kid, depth + 1);
  };
  visit(doc.catalog.get(PDFName.of('Pages')), 0);
  return refs;
}

