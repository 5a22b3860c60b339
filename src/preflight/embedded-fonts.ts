import { PDFArray, PDFDict, PDFName, type PDFDocument } from 'pdf-lib';

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
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const subtype = object.get(PDFName.of('Subtype'));
    if (subtype === PDFName.of('CIDFontType0') || subtype === PDFName.of('CIDFontType2')) continue; // judged through their Type 0 parent
    const name = fontName(object);
    if (subtype === PDFName.of('Type3')) {
      problems.push({ name, problem: 'type3' });
      continue;
    }
    const described = subtype === PDFName.of('Type0') ? descendant(object) : object;
    const descriptor = described?.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
    const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor?.has(PDFName.of(key)));
    if (!embedded) problems.push({ name, problem: 'not-embedded' });
  }
  return problems;
}

function descendant(type0: PDFDict): PDFDict | undefined {
  return type0.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookupMaybe(0, PDFDict);
}

function fontName(font: PDFDict): string {
  const base = font.get(PDFName.of('BaseFont'));
  return base instanceof PDFName ? base.decodeText() : '[无名字体]';
}
