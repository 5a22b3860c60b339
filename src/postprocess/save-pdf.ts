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
 * of saving. A file this does not know how to append to — one not ending in a single classic
 * cross-reference table with a plain trailer, as Chromium writes them — is saved in full.
 */
export async function saveAsUpdate(printed: Uint8Array, doc: PDFDocument): Promise<Uint8Array> {
  const previous = previousSection(printed);
  if (!previous) return savePdf(doc);
  await doc.flush();
  const { context } = doc;
  const refs = new Set<PDFRef>(objectsPostprocessingTouches(doc));
  // New: numbered by pdf-lib where Chromium's table has no object in use.
  for (const [ref] of context.enumerateIndirectObjects()) if (!previous.offsets.has(ref.objectNumber)) refs.add(ref);
  const sorted = [...refs].filter((ref) => context.lookup(ref) !== undefined).sort((a, b) => a.objectNumber - b.objectNumber);
  // Two generations of one number (never in Chromium's files) would need a table this does not write.
  if (sorted.some((ref, i) => i > 0 && ref.objectNumber === sorted[i - 1]!.objectNumber)) return savePdf(doc);

  const base = Buffer.from(printed.buffer, printed.byteOffset, printed.length);
  const update: Buffer[] = [];
  let offset = base.length;
  const append = (bytes: Buffer) => {
    update.push(bytes);
    offset += bytes.length;
  };
  const ascii = (text: string) => append(Buffer.from(text, 'latin1'));
  if (base[base.length - 1] !== 0x0a) ascii('\n');
  const offsets: number[] = [];
  for (const ref of sorted) {
    offsets.push(offset);
    const object = context.lookup(ref)!;
    const body = Buffer.alloc(object.sizeInBytes());
    object.copyBytesInto(body, 0);
    ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    append(body);
    ascii('\nendobj\n');
  }

  const xrefOffset = offset;
  let xref = 'xref\n';
  for (let i = 0; i < sorted.length; ) {
    // Consecutive object numbers share a subsection; each entry is 20 bytes, CR LF ending it.
    let j = i + 1;
    while (j < sorted.length && sorted[j]!.objectNumber === sorted[j - 1]!.objectNumber + 1) j++;
    xref += `${sorted[i]!.objectNumber} ${j - i}\n`;
    for (let k = i; k < j; k++) xref += `${String(offsets[k]).padStart(10, '0')} ${String(sorted[k]!.generationNumber).padStart(5, '0')} n\r\n`;
    i = j;
  }
  // Chromium's trailer has Size, Root and Info only (previousSection makes sure); ID is kept if
  // pdf-lib made one.
  const { Root, Info, ID } = context.trailerInfo;
  const trailer = context.obj({ Size: Math.max(previous.size, context.largestObjectNumber + 1), Root, Info, ID, Prev: previous.xrefOffset });
  ascii(`${xref}trailer\n${trailer.toString()}\nstartxref\n${xrefOffset}\n%%EOF\n`);
  const saved = Buffer.concat([base, ...update]);
  return settleChromiumDates(saved, previous, doc) ? saved : savePdf(doc);
}

/**
 * Chromium dates its document information with the time it printed; that dictionary is
 * superseded by the update's, but its bytes stay in the file, and a rebuild must give the same
 * bytes (bulletin verify compares them). Its /CreationDate and /ModDate are overwritten in
 * place with the issue's date, padded with spaces to the same length, so that no offset moves.
 * False when a date is written in a form this does not rewrite (the caller then saves in full).
 */
function settleChromiumDates(bytes: Buffer, previous: PreviousSection, doc: PDFDocument): boolean {
  const info = doc.context.trailerInfo.Info;
  const start = info instanceof PDFRef ? previous.offsets.get(info.objectNumber) : undefined;
  if (start === undefined) return true; // no document information of Chromium's to settle
  const end = bytes.indexOf('endobj', start, 'latin1');
  if (end < 0) return false;
  const issueDate = (doc.context.lookup(info) as PDFDict | undefined)?.get(PDFName.of('CreationDate'))?.toString() ?? '';
  const original = bytes.toString('latin1', start, end);
  let settled = true;
  const text = original.replace(/(\/(?:CreationDate|ModDate)\s*)(\([^()\\]*\)|<[^>]*>)?/g, (whole, key: string, date: string | undefined) => {
    if (!issueDate || !date?.startsWith('(') || issueDate.length > date.length) settled = false;
    return settled ? key + issueDate.padEnd(date!.length, ' ') : whole;
  });
  if (!settled) return false;
  bytes.write(text, start, 'latin1');
  return true;
}

interface PreviousSection {
  xrefOffset: number;
  size: number;
  /** Where each object in use starts, by its number. */
  offsets: Map<number, number>;
}

/**
 * The file's cross-reference table and trailer, when it ends as Chromium writes a PDF: one
 * classic table (no earlier update, no cross-reference stream) and a trailer of Size, Root
 * and Info (and ID), nothing else: no encryption.
 */
function previousSection(bytes: Uint8Array): PreviousSection | undefined {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const tail = file.toString('latin1', Math.max(0, file.length - 1024));
  const end = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const trailerAt = tail.lastIndexOf('trailer');
  if (!end || trailerAt < 0) return undefined;
  const trailer = tail.slice(trailerAt + 'trailer'.length, end.index);
  const keys = [...trailer.matchAll(/\/([A-Za-z]+)/g)].map((m) => m[1]!);
  const size = /\/Size\s+(\d+)/.exec(trailer);
  if (!size || keys.some((key) => !['Size', 'Root', 'Info', 'ID'].includes(key))) return undefined;
  const xrefOffset = Number(end[1]);
  const offsets = readXrefTable(file, xrefOffset);
  return offsets ? { xrefOffset, size: Number(size[1]), offsets } : undefined;
}

/** The objects in use in the classic cross-reference table at `xrefOffset`, with their offsets. */
function readXrefTable(file: Buffer, xrefOffset: number): Map<number, number> | undefined {
  const lines = file.toString('latin1', xrefOffset, file.length).split(/\r\n|\r|\n/);
  if (lines[0]!.trim() !== 'xref') return undefined;
  const offsets = new Map<number, number>();
  let i = 1;
  for (;;) {
    const subsection = /^(\d+) (\d+)$/.exec(lines[i]?.trim() ?? '');
    if (!subsection) return lines[i]?.startsWith('trailer') ? offsets : undefined;
    const first = Number(subsection[1]);
    const count = Number(subsection[2]);
    for (let k = 0; k < count; k++) {
      const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(lines[i + 1 + k] ?? '');
      if (!entry) return undefined;
      if (entry[3] === 'n') offsets.set(first + k, Number(entry[1]));
    }
    i += 1 + count;
  }
}

/**
 * Every object postprocessDocument may have changed in place (new ones have numbers of their
 * own): the catalog (language, viewer preferences), the document information, and the page
 * tree — its nodes, their kids and counts, the pages and their resources — from which the
 * tail's page was taken and on whose last page it was drawn. Content streams, fonts and
 * images are never changed in place: the tail's drawing is a stream of its own, added to the
 * page's Contents, which drawFormOver (postprocess-pdf.ts) makes a new array inside the page
 * dictionary (Chromium writes Contents as one stream). A superset does no harm: an
 * object written again unchanged reads the same; each page adds some 250 bytes.
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

