import { PDFArray, PDFDict, PDFName, type PDFDocument } from 'pdf-lib';

export interface FontProblem {
  name: string;
  problem: 'not-embedded' | 'type3';
}

/** The names looked up, made once: PDFName.of decodes its argument with a regular expression on every call. */
const NAME = {
  Type: PDFName.of('Type'),
  Font: PDFName.of('Font'),
  Subtype: PDFName.of('Subtype'),
  CIDFontType0: PDFName.of('CIDFontType0'),
  CIDFontType2: PDFName.of('CIDFontType2'),
  Type0: PDFName.of('Type0'),
  Type3: PDFName.of('Type3'),
  FontDescriptor: PDFName.of('FontDescriptor'),
  DescendantFonts: PDFName.of('DescendantFonts'),
  BaseFont: PDFName.of('BaseFont'),
};
const FONT_FILES = ['FontFile', 'FontFile2', 'FontFile3'].map((key) => PDFName.of(key));

/**
 * Fonts that are not embedded, or are Type 3, read from the document's font dictionaries
 * (what pdffonts reports, without starting a process per PDF). A Type 0 font is embedded
 * when its descendant's descriptor carries a font program.
 */
export function fontProblems(doc: PDFDocument): FontProblem[] {
  const problems: FontProblem[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(NAME.Type) !== NAME.Font) continue;
    const subtype = object.get(NAME.Subtype);
    if (subtype === NAME.CIDFontType0 || subtype === NAME.CIDFontType2) continue; // judged through their Type 0 parent
    const name = fontName(object);
    if (subtype === NAME.Type3) {
      problems.push({ name, problem: 'type3' });
      continue;
    }
    const described = subtype === NAME.Type0 ? descendant(object) : object;
    const descriptor = described?.lookupMaybe(NAME.FontDescriptor, PDFDict);
    const embedded = FONT_FILES.some((key) => descriptor?.has(key));
    if (!embedded) problems.push({ name, problem: 'not-embedded' });
  }
  return problems;
}

function descendant(type0: PDFDict): PDFDict | undefined {
  return type0.lookupMaybe(NAME.DescendantFonts, PDFArray)?.lookupMaybe(0, PDFDict);
}

function fontName(font: PDFDict): string {
  const base = font.get(NAME.BaseFont);
  return base instanceof PDFName ? base.decodeText() : '[无名字体]';
}
