import { readFile } from 'node:fs/promises';
import { PDFDocument, ParseSpeeds } from 'pdf-lib';
import { MM, PAGE, PT_PER_PX } from '../page-geometry.ts';
import { pagesWithMissingGlyphs } from './missing-glyphs.ts';
import { fontProblems } from './embedded-fonts.ts';
import { readPageText, UnsupportedPdf, type PageText } from './glyph-boxes.ts';
import { listPdfWords, type WordBox } from './poppler.ts';

/** One reason a PDF is not ready for the print shop. */
export interface PreflightProblem {
  page?: number;
  message: string;
}

/** Glyph boxes may stand a little past the text block (accents, the font's line box). */
const TOLERANCE = 1 * MM;

/**
 * Checks a printed bulletin as a print shop's preflight would, and as LAYOUT.md demands:
 * every page A4, every font embedded and none Type 3, no character drawn as an empty box,
 * no text outside the text block, no page shrunk to fit, and `— N —` on every page.
 */
export async function preflightPdf(file: string): Promise<PreflightProblem[]> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(await readFile(file), { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  } catch (error) {
    return [{ message: `无法读取 PDF：文件已损坏或不是 PDF（${String((error as Error).message).split('\n')[0]}）` }];
  }
  const { problems, layoutChecked } = preflightInMemory(doc);
  return layoutChecked ? problems : [...problems, ...(await preflightLayout(doc, file, 'poppler'))];
}

/**
 * Everything that can be checked of the document in memory: page sizes, fonts, empty boxes
 * and, from where the words stand, the folio and the text block, in one pass over the text
 * (glyph-boxes.ts). When that reader does not know the PDF, the empty boxes are found by a
 * plainer scan and the folio and text block are left to poppler (`layoutChecked` false).
 */
export function preflightInMemory(doc: PDFDocument): { problems: PreflightProblem[]; layoutChecked: boolean } {
  const problems: PreflightProblem[] = [];
  doc.getPages().forEach((page, i) => {
    const { width, height } = page.getSize();
    if (Math.abs(width - PAGE.width) > 1 || Math.abs(height - PAGE.height) > 1) {
      problems.push({ page: i + 1, message: `页面尺寸为 ${(width / MM).toFixed(0)}×${(height / MM).toFixed(0)} 毫米，不是 A4（210×297 毫米）` });
    }
  });
  for (const font of fontProblems(doc)) {
    problems.push({ message: font.problem === 'type3' ? `字体 ${font.name} 是 Type 3 字体，印刷厂会拒收` : `字体 ${font.name} 没有嵌入` });
  }
  const text = readTextIfKnown(doc);
  for (const page of text?.notdefPages ?? pagesWithMissingGlyphs(doc)) {
    problems.push({ page, message: '有字符在所有字体中都没有字形，印出来是空框' });
  }
  if (text) problems.push(...checkPages(doc, text.words));
  return { problems, layoutChecked: text !== undefined };
}

function readTextIfKnown(doc: PDFDocument): PageText | undefined {
  try {
    return readPageText(doc);
  } catch (error) {
    if (error instanceof UnsupportedPdf) return undefined;
    throw error;
  }
}

/**
 * The folio and the text block on every page, from where the words stand. They are read
 * in-process from the document (glyph-boxes.ts), or by poppler's pdftotext from `file` when
 * the document uses what the in-process reader does not know; `reader: 'poppler'` forces
 * the latter (the tests compare the two).
 */
export async function preflightLayout(doc: PDFDocument, file: string, reader: 'auto' | 'poppler' = 'auto'): Promise<PreflightProblem[]> {
  const text = reader === 'auto' ? readTextIfKnown(doc) : undefined;
  return checkPages(doc, text?.words ?? (await listPdfWords(file)));
}

/** The same read by poppler from a written file. */
export async function preflightLayoutWithPoppler(file: string): Promise<PreflightProblem[]> {
  const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  return preflightLayout(doc, file, 'poppler');
}

function checkPages(doc: PDFDocument, words: WordBox[]): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  // The scale is Chromium's (CSS px); another program's PDF (bulletin preflight any.pdf) may draw at any.
  const printedByChromium = /^Skia\/PDF|^bulletin /.test(doc.getProducer() ?? '');
  for (let page = 1; page <= doc.getPageCount(); page++) problems.push(...checkPage(page, words.filter((w) => w.page === page), printedByChromium));
  return problems;
}

/**
 * A closing mark at the end of a line is set at half width by Chromium (text-spacing-trim:
 * its blank half hangs past the margin); pdftotext still measures its full advance. Its ink
 * is inside the text block, so half a character is allowed for such a word.
 */
function allowanceAtLineEnd(word: WordBox): number {
  const last = word.text.slice(-1); // the marks are all in the BMP
  return '，。、；：？！）》〉」』】〕”’'.includes(last) ? TOLERANCE + PAGE.bodySize * 0.55 : TOLERANCE;
}

/**
 * How much a page's text was shrunk, if it was: Chromium prints a page with anything wider
 * than the text block by scaling all of its content down to fit, so that nothing stands
 * outside the block. Such a page has no text at its size (a figure's labels may be at any
 * scale, but its caption is at 1; the page's margins, with the folio, are never shrunk),
 * and most of it at one smaller scale.
 */
function shrinkOf(words: WordBox[]): number | undefined {
  if (words.length === 0 || words.some((w) => w.scale === undefined)) return undefined;
  const ratios = words.map((w) => ({ ratio: w.scale! / PT_PER_PX, weight: [...w.text].length }));
  if (ratios.some((r) => Math.abs(r.ratio - 1) < 0.005)) return undefined;
  const byRatio = new Map<number, number>();
  for (const { ratio, weight } of ratios) {
    const key = Math.round(ratio * 1000) / 1000;
    byRatio.set(key, (byRatio.get(key) ?? 0) + weight);
  }
  const [mostCommon] = [...byRatio].sort((a, b) => b[1] - a[1])[0]!;
  return mostCommon < 0.99 ? mostCommon : undefined;
}

function checkPage(page: number, words: WordBox[], printedByChromium: boolean): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  const left = page % 2 === 1 ? PAGE.binding : PAGE.outer;
  const block = { left, right: left + PAGE.textWidth, top: PAGE.top, bottom: PAGE.top + PAGE.textHeight };
  const folio = words.filter((w) => w.yMin > block.bottom + TOLERANCE);
  const folioText = folio.sort((a, b) => a.xMin - b.xMin).map((w) => w.text).join('');
  if (folioText !== `—${page}—`) {
    problems.push({ page, message: folioText ? `页码应为“— ${page} —”，实为“${folioText}”` : '缺少页码' });
  }
  const shrunk = printedByChromium ? shrinkOf(words.filter((w) => !folio.includes(w))) : undefined;
  if (shrunk !== undefined) {
    problems.push({ page, message: `整页被缩小到 ${(shrunk * 100).toFixed(1)}% 印出，正文字号因此小于规定：有内容宽于版心（表格、图片或不能换行的文字）` });
  }
  const outside = words.filter(
    (w) =>
      !folio.includes(w) &&
      (w.xMin < block.left - TOLERANCE || w.xMax > block.right + allowanceAtLineEnd(w) || w.yMin < block.top - TOLERANCE),
  );
  if (outside.length > 0) {
    const sample = outside.slice(0, 3).map((w) => w.text).join(' ');
    problems.push({ page, message: `有文字超出版心：“${sample}”` });
  }
  return problems;
}
