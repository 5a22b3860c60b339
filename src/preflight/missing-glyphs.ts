import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream } from 'pdf-lib';

/**
 * Pages that draw the `.notdef` glyph: a character no font had, printed as an empty box.
 * Chromium (Skia) writes text as hex glyph ids of Type 0 fonts, `<0012003A> Tj`; glyph 0 is
 * `.notdef` in every TrueType font, so a `0000` among the ids of a Type 0 font is a box.
 */
export function pagesWithMissingGlyphs(doc: PDFDocument): number[] {
  const pages: number[] = [];
  doc.getPages().forEach((page, index) => {
    if (drawsNotdef(doc, page.node.Resources(), contentsOf(doc, page.node.Contents()), new Set())) pages.push(index + 1);
  });
  return pages;
}

function drawsNotdef(doc: PDFDocument, resources: PDFDict | undefined, content: string, seen: Set<PDFDict>): boolean {
  const type0 = type0FontNames(doc, resources);
  let currentIsType0 = false;
  for (const m of content.matchAll(/\/([^\s/]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>\s*Tj|\[([^\]]*)\]\s*TJ/g)) {
    if (m[1] !== undefined) currentIsType0 = type0.has(m[1]);
    else if (currentIsType0) {
      const hexes = m[2] !== undefined ? [m[2]] : [...(m[3] ?? '').matchAll(/<([0-9A-Fa-f\s]*)>/g)].map((h) => h[1]!);
      for (const hex of hexes) {
        const digits = hex.replace(/\s/g, '');
        for (let i = 0; i + 4 <= digits.length; i += 4) if (digits.slice(i, i + 4) === '0000') return true;
      }
    }
  }
  // Form XObjects (the tail is one) draw text of their own.
  const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  for (const [, ref] of xobjects?.entries() ?? []) {
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream) || seen.has(stream.dict)) continue;
    seen.add(stream.dict);
    if (stream.dict.get(PDFName.of('Subtype')) !== PDFName.of('Form')) continue;
    const inner = stream.dict.lookupMaybe(PDFName.of('Resources'), PDFDict) ?? resources;
    if (drawsNotdef(doc, inner, decode(stream), seen)) return true;
  }
  return false;
}

function type0FontNames(doc: PDFDocument, resources: PDFDict | undefined): Set<string> {
  const names = new Set<string>();
  const fonts = resources?.lookupMaybe(PDFName.of('Font'), PDFDict);
  for (const [name, ref] of fonts?.entries() ?? []) {
    const font = doc.context.lookup(ref);
    if (font instanceof PDFDict && font.get(PDFName.of('Subtype')) === PDFName.of('Type0')) names.add(name.asString().slice(1));
  }
  return names;
}

function contentsOf(doc: PDFDocument, contents: PDFStream | PDFArray | undefined): string {
  if (!contents) return '';
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r as PDFRef)) : [contents];
  return streams.map((s) => (s instanceof PDFRawStream ? decode(s) : '')).join('\n');
}

function decode(stream: PDFRawStream): string {
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
}
