// Titles, tables, images, the classification and the unit's place, measured in the PDF.
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { linesOf, MM } from '../helpers/layout.ts';
import { pdfInfo, pdfText, pdfWords, type Word } from '../helpers/pdf.ts';
import { solidPng } from '../helpers/png.ts';
import { item, MINIMAL_CONFIG, tempDir, writeFiles } from '../helpers/workspace.ts';

const LONG_TITLE = '关于进一步加强和改进新时代基层信息工作推动信息质量全面提升的实施意见'; // 34 characters
const rows = Array.from({ length: 40 }, (_, i) => `| 第${i + 1}单位 | ${(i * 137.5 + 12).toFixed(2)} | ${i + 1} |`).join('\n');
let words: Word[];
let output: string;
let pages: number;

beforeAll(async () => {
  const dir = await tempDir();
  await writeFiles(dir, {
    'bulletin.config.yml': MINIMAL_CONFIG.replace('    template: work-dynamics\n', '    template: work-dynamics\n    unit_position: title\n'),
    'items/title.md': item({ title: LONG_TITLE, unit: '市委办公室', date: '2026-11-01' }, '正文一段。'),
    'items/table.md': item(
      { title: '各单位报送情况', unit: '市委办公室信息科', date: '2026-11-01' },
      `各单位报送情况如下。\n\n| 单位 | 金额（万元） | 条数 |\n|---|---|---|\n${rows}\n`,
    ),
    'items/image.md': item({ title: '图片测试', unit: '市统计局', date: '2026-11-01' }, '见下图。\n\n![全市粮食产量示意](big.png)\n'),
    'issues/wd.md':
      '---\npublication: work-dynamics\nnumber: 5\ndate: 2026-11-02\nclassification: 秘密★1年\nitems:\n  - items/title.md\n  - items/table.md\n  - items/image.md\n---\n',
  });
  await writeFile(path.join(dir, 'items', 'big.png'), solidPng(3000, 1500));
  output = path.join(dir, 'wd.pdf');
  const result = await runCli(['build', 'issues/wd.md', '-o', output], dir);
  expect(result.code, result.stderr).toBe(0);
  words = pdfWords(output);
  pages = Number(pdfInfo(output).Pages);
});

const allLines = () => Array.from({ length: pages }, (_, i) => linesOf(words, i + 1)).flat();

describe('titles', () => {
  it('break a long title into balanced lines, never a line of one or two characters', () => {
    // the last lines that are pieces of the title: the item's own title, after 本期要目
    const lines = allLines().filter((l) => LONG_TITLE.includes(l.text) && l.text.length > 2).slice(-2);
    expect(lines.map((l) => l.text).join('')).toBe(LONG_TITLE);
    const lengths = lines.map((l) => [...l.text].length);
    expect(Math.abs(lengths[0]! - lengths[1]!)).toBeLessThanOrEqual(2);
    // centred on the text block (page 1 is odd: 28 mm to 184 mm)
    for (const line of lines) expect(Math.abs((line.xMin + line.xMax) / 2 - 106 * MM)).toBeLessThan(1 * MM);
  });

  it('print the unit under the title when the periodical asks for it', () => {
    const lines = allLines();
    const title = lines.findIndex((l) => l.text.startsWith('图片测试'));
    expect(lines[title + 1]?.text).toBe('（市统计局）');
  });
});

describe('tables', () => {
  it('repeat the header row on every page they run over', () => {
    const lines = allLines();
    const headerPages = lines.filter((l) => l.text.includes('金额（万元）')).map((l) => l.page);
    const bodyPages = [...new Set(lines.filter((l) => /^第\d+单位/.test(l.text)).map((l) => l.page))];
    expect(bodyPages.length).toBeGreaterThan(1);
    for (const page of bodyPages) expect(headerPages).toContain(page);
  });

  it('align numeric columns to the right', () => {
    const amounts = words.filter((w) => /^\d+\.\d\d$/.test(w.text) && w.page === words.find((x) => x.text === '12.00')!.page);
    expect(amounts.length).toBeGreaterThan(5);
    const rights = amounts.map((w) => w.xMax);
    expect(Math.max(...rights) - Math.min(...rights)).toBeLessThan(1);
    const lefts = amounts.map((w) => w.xMin);
    expect(Math.max(...lefts) - Math.min(...lefts)).toBeGreaterThan(5); // different widths, same right edge
  });
});

describe('images', () => {
  it('scale to the text block width, with their caption under them', () => {
    const list = execFileSync('pdfimages', ['-list', output], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(list.length).toBe(1);
    // page num type width height color comp bpc enc interp object ID x-ppi …
    const columns = list[0]!.trim().split(/\s+/);
    const [width, xppi] = [columns[3], columns[12]];
    const widthPt = (Number(width) / Number(xppi)) * 72;
    expect(widthPt).toBeLessThanOrEqual(156 * MM + 1);
    expect(widthPt).toBeGreaterThan(150 * MM);
    expect(pdfText(output).replace(/\s+/g, '')).toContain('全市粮食产量示意');
  });
});

describe('the classification', () => {
  it('prints top left on the first line of the text block, in 黑体', () => {
    const mark = words.find((w) => w.page === 1 && w.text.startsWith('秘密'));
    expect(mark).toBeDefined();
    expect(Math.abs(mark!.xMin - 28 * MM)).toBeLessThan(1 * MM);
    expect(mark!.yMin).toBeLessThan(37 * MM + 28.95);
    const fonts = execFileSync('pdffonts', ['-f', '1', '-l', '1', output], { encoding: 'utf8' });
    expect(fonts).toMatch(/FandolHei|SimHei|Heiti/);
  });
});
