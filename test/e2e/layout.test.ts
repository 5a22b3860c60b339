// The page measured in the printed PDF (LAYOUT.md, GB/T 9704-2012): margins, the 22-line
// grid, 28 characters a line, page numbers, and the tail on the foot of the last page.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { linesOf, MM, type TextLine } from '../helpers/layout.ts';
import { pdfInfo, pdfWords, type Word } from '../helpers/pdf.ts';
import { item, MINIMAL_CONFIG, tempDir, writeFiles } from '../helpers/workspace.ts';

const TEXT_TOP = 37 * MM;
const TEXT_BOTTOM = (37 + 225) * MM;
const LINE = 28.95;
const TOLERANCE = 1 * MM; // what the editors' own check allows

/** Deterministic Chinese prose with full-width punctuation and no Latin letters or digits. */
function prose(paragraphs: number, seed = 7): string {
  const chars = '全市深入推进乡村振兴战略加强基层治理完善公共服务体系提升群众获得感幸福感安全感';
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
  return Array.from({ length: paragraphs }, () => {
    let p = '';
    const length = 120 + (next() % 160);
    for (let i = 0; i < length; i++) {
      p += chars[next() % chars.length];
      if (i % 17 === 16 && i < length - 2) p += '，';
    }
    return `${p}。`;
  }).join('\n\n');
}

let words: Word[];
let pages: number;
const body = (page: number): TextLine[] => linesOf(words, page).filter((l) => l.centre < TEXT_BOTTOM);
const folio = (page: number): TextLine | undefined => linesOf(words, page).find((l) => l.centre > TEXT_BOTTOM);

beforeAll(async () => {
  const dir = await tempDir();
  await writeFiles(dir, {
    'bulletin.config.yml': MINIMAL_CONFIG,
    'items/long.md': item(
      { title: '关于全市基层治理工作情况的调研报告', unit: '市委政研室', date: '2026-11-01' },
      `## 一、基本情况\n\n${prose(6, 1)}\n\n### （一）主要做法\n\n${prose(8, 2)}\n\n#### 1.完善机制\n\n${prose(6, 3)}\n\n##### （1）强化考核\n\n${prose(6, 4)}`,
    ),
    'issues/sr.md': '---\npublication: special-report\nnumber: 3\ndate: 2026-11-02\neditor: 王芳\napprover: 赵强\nitems:\n  - items/long.md\n---\n',
  });
  const output = path.join(dir, 'sr.pdf');
  const result = await runCli(['build', 'issues/sr.md', '-o', output], dir);
  expect(result.code, result.stderr).toBe(0);
  words = pdfWords(output);
  pages = Number(pdfInfo(output).Pages);
});

describe('the printed page', () => {
  it('runs over several pages', () => {
    expect(pages).toBeGreaterThanOrEqual(4);
  });

  it('has exactly 22 lines on every full page', () => {
    // every page but the first (masthead) and the last (may be short)
    for (let page = 2; page < pages; page++) {
      const lines = body(page);
      // a page may end one line early only to keep a heading with its text
      const endsBeforeHeading = lines.length === 21 && /^[一二三四五六七八九十（\d]/.test(body(page + 1)[0]?.text ?? '');
      expect(endsBeforeHeading ? 22 : lines.length, `page ${page}`).toBe(22);
    }
  });

  it('keeps every line on the grid: one line pitch apart, first line at the top of the text block', () => {
    for (let page = 2; page < pages; page++) {
      const lines = body(page);
      expect(lines[0]!.centre - LINE / 2, `page ${page} top`).toBeCloseTo(TEXT_TOP, -0.5);
      lines.slice(1).forEach((line, i) => {
        const steps = Math.round((line.centre - lines[0]!.centre) / LINE);
        expect(Math.abs(line.centre - lines[0]!.centre - steps * LINE), `page ${page} line ${i + 2}`).toBeLessThan(2);
      });
    }
  });

  it('sets 28 characters on a full line, filling the 156 mm text block', () => {
    let full = 0;
    let pushed = 0;
    for (let page = 2; page < pages; page++) {
      const lines = body(page);
      lines.forEach((line, i) => {
        const width = line.xMax - line.xMin;
        if (width < 155 * MM) return; // indented first lines and paragraph ends
        full++;
        expect(width).toBeLessThan(156 * MM + TOLERANCE);
        const count = [...line.text].length;
        if (count === 28) return;
        // Kinsoku: a character followed by ，。 moves down with it rather than start a line with
        // the punctuation; then, and only then, 27 characters fill the line.
        const next = lines[i + 1] ?? body(page + 1)[0];
        expect(count, line.text).toBe(27);
        expect([...(next?.text ?? '')][1], `${line.text} / ${next?.text}`).toMatch(/[，。、；：？！）》”]/);
        pushed++;
      });
    }
    expect(full).toBeGreaterThan(40);
    expect(pushed).toBeLessThan(full / 4);
  });

  it('mirrors the margins: 28 mm binding side left on odd pages, right on even pages', () => {
    for (let page = 1; page <= pages; page++) {
      const lines = body(page).filter((l) => l.xMax - l.xMin > 155 * MM);
      if (lines.length === 0) continue;
      const left = Math.min(...lines.map((l) => l.xMin));
      const right = Math.max(...lines.map((l) => l.xMax));
      const binding = page % 2 === 1 ? 28 : 26;
      expect(Math.abs(left - binding * MM), `page ${page} left`).toBeLessThan(TOLERANCE);
      expect(Math.abs(right - (binding + 156) * MM), `page ${page} right`).toBeLessThan(TOLERANCE);
    }
  });

  it('numbers every page — N —, 7 mm below the text block, odd right and even left, one character in', () => {
    for (let page = 1; page <= pages; page++) {
      const number = folio(page);
      expect(number?.text, `page ${page}`).toBe(`—${page}—`);
      expect(Math.abs(number!.centre - (TEXT_BOTTOM + 7 * MM)), `page ${page} height`).toBeLessThan(TOLERANCE);
      if (page % 2 === 1) expect(Math.abs(number!.xMax - ((28 + 156) * MM - 14)), `page ${page} right`).toBeLessThan(TOLERANCE);
      else expect(Math.abs(number!.xMin - (26 * MM + 14)), `page ${page} left`).toBeLessThan(TOLERANCE);
    }
  });

  it('anchors the tail to the foot of the last page’s text block', () => {
    const last = body(pages);
    const copies = last.find((l) => l.text.includes('（共印30份）'));
    expect(copies).toBeDefined();
    // the last tail line ends on the last grid line of the page
    expect(Math.abs(copies!.centre - (TEXT_BOTTOM - LINE / 2))).toBeLessThan(LINE / 2);
    const distribution = last.find((l) => l.text.startsWith('报：'));
    expect(distribution).toBeDefined();
    expect(distribution!.centre).toBeLessThan(copies!.centre);
    // and nothing of the text runs into it
    const tailTop = Math.min(...last.filter((l) => /^(报|送)：/.test(l.text)).map((l) => l.centre));
    for (const line of last.filter((l) => l.centre < tailTop)) expect(line.centre).toBeLessThan(tailTop - LINE / 2);
  });
});
