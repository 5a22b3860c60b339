/**
 * Chromium prints CFF-outline fonts as Type 3 fonts, which print shops reject; TrueType
 * outlines are embedded as CID TrueType. This converts once (the caller caches the result).
 *
 * fonteditor-core reads the advance widths of a CID-keyed CFF font wrongly (it applies the
 * top-level private dict, so Latin digits come out negative). The `hmtx` table is the
 * authority on widths, so they are taken from there and checked after writing.
 *
 * fonteditor-core is loaded here, when a font is to be converted: most builds find the
 * converted copy cached, and loading it costs every build about a tenth of a second.
 */
export async function convertCffToTrueType(otf: Buffer): Promise<Buffer> {
  const { Font } = await import('fonteditor-core');
  const widths = readAdvanceWidths(otf);
  const font = Font.create(otf, { type: 'otf', hinting: false, kerning: true });
  const glyphs = font.get().glyf;
  glyphs.forEach((glyph, index) => {
    glyph.advanceWidth = widths[index] ?? widths[widths.length - 1] ?? glyph.advanceWidth;
  });
  const ttf = Buffer.from(font.write({ type: 'ttf', hinting: false, kerning: true }) as ArrayBuffer);
  const written = readAdvanceWidths(ttf);
  const wrong = widths.findIndex((w, i) => written[i] !== w);
  if (wrong >= 0) throw new Error(`font conversion changed the advance width of glyph ${wrong}: ${widths[wrong]} → ${written[wrong]}`);
  return ttf;
}

/** Advance width of every glyph, read from the `hhea`, `maxp` and `hmtx` tables. */
export function readAdvanceWidths(font: Buffer): number[] {
  const tables = readTableDirectory(font);
  const hhea = tables.get('hhea');
  const maxp = tables.get('maxp');
  const hmtx = tables.get('hmtx');
  if (hhea === undefined || maxp === undefined || hmtx === undefined) throw new Error('font has no hhea/maxp/hmtx table');
  const longMetrics = font.readUInt16BE(hhea + 34);
  const glyphCount = font.readUInt16BE(maxp + 4);
  const widths: number[] = [];
  for (let i = 0; i < glyphCount; i++) {
    widths.push(font.readUInt16BE(hmtx + 4 * Math.min(i, longMetrics - 1)));
  }
  return widths;
}

function readTableDirectory(font: Buffer): Map<string, number> {
  const count = font.readUInt16BE(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const record = 12 + 16 * i;
    tables.set(font.toString('latin1', record, record + 4), font.readUInt32BE(record + 8));
  }
  return tables;
}

/** Whether an OpenType file has CFF outlines (and so needs converting). */
export function hasCffOutlines(font: Buffer): boolean {
  return font.toString('latin1', 0, 4) === 'OTTO';
}
