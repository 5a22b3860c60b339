import type { Element, ElementContent, Root } from 'hast';
import { visit, SKIP } from 'unist-util-visit';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { PAGE, PT_PER_PX, toGridLines } from '../page-geometry.ts';
import { applyChineseTypography } from './chinese-typography.ts';
import { headingLevel } from './heading-level.ts';

/** Where an image is, and how large, as told by the workspace (the only I/O of this stage). */
export interface ImageInfo {
  url: string;
  widthPx: number;
  heightPx: number;
}
export type ImageResult = ImageInfo | { error: string; hint: string };
export type ImageResolver = (src: string) => ImageResult;

export interface BulletinTreeOptions {
  file: string;
  resolveImage: ImageResolver;
  diagnostics: Diagnostic[];
}

const MAX_FIGURE_HEIGHT = PAGE.textHeight * 0.6;
const NUMERIC_CELL = /^[-+−]?[\d,，.]+(%|‰|万|亿|元|吨|户|人|个|家|项)?$/;

/**
 * Shapes a sanitised item tree for print: heading levels from their numbering, images sized
 * to the text block on whole grid lines, numeric table columns, footnotes without links.
 * Runs after the sanitiser, so what it adds (classes, sizes) is ours, not the item's.
 */
export function shapeForPrint(tree: Root, options: BulletinTreeOptions): void {
  visit(tree, 'element', (node, index, parent) => {
    if (/^h[1-6]$/.test(node.tagName)) {
      const level = headingLevel(textOf(node), Number(node.tagName[1]));
      node.tagName = `h${level + 2}`;
      node.properties = { className: [`level-${level}`] };
      return;
    }
    if (node.tagName === 'a') {
      // Print has no links: keep the words, drop the target (and footnote back-links entirely).
      if (node.properties?.dataFootnoteBackref !== undefined && parent && index !== undefined) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      node.tagName = 'span';
      node.properties = {};
      return;
    }
    if (node.tagName === 'img') {
      shapeImage(node, options);
      return;
    }
    if (node.tagName === 'p' && isLoneImage(node) && parent && index !== undefined) {
      const img = node.children.find((c): c is Element => c.type === 'element')!;
      shapeImage(img, options);
      if (img.tagName === 'img') parent.children[index] = toFigure(img);
      return SKIP;
    }
    if (node.tagName === 'table') {
      const rows = cellRows(node);
      markNumericColumns(rows);
      keepLabelsWhole(rows); // and go on into the cells: their links and images too
      return;
    }
    if (node.tagName === 'section' && node.properties?.dataFootnotes !== undefined) {
      node.properties = { className: ['footnotes'] };
      node.children = node.children.filter((c) => !(c.type === 'element' && /^h[1-6]$/.test(c.tagName)));
      node.children.unshift(element('p', { className: ['footnotes-label'] }, [{ type: 'text', value: '注：' }]));
    }
    if (node.tagName === 'li' || node.tagName === 'sup') node.properties = { ...node.properties, id: undefined };
    // (and on into the mark: its link becomes words)
    if (node.tagName === 'sup' && parent && index !== undefined) glueToCharacterBefore(node, parent, index);
    if (node.tagName === 'p' && parent?.type === 'root') markRunInHeading(node);
  });
  applyChineseTypography(tree);
}

function shapeImage(node: Element, { file, resolveImage, diagnostics }: BulletinTreeOptions): void {
  const src = String(node.properties?.src ?? '');
  const alt = String(node.properties?.alt ?? '');
  const result = src ? resolveImage(src) : { error: '图片缺少路径', hint: '写成 ![图题](img/a.png)' };
  if ('error' in result) {
    diagnostics.push({ severity: 'error', file, line: node.position?.start.line, message: result.error, hint: result.hint });
    node.tagName = 'span';
    node.properties = { className: ['missing-image'] };
    node.children = [{ type: 'text', value: `［图片缺失：${alt || src}］` }];
    return;
  }
  let width = result.widthPx * PT_PER_PX;
  let height = result.heightPx * PT_PER_PX;
  const scale = Math.min(1, PAGE.textWidth / width, MAX_FIGURE_HEIGHT / height);
  width *= scale;
  height *= scale;
  node.properties = {
    src: result.url,
    alt,
    style: `width:${width.toFixed(2)}pt;height:${height.toFixed(2)}pt`,
  };
}

/**
 * Items often number their parts inside paragraphs: `一、基本情况。截至9月末……`. The lead up
 * to the first 。 is a heading set in its level's face (一、 黑体, （一） 楷体), run into the text.
 */
function markRunInHeading(p: Element): void {
  const first = p.children[0];
  if (!first || first.type !== 'text') return;
  const match = /^\s*((?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）)[^。！？\n]{1,30}?[。：])/.exec(first.value);
  if (!match) return;
  const level = headingLevel(match[1]!, 0);
  const lead: Element = element('span', { className: ['run-in', `level-${level}`] }, [{ type: 'text', value: match[1]! }]);
  p.children.splice(0, 1, lead, { type: 'text', value: first.value.slice(match[0].length) });
}

function isLoneImage(p: Element): boolean {
  const meaningful = p.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return meaningful.length === 1 && meaningful[0]!.type === 'element' && meaningful[0]!.tagName === 'img';
}

/** A lone image becomes a figure whose height, caption included, is a whole number of lines. */
function toFigure(img: Element): Element {
  const caption = String(img.properties?.alt ?? '');
  const height = Number(/height:([\d.]+)pt/.exec(String(img.properties?.style ?? ''))?.[1] ?? PAGE.linePitch);
  const lines = toGridLines(height + 6) + (caption ? 1 : 0);
  const children: ElementContent[] = [img];
  if (caption) children.push(element('figcaption', {}, [{ type: 'text', value: caption }]));
  return element('figure', { style: `height:${(lines * PAGE.linePitch).toFixed(2)}pt` }, children);
}

/** The cells of a table, row by row (the header row first). */
function cellRows(table: Element): Element[][] {
  const rows: Element[][] = [];
  visit(table, 'element', (node) => {
    if (node.tagName === 'tr') rows.push(node.children.filter((c): c is Element => c.type === 'element'));
  });
  return rows;
}

/** Right-aligns the columns whose body cells are all numbers (unless the Markdown said otherwise). */
function markNumericColumns(rows: Element[][]): void {
  const body = rows.slice(1);
  const columns = Math.max(0, ...rows.map((r) => r.length));
  for (let col = 0; col < columns; col++) {
    const texts = body.map((r) => r[col]).filter((c): c is Element => c !== undefined).map((c) => textOf(c).trim());
    const numeric = texts.some((t) => t !== '') && texts.every((t) => NUMERIC_CELL.test(t) || t === '');
    if (!numeric) continue;
    for (const row of rows) {
      const cell = row[col];
      if (cell && !cell.properties?.align) cell.properties = { ...cell.properties, className: ['num'] };
    }
  }
}

/**
 * A footnote mark stays with the character it follows (问题¹ never 问题 / ¹): one unbreakable
 * span of both. Left free, Chromium kept 题¹。 together past the end of a full line, and then
 * printed the whole issue shrunk (to 99.7 %) to fit that line into the page.
 */
function glueToCharacterBefore(sup: Element, parent: Root | Element, index: number): void {
  const before = parent.children[index - 1];
  if (!before || before.type !== 'text') return;
  const last = [...before.value].at(-1);
  if (!last || /\s/.test(last)) return;
  before.value = before.value.slice(0, before.value.length - last.length);
  parent.children[index] = element('span', { className: ['keep'] }, [{ type: 'text', value: last }, sup]);
}

/** A cell's side padding (base.css), in pt. */
const CELL_PADDING = 8;
/** A label of up to this many characters (per part, a unit in brackets being a part) is never broken. */
const SHORT_LABEL = 6;
const UNIT_IN_BRACKETS = /(?=[（(])/;

/**
 * Short labels (同比增长, 云川高新区) and numbers are set on one line, and a header with a unit
 * (地区生产总值（亿元）) breaks only before its bracket: Chromium's table layout otherwise
 * squeezes every column to what its longest text needs, breaking 同比增/长. Only when the
 * whole table still fits the text block with them unbroken (estimated from character widths,
 * with a tenth to spare); a table of many long labels keeps breaking them as it must, and a
 * table with a cell over several rows or columns (raw HTML), whose columns are not known, is
 * left alone.
 */
function keepLabelsWhole(rows: Element[][]): void {
  const spanned = (cell: Element) => Number(cell.properties?.rowSpan ?? 1) > 1 || Number(cell.properties?.colSpan ?? 1) > 1;
  if (rows.some((row) => row.some(spanned))) return;
  const whole: Array<{ cell: Element; parts: string[] }> = [];
  const narrowest: number[] = []; // per column, the width it needs at least, in pt
  for (const row of rows) {
    row.forEach((cell, column) => {
      const text = textOf(cell).trim();
      const plain = text !== '' && cell.children.every((c) => c.type === 'text') && !/\s/.test(text);
      const short = [...text].length <= SHORT_LABEL || NUMERIC_CELL.test(text);
      const parts = !plain ? [] : short ? [text] : text.split(UNIT_IN_BRACKETS);
      const keep = parts.length > 0 && parts.every((p) => [...p].length <= SHORT_LABEL || NUMERIC_CELL.test(p));
      const need = keep ? Math.max(...parts.map(widthOf)) : PAGE.smallSize;
      narrowest[column] = Math.max(narrowest[column] ?? 0, need + CELL_PADDING);
      if (keep) whole.push({ cell, parts });
    });
  }
  const tableWidth = narrowest.reduce((sum, w) => sum + w, 0);
  if (whole.length === 0 || tableWidth > 0.9 * PAGE.textWidth) return;
  for (const { cell, parts } of whole) {
    if (parts.length === 1) {
      cell.properties = { ...cell.properties, className: [...classesOf(cell), 'keep'] };
    } else {
      cell.children = parts.map((part) => element('span', { className: ['keep'] }, [{ type: 'text', value: part }]));
    }
  }
}

/**
 * Estimated width of a text in a table cell, on the wide side: a Latin capital 0.8 em, other
 * ASCII 0.6 em, and everything else 1 em (Chinese, full-width marks, but also ①, ℃, ‰, “”).
 */
function widthOf(text: string): number {
  let ems = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    ems += code >= 0x80 ? 1 : code >= 0x41 && code <= 0x5a ? 0.8 : 0.6;
  }
  return ems * PAGE.smallSize;
}

function classesOf(node: Element): string[] {
  const value = node.properties?.className;
  return Array.isArray(value) ? value.map(String) : [];
}

function element(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}

function textOf(node: Element | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}
