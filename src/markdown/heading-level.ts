/**
 * The four heading levels of a Chinese official document are told apart by their numbering
 * (一、 （一） 1. （1）), which is what editors type; the Markdown depth is only a fallback.
 */
export type HeadingLevel = 1 | 2 | 3 | 4;

const NUMBERING: Array<[RegExp, HeadingLevel]> = [
  [/^[一二三四五六七八九十百]+、/, 1],
  [/^（[一二三四五六七八九十百]+）/, 2],
  [/^\d+[.．]/, 3],
  [/^（\d+）/, 4],
];

export function headingLevel(text: string, markdownDepth: number): HeadingLevel {
  const trimmed = text.trimStart();
  for (const [pattern, level] of NUMBERING) if (pattern.test(trimmed)) return level;
  return Math.min(4, Math.max(1, markdownDepth - 1)) as HeadingLevel;
}
