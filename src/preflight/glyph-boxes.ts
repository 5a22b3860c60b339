import { PDFArray, PDFContentStream, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';
import { inflateSync } from 'node:zlib';
import { ARRAY_END, ARRAY_START, forEachOperation, latin1, type Name, type Operand } from './content-tokens.ts';
import { NAME } from './pdf-names.ts';

/** One character as drawn: its text and its box, in pt from the top-left corner of its page. */
export interface GlyphBox {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  /** Drawn with glyph 0, `.notdef`, of a Type 0 font: a character the font did not have, printed as an empty box. */
  notdef: boolean;
  /**
   * Points on the page per unit of the font size set (`Tf`), vertically: 0.75 for all that
   * Chromium draws at its size (it sets sizes in CSS px), less on a page it shrank to fit.
   */
  scale: number;
}

type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** a × b: first a, then b, as PDF composes transformations. */
function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[1] * b[2],
    a[0] * b[1] + a[1] * b[3],
    a[2] * b[0] + a[3] * b[2],
    a[2] * b[1] + a[3] * b[3],
    a[4] * b[0] + a[5] * b[2] + b[4],
    a[4] * b[1] + a[5] * b[3] + b[5],
  ];
}

/** What drawing text with a font needs: how codes are read, how wide each is, what it says. */
interface FontMetrics {
  bytesPerCode: 1 | 2;
  width(code: number): number;
  unicode(code: number): string;
  /** Of the font size, as poppler takes them from the font descriptor. */
  ascent: number;
  descent: number;
}

/** The reader met something it does not handle: the caller falls back to poppler. */
export class UnsupportedPdf extends Error {}

/**
 * Every character a PDF draws, with its box, read from the page content streams in-process:
 * what `pdftotext -bbox` measures (pdf-lib parses, this interprets the text operators), at
 * a tenth of the cost of starting poppler for each PDF. It knows what Chromium's Skia writes
 * (Type 0 fonts with Identity-H, simple TrueType fonts, form XObjects) and throws
 * UnsupportedPdf on anything else (Type 3 fonts, other CMaps, inline images), for the caller
 * to use poppler instead. Boxes are as poppler makes them: from the glyph's origin to its
 * advance, and from the font descriptor's descent to its ascent.
 */
export function glyphBoxes(doc: PDFDocument): GlyphBox[] {
  const boxes: GlyphBox[] = [];
  forEachGlyph(doc, (glyph) => boxes.push(glyph));
  return boxes;
}

/** Calls `visit` for every character drawn, page by page, in drawing order. */
function forEachGlyph(doc: PDFDocument, visit: (glyph: GlyphBox) => void): void {
  const fonts = new Map<PDFDict, FontMetrics>();
  const fontsByName = new Map<PDFDict, Map<string, FontMetrics>>();
  doc.getPages().forEach((page, index) => {
    const { x, y, height } = page.getMediaBox();
    // From page space (origin bottom-left) to the top-left origin pdftotext reports in.
    const toTopLeft: Matrix = [1, 0, 0, -1, -x, y + height];
    const context: Context = { doc, fonts, fontsByName, visit, page: index + 1 };
    interpret(context, contentOf(doc, page), page.node.Resources(), toTopLeft, 0);
  });
}

interface Context {
  doc: PDFDocument;
  fonts: Map<PDFDict, FontMetrics>;
  /** The same by the name a resource dictionary gives them: Chromium sets a font for every line. */
  fontsByName: Map<PDFDict, Map<string, FontMetrics>>;
  visit: (glyph: GlyphBox) => void;
  page: number;
}

function contentOf(doc: PDFDocument, page: PDFPage): Uint8Array[] {
  const contents = page.node.Contents();
  if (!contents) return [];
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  return streams.map((s) => decoded(s));
}

/** A stream's decoded bytes; Flate through Node's zlib, many times faster than pdf-lib's own. */
function decoded(stream: PDFObject | undefined): Uint8Array {
  if (stream instanceof PDFRawStream) {
    const filter = stream.dict.get(NAME.Filter);
    if (filter === NAME.FlateDecode && !stream.dict.has(NAME.DecodeParms)) return inflateSync(stream.contents);
    return decodePDFRawStream(stream).decode();
  }
  // Made by pdf-lib and not yet saved (the tail of a page of several streams, drawn through embedPage): its own bytes.
  if (stream instanceof PDFContentStream) return stream.getUnencodedContents();
  if (stream instanceof PDFStream) return stream.getContents();
  return new Uint8Array();
}

/** Runs one content stream (a page's or a form's) from the transformation `startCtm` (to top-left page space). */
function interpret(context: Context, streams: Uint8Array[], resources: PDFDict | undefined, startCtm: Matrix, depth: number): void {
  if (depth > 8) throw new UnsupportedPdf('forms nested too deep');
  const state = new TextState(context, resources, startCtm, depth);
  for (const stream of streams) forEachOperation(stream, state.operate);
}

/**
 * The graphics and text state of one content stream as it runs. A class rather than closures
 * made per page: V8 keeps a closure's optimised code only while some closure of it is alive,
 * so per-page closures were compiled again by TurboFan after each full garbage collection;
 * methods live on the prototype for the whole run.
 */
class TextState {
  ctm: Matrix;
  saved: Matrix[] = [];
  tm: Matrix = IDENTITY;
  tlm: Matrix = IDENTITY;
  font: FontMetrics | undefined = undefined;
  size = 0;
  charSpacing = 0;
  wordSpacing = 0;
  scale = 1;
  leading = 0;
  rise = 0;
  /** Text replacing the characters drawn inside a marked span (/ActualText), given to its first. */
  actual: Array<string | undefined> = [];
  /** The visitor forEachOperation calls, bound once per stream's state. */
  readonly operate: (operator: string, o: Operand[]) => void;

  constructor(
    readonly context: Context,
    readonly resources: PDFDict | undefined,
    readonly startCtm: Matrix,
    readonly depth: number,
  ) {
    this.ctm = startCtm;
    this.operate = this.operation.bind(this);
  }

  operation(operator: string, o: Operand[]): void {
    switch (operator) {
      // Chromium's pages are mostly these two, a glyph at a time: compared first.
      case 'Tj': this.show(bytesOf(o.at(-1))); break;
      case 'Td': this.moveLine(num(o, 2), num(o, 1)); break;
      case 'q': this.saved.push(this.ctm); break;
      case 'Q': this.ctm = this.saved.pop() ?? this.startCtm; break;
      case 'cm': this.ctm = multiply(matrixOf(o), this.ctm); break;
      case 'BT': this.tm = this.tlm = IDENTITY; break;
      case 'Tm': this.tm = this.tlm = matrixOf(o); break;
      case 'TD': this.leading = -num(o, 1); this.moveLine(num(o, 2), num(o, 1)); break;
      case 'T*': this.moveLine(0, -this.leading); break;
      case 'TL': this.leading = num(o, 1); break;
      case 'Tc': this.charSpacing = num(o, 1); break;
      case 'Tw': this.wordSpacing = num(o, 1); break;
      case 'Tz': this.scale = num(o, 1) / 100; break;
      case 'Ts': this.rise = num(o, 1); break;
      case 'Tf': {
        const name = o[o.length - 2];
        if (!isName(name)) throw new UnsupportedPdf('Tf without a font name');
        this.font = fontNamed(this.context, this.resources, name.name);
        this.size = num(o, 1);
        break;
      }
      case "'": this.moveLine(0, -this.leading); this.show(bytesOf(o.at(-1))); break;
      case '"': this.wordSpacing = num(o, 3); this.charSpacing = num(o, 2); this.moveLine(0, -this.leading); this.show(bytesOf(o.at(-1))); break;
      case 'TJ': {
        const start = o.lastIndexOf(ARRAY_START);
        if (start < 0) throw new UnsupportedPdf('TJ without an array');
        for (const part of o.slice(start + 1)) {
          if (part instanceof Uint8Array) this.show(part);
          else if (typeof part === 'number') this.tm = multiply([1, 0, 0, 1, (-part / 1000) * this.size * this.scale, 0], this.tm);
        }
        break;
      }
      case 'BDC': this.actual.push(actualText(o)); break;
      case 'BMC': this.actual.push(undefined); break;
      case 'EMC': this.actual.pop(); break;
      case 'Do': {
        const name = o.at(-1);
        if (isName(name)) drawForm(this.context, this.resources, name.name, this.ctm, this.depth);
        break;
      }
      case 'BI': throw new UnsupportedPdf('inline image');
      default: break; // paths, colours, clipping, images: no text
    }
  }

  show(bytes: Uint8Array): void {
    const font = this.font;
    if (!font) throw new UnsupportedPdf('text shown without a font');
    // Glyph space to device: [size·scale 0 0 size 0 rise] × Tm × CTM, worked out here from
    // R = Tm × CTM. Each glyph moves the origin along the text line: by its advance times R's
    // first row in device space, times Tm's in text space. Scalars, not a matrix per glyph:
    // Chromium shows one glyph at a time, and this runs for every glyph of every issue.
    // The matrices indexed, not array-destructured: that runs the iterator protocol until V8
    // optimises. (Destructuring the state object below is plain property reads.)
    const { tm, size, scale, rise, charSpacing, wordSpacing, actual, context } = this;
    const r = multiply(tm, this.ctm);
    const r0 = r[0], r1 = r[1], r2 = r[2], r3 = r[3], r4 = r[4], r5 = r[5];
    const t0 = tm[0], t1 = tm[1], t2 = tm[2], t3 = tm[3];
    let t4 = tm[4], t5 = tm[5];
    const horizontal = size * scale;
    const vertical = Math.hypot(r2, r3);
    let x = rise * r2 + r4;
    let y = rise * r3 + r5;
    const { ascent, descent, bytesPerCode } = font;
    for (let i = 0; i + bytesPerCode <= bytes.length; i += bytesPerCode) {
      const code = bytesPerCode === 2 ? (bytes[i]! << 8) | bytes[i + 1]! : bytes[i]!;
      const width = font.width(code) / 1000;
      let text = font.unicode(code);
      const span = actual.length - 1;
      if (span >= 0 && actual[span] !== undefined) {
        text = actual[span]!;
        actual[span] = '';
      }
      // The box's corners (0 | width, descent | ascent) in device space.
      const x0 = descent * size * r2 + x;
      const y0 = descent * size * r3 + y;
      const x1 = ascent * size * r2 + x;
      const y1 = ascent * size * r3 + y;
      const dx = width * horizontal * r0;
      const dy = width * horizontal * r1;
      context.visit({
        page: context.page,
        text,
        notdef: bytesPerCode === 2 && code === 0,
        scale: vertical,
        xMin: Math.min(x0, x1, x0 + dx, x1 + dx),
        xMax: Math.max(x0, x1, x0 + dx, x1 + dx),
        yMin: Math.min(y0, y1, y0 + dy, y1 + dy),
        yMax: Math.max(y0, y1, y0 + dy, y1 + dy),
      });
      const advance = (width * size + charSpacing + (bytesPerCode === 1 && code === 32 ? wordSpacing : 0)) * scale;
      x += advance * r0;
      y += advance * r1;
      t4 += advance * t0;
      t5 += advance * t1;
    }
    this.tm = [t0, t1, t2, t3, t4, t5];
  }

  moveLine(tx: number, ty: number): void {
    // [1 0 0 1 tx ty] × Tlm
    const tlm = this.tlm;
    this.tlm = [tlm[0], tlm[1], tlm[2], tlm[3], tx * tlm[0] + ty * tlm[2] + tlm[4], tx * tlm[1] + ty * tlm[3] + tlm[5]];
    this.tm = this.tlm;
  }
}

function matrixOf(o: Operand[]): Matrix {
  return [num(o, 6), num(o, 5), num(o, 4), num(o, 3), num(o, 2), num(o, 1)];
}

function num(operands: Operand[], fromEnd: number): number {
  const value = operands[operands.length - fromEnd];
  if (typeof value !== 'number') throw new UnsupportedPdf('an operator without its number');
  return value;
}

function isName(operand: Operand | undefined): operand is Name {
  return typeof operand === 'object' && !(operand instanceof Uint8Array);
}

function bytesOf(operand: Operand | undefined): Uint8Array {
  if (!(operand instanceof Uint8Array)) throw new UnsupportedPdf('a text operator without its string');
  return operand;
}

/** The /ActualText of `/Span <</ActualText (…)>> BDC`, decoded; undefined for any other mark. */
function actualText(operands: Operand[]): string | undefined {
  const at = operands.findIndex((o) => isName(o) && o.name === 'ActualText');
  const value = at >= 0 ? operands[at + 1] : undefined;
  return value instanceof Uint8Array ? textString(value) : undefined;
}

/** A PDF text string: UTF-16BE after a byte-order mark, else (close enough here) Latin-1. */
function textString(bytes: Uint8Array): string {
  return bytes[0] === 0xfe && bytes[1] === 0xff ? utf16be(bytes, 2, bytes.length) : latin1(bytes, 0, bytes.length);
}

function drawForm(context: Context, resources: PDFDict | undefined, name: string, ctm: Matrix, depth: number): void {
  const ref = resources?.lookupMaybe(NAME.XObject, PDFDict)?.get(PDFName.of(name));
  const form = ref instanceof PDFRef ? context.doc.context.lookup(ref) : ref;
  if (!(form instanceof PDFStream) || form.dict.get(NAME.Subtype) !== NAME.Form) return; // an image: no text
  const matrix = form.dict.lookupMaybe(NAME.Matrix, PDFArray);
  const m = matrix ? (matrix.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : 0)) as Matrix) : IDENTITY;
  const inner = form.dict.lookupMaybe(NAME.Resources, PDFDict) ?? resources;
  interpret(context, [decoded(form)], inner, multiply(m, ctm), depth + 1);
}

function fontNamed(context: Context, resources: PDFDict | undefined, name: string): FontMetrics {
  const named = resources && context.fontsByName.get(resources);
  const known = named?.get(name);
  if (known) return known;
  const metrics = fontMetrics(context, resources, name);
  if (resources) context.fontsByName.set(resources, (named ?? new Map()).set(name, metrics));
  return metrics;
}

function fontMetrics(context: Context, resources: PDFDict | undefined, name: string): FontMetrics {
  const font = resources?.lookupMaybe(NAME.Font, PDFDict)?.lookup(PDFName.of(name));
  if (!(font instanceof PDFDict)) throw new UnsupportedPdf(`font ${name} not found`);
  let metrics = context.fonts.get(font);
  if (!metrics) {
    metrics = readFont(context.doc, font);
    context.fonts.set(font, metrics);
  }
  return metrics;
}

function readFont(doc: PDFDocument, font: PDFDict): FontMetrics {
  const subtype = font.get(NAME.Subtype);
  const toUnicode = font.lookupMaybe(NAME.ToUnicode, PDFStream);
  const unicodeMap = toUnicode ? parseToUnicode(decoded(toUnicode)) : new Map<number, string>();
  if (subtype === NAME.Type0) {
    if (font.get(NAME.Encoding) !== NAME.IdentityH) throw new UnsupportedPdf('a CMap other than Identity-H');
    const cidFont = font.lookupMaybe(NAME.DescendantFonts, PDFArray)?.lookupMaybe(0, PDFDict);
    if (!cidFont) throw new UnsupportedPdf('a Type 0 font without its descendant');
    const widths = cidWidths(doc, cidFont.lookupMaybe(NAME.W, PDFArray));
    const dw = cidFont.lookupMaybe(NAME.DW, PDFNumber)?.asNumber() ?? 1000;
    return { bytesPerCode: 2, width: (code) => widths.get(code) ?? dw, unicode: (code) => unicodeMap.get(code) ?? '', ...verticalMetrics(cidFont) };
  }
  if (subtype === NAME.TrueType || subtype === NAME.Type1) {
    const first = font.lookupMaybe(NAME.FirstChar, PDFNumber)?.asNumber() ?? 0;
    const widths = font.lookupMaybe(NAME.Widths, PDFArray)?.asArray().map((w) => (w instanceof PDFNumber ? w.asNumber() : 0)) ?? [];
    if (!toUnicode) throw new UnsupportedPdf('a simple font without ToUnicode');
    return { bytesPerCode: 1, width: (code) => widths[code - first] ?? 0, unicode: (code) => unicodeMap.get(code) ?? '', ...verticalMetrics(font) };
  }
  throw new UnsupportedPdf(`a font of subtype ${String(subtype)}`);
}

/** `/W [c [w w …] c1 c2 w …]`: the widths of the CIDs, in thousandths of the size. */
function cidWidths(doc: PDFDocument, w: PDFArray | undefined): Map<number, number> {
  const widths = new Map<number, number>();
  const items = (w?.asArray() ?? []).map((item) => (item instanceof PDFRef ? doc.context.lookup(item) : item));
  for (let i = 0; i < items.length; ) {
    const first = (items[i] as PDFNumber).asNumber();
    const next = items[i + 1];
    if (next instanceof PDFArray) {
      next.asArray().forEach((value, k) => widths.set(first + k, (value as PDFNumber).asNumber()));
      i += 2;
    } else {
      const last = (next as PDFNumber).asNumber();
      const value = (items[i + 2] as PDFNumber).asNumber();
      for (let c = first; c <= last; c++) widths.set(c, value);
      i += 3;
    }
  }
  return widths;
}

/** Ascent and descent from the font descriptor, with poppler's defaults and sanity limits. */
function verticalMetrics(font: PDFDict): { ascent: number; descent: number } {
  const descriptor = font.lookupMaybe(NAME.FontDescriptor, PDFDict);
  let ascent = 0.95;
  let descent = -0.35;
  const a = descriptor?.lookupMaybe(NAME.Ascent, PDFNumber)?.asNumber();
  const d = descriptor?.lookupMaybe(NAME.Descent, PDFNumber)?.asNumber();
  if (a !== undefined && a !== 0 && Math.abs(a) / 1000 < 3) ascent = Math.abs(a) / 1000;
  if (d !== undefined && d !== 0 && Math.abs(d) / 1000 < 3) descent = -Math.abs(d) / 1000;
  return { ascent, descent };
}

/**
 * A ToUnicode CMap's bfchar and bfrange entries: code → text. A CMap is PostScript of the
 * same tokens as a content stream, and each section's entries are the operands of the
 * operator that ends it.
 */
export function parseToUnicode(bytes: Uint8Array): Map<number, string> {
  const map = new Map<number, string>();
  forEachOperation(bytes, (operator, o) => {
    if (operator === 'endbfchar') {
      for (let i = 0; i + 1 < o.length; i += 2) {
        const code = o[i];
        const text = o[i + 1];
        if (code instanceof Uint8Array && text instanceof Uint8Array) map.set(codeOf(code), utf16be(text, 0, text.length));
      }
    } else if (operator === 'endbfrange') {
      for (let i = 0; i + 2 < o.length; ) {
        const first = o[i];
        const last = o[i + 1];
        const target = o[i + 2];
        if (!(first instanceof Uint8Array && last instanceof Uint8Array)) return;
        const lo = codeOf(first);
        const hi = codeOf(last);
        if (target === ARRAY_START) {
          // <lo> <hi> [<text> <text> …]: a text for each code.
          let k = i + 3;
          for (let code = lo; k < o.length && o[k] !== ARRAY_END; k++, code++) {
            const text = o[k];
            if (text instanceof Uint8Array) map.set(code, utf16be(text, 0, text.length));
          }
          i = k + 1;
        } else if (target instanceof Uint8Array && target.length >= 2) {
          // <lo> <hi> <text>: the text's last code unit counts up with the code.
          const prefix = utf16be(target, 0, target.length - 2);
          const base = (target[target.length - 2]! << 8) | target[target.length - 1]!;
          for (let code = lo; code <= hi; code++) map.set(code, prefix + String.fromCharCode(base + code - lo));
          i += 3;
        } else return;
      }
    }
  });
  return map;
}

/** A code's bytes as one number, big-endian. */
function codeOf(bytes: Uint8Array): number {
  let code = 0;
  for (const byte of bytes) code = code * 256 + byte;
  return code;
}

/** Bytes `start` to `end` as UTF-16BE text; an odd count as if led by a zero byte. */
function utf16be(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  let i = start;
  if ((end - start) % 2 === 1) text += String.fromCharCode(bytes[i++]!);
  for (; i + 1 < end; i += 2) text += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
  return text;
}

export interface PageText {
  /**
   * The glyphs joined into words as pdftotext joins them: in drawing order, on one baseline,
   * each starting where the one before ends (or overlapping it, as a compressed punctuation
   * mark does); white space ends a word and is not part of any.
   */
  words: GlyphBox[];
  /** Pages that draw `.notdef` somewhere. */
  notdefPages: number[];
}

const BLANK = /^\s+$/;

/** What preflight needs of the text, in one pass over the content streams. */
export function readPageText(doc: PDFDocument): PageText {
  const words: GlyphBox[] = [];
  const notdefPages = new Set<number>();
  let word: GlyphBox | undefined;
  let lastXMax = 0;
  forEachGlyph(doc, (glyph) => {
    if (glyph.notdef) notdefPages.add(glyph.page);
    if (glyph.text !== '' && BLANK.test(glyph.text)) {
      word = undefined;
      return;
    }
    const height = glyph.yMax - glyph.yMin;
    const joins =
      word !== undefined &&
      word.page === glyph.page &&
      Math.abs(word.yMax - glyph.yMax) < height * 0.2 &&
      glyph.xMin - lastXMax < height * 0.1 &&
      glyph.xMin - lastXMax > -height;
    if (joins) {
      word!.text += glyph.text;
      word!.xMin = Math.min(word!.xMin, glyph.xMin);
      word!.xMax = Math.max(word!.xMax, glyph.xMax);
      word!.yMin = Math.min(word!.yMin, glyph.yMin);
      word!.yMax = Math.max(word!.yMax, glyph.yMax);
    } else {
      word = glyph;
      words.push(word);
    }
    lastXMax = glyph.xMax;
  });
  return { words, notdefPages: [...notdefPages] };
}
