/**
 * The page of GB/T 9704-2012 (see LAYOUT.md), in points, shared by every stage that needs
 * a length: the templates' CSS, image sizing in the Markdown stage, and preflight.
 */
export const MM = 72 / 25.4;

export const PAGE = {
  width: 210 * MM,
  height: 297 * MM,
  top: 37 * MM,
  /** 订口: the binding side, left on odd pages, right on even pages. */
  binding: 28 * MM,
  outer: 26 * MM,
  bottom: 35 * MM,
  textWidth: 156 * MM,
  textHeight: 225 * MM,
  /**
   * One grid line. 225 mm / 22 is 28.99 pt, but Chromium rounds lengths to 1/64 px and 22
   * such lines overflow the block by a hair, losing the 22nd line; Word's 28.95 pt fits.
   */
  linePitch: 28.95,
  linesPerPage: 22,
  charsPerLine: 28,
  bodySize: 16,
  /** 4号: tables, captions and footnotes (base.css's --small-size). */
  smallSize: 14,
  /** The page number's dash line sits 7 mm below the text block. */
  folioDrop: 7 * MM,
  folioSize: 14,
} as const;

/** One CSS px in points: what Chromium prints a CSS length at, unless it shrinks a page to fit. */
export const PT_PER_PX = 0.75;

/** Letter-spacing that puts exactly 28 body characters on a 156 mm line (with a hair to spare). */
export const BODY_LETTER_SPACING = Math.floor((PAGE.textWidth / PAGE.charsPerLine - PAGE.bodySize) * 100) / 100 - 0.01;

/** Rounds a height up to a whole number of grid lines, so what follows stays on the grid. */
export function toGridLines(heightPt: number): number {
  return Math.max(1, Math.ceil(heightPt / PAGE.linePitch - 1e-6));
}
