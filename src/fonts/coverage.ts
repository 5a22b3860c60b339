import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';

const run = promisify(execFile);

/** Code point ranges, inclusive, sorted. */
export type Ranges = Array<[number, number]>;

/** The characters a font file has glyphs for, as fontconfig reports them (all faces of a .ttc). */
export async function fileCoverage(file: string): Promise<Ranges> {
  const { stdout } = await run('fc-query', ['--format', '%{charset}\n', file], { maxBuffer: 16 * 1024 * 1024 });
  return parseRanges(stdout.replace(/\n/g, ' '), /([0-9a-f]+)(?:-([0-9a-f]+))?/gi);
}

/** The characters of a stylesheet's `unicode-range` descriptors (fontsource faces). */
export function cssCoverage(css: string): Ranges {
  const ranges = [...css.matchAll(/unicode-range:\s*([^;]+);/g)].map((m) => m[1]!).join(',');
  return parseRanges(ranges, /U\+([0-9a-f?]+)(?:-([0-9a-f]+))?/gi);
}

function parseRanges(text: string, pattern: RegExp): Ranges {
  const ranges: Ranges = [];
  for (const m of text.matchAll(pattern)) {
    const start = parseInt(m[1]!.replace(/\?/g, '0'), 16);
    const end = m[2] ? parseInt(m[2], 16) : parseInt(m[1]!.replace(/\?/g, 'f'), 16);
    if (Number.isFinite(start) && Number.isFinite(end)) ranges.push([start, end]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/**
 * A lookup over the union of several coverages: one bit per code point (136 KB), set range by
 * range. Cheaper to make than sorting and merging the tens of thousands of ranges of a CJK
 * chain, which every build did on its way to the first print, and a lookup is one bit.
 */
export function coverageTest(all: Ranges[]): (codePoint: number) => boolean {
  const bits = new Uint8Array((0x10ffff >> 3) + 1);
  const set = (cp: number) => (bits[cp >> 3]! |= 1 << (cp & 7));
  for (const ranges of all) {
    for (const range of ranges) {
      let cp = Math.max(0, range[0]);
      const last = Math.min(range[1], 0x10ffff);
      for (; cp <= last && (cp & 7) !== 0; cp++) set(cp);
      // The whole bytes between: a CJK block is thousands of code points.
      const wholeEnd = (last + 1) & ~7;
      if (cp < wholeEnd) {
        bits.fill(0xff, cp >> 3, wholeEnd >> 3);
        cp = wholeEnd;
      }
      for (; cp <= last; cp++) set(cp);
    }
  }
  return (cp) => cp >= 0 && cp <= 0x10ffff && (bits[cp >> 3]! & (1 << (cp & 7))) !== 0;
}

/** Characters that need no glyph: white space and controls. */
const INVISIBLE = /[\s\u0000-\u001f\u007f\u200b-\u200f\u2028\u2029\ufeff]/u;

/**
 * Every character of the given texts that no font of the chain can print, with the file and
 * line it is on: it would print as an empty box. Reported before printing, naming the place.
 * It runs over every character of every issue built: one pass over the UTF-16 code units,
 * each BMP character's answer kept in a table by its code, and strings made only for the
 * characters reported (and those beyond the BMP, rare enough to look up whole).
 */
export function missingGlyphs(texts: Array<{ file: string; text: string }>, covered: (cp: number) => boolean): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const known = answersFor(covered);
  for (const { file, text } of texts) {
    const seen = new Set<string>();
    let line = 1;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit === 0x0a) {
        line++;
        continue;
      }
      let char: string;
      const pair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1));
      if (pair) {
        char = text.slice(i, i + 2);
        i++;
        if (printable(char, covered)) continue;
      } else {
        let answer = known[unit];
        if (answer === UNKNOWN) known[unit] = answer = printable(String.fromCharCode(unit), covered) ? PRINTABLE : MISSING;
        if (answer === PRINTABLE) continue;
        char = String.fromCharCode(unit);
      }
      if (seen.has(char)) continue;
      seen.add(char);
      const hex = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      diagnostics.push({
        severity: 'error',
        file,
        line,
        message: `字符“${char}”（U+${hex}）在所有可用字体中都没有字形，印出来会是空框`,
        hint: '改用常用字或规范写法，或在工作区 fonts/ 中放入含有此字的字体',
      });
    }
  }
  return diagnostics;
}

const UNKNOWN = 0;
const PRINTABLE = 1;
const MISSING = 2;

/** What each BMP character was found to be, per coverage: a build asks of the same few thousand, issue after issue. */
const answers = new WeakMap<(cp: number) => boolean, Uint8Array>();

function answersFor(covered: (cp: number) => boolean): Uint8Array {
  let known = answers.get(covered);
  if (!known) answers.set(covered, (known = new Uint8Array(0x10000)));
  return known;
}

function printable(char: string, covered: (cp: number) => boolean): boolean {
  return INVISIBLE.test(char) || covered(char.codePointAt(0)!);
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
