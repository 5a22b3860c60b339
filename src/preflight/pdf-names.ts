import { PDFName } from 'pdf-lib';

/**
 * The PDF names the preflight looks up, made once: PDFName.of decodes its argument with a
 * regular expression on every call, which the lookups of every font on every page of every
 * issue added up to.
 */
export const NAME = {
  Ascent: PDFName.of('Ascent'),
  BaseFont: PDFName.of('BaseFont'),
  CIDFontType0: PDFName.of('CIDFontType0'),
  CIDFontType2: PDFName.of('CIDFontType2'),
  DecodeParms: PDFName.of('DecodeParms'),
  DescendantFonts: PDFName.of('DescendantFonts'),
  Descent: PDFName.of('Descent'),
  DW: PDFName.of('DW'),
  Encoding: PDFName.of('Encoding'),
  Filter: PDFName.of('Filter'),
  FirstChar: PDFName.of('FirstChar'),
  FlateDecode: PDFName.of('FlateDecode'),
  Font: PDFName.of('Font'),
  FontDescriptor: PDFName.of('FontDescriptor'),
  Form: PDFName.of('Form'),
  Matrix: PDFName.of('Matrix'),
  Resources: PDFName.of('Resources'),
  Subtype: PDFName.of('Subtype'),
  ToUnicode: PDFName.of('ToUnicode'),
  TrueType: PDFName.of('TrueType'),
  Type: PDFName.of('Type'),
  Type0: PDFName.of('Type0'),
  Type1: PDFName.of('Type1'),
  Type3: PDFName.of('Type3'),
  W: PDFName.of('W'),
  Widths: PDFName.of('Widths'),
  XObject: PDFName.of('XObject'),
  IdentityH: PDFName.of('Identity-H'),
};

/** The keys of a font descriptor that carry an embedded font program. */
export const FONT_FILES = ['FontFile', 'FontFile2', 'FontFile3'].map((key) => PDFName.of(key));
