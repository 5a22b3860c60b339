import { PDFArray, PDFDict, PDFName, type PDFDocument } from 'pdf-lib';
import { FONT_FILES, NAME } from './pdf-names.ts';

export interface FontProblem {
  name: string;
  problem: 'not-embedded' | 'type3';
}

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
