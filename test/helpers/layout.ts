import type { Word } from './pdf.ts';

export const MM = 72 / 25.4;

export interface TextLine {
  page: number;
  /** Vertical centre of the line's words, in pt from the top of the page. */
  centre: number;
  xMin: number;
  xMax: number;
  text: string;
}

/** Groups the words of one page into lines by their vertical centre (fonts differ in height). */
export function linesOf(words: Word[], page: number): TextLine[] {
  const onPage = words.filter((w) => w.page === page).sort((a, b) => (a.yMin + a.yMax) / 2 - (b.yMin + b.yMax) / 2);
  const lines: Array<{ words: Word[]; centre: number }> = [];
  for (const word of onPage) {
    const centre = (word.yMin + word.yMax) / 2;
    const line = lines.find((l) => Math.abs(l.centre - centre) < 6);
    if (line) line.words.push(word);
    else lines.push({ words: [word], centre });
  }
  return lines.map((l) => {
    const sorted = l.words.sort((a, b) => a.xMin - b.xMin);
    return {
      page,
      centre: l.centre,
      xMin: sorted[0]!.xMin,
      xMax: Math.max(...sorted.map((w) => w.xMax)),
      text: sorted.map((w) => w.text).join(''),
    };
  });
}
