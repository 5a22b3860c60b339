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
    'items/county.md': item(
      { title: '各区县主要经济指标', unit: '市发展改革委', date: '2026-11-01' },
      `前三季度各区县主要经济指标如下：\n\n| 地区 | 地区生产总值（亿元） | 同比增长 | 占全市比重 | 规上工业增加值增速 |\n| :--- | ---: | ---: | ---: | ---: |\n| 全市 | 2058.12 | 6.0% | 100.00% | 5.8% |\n| 云川高新区 | 397.58 | 7.9% | 19.32% | 8.1% |\n`,
    ),
    'items/marks.md': item(
      { title: '标点测试', unit: '市委办公室', date: '2026-11-01' },
      [
        '甲。”（乙',
        '甲丙丁戊己',
        'Government',
        `全市上线“一网通办”平台，详情见 https://www.yunchuan.gov.cn/zwgk/xxgk/2026/11/notice-on-the-integrated-online-government-service-platform.html 网站，英文名称为 Integrated Online Government Service Platform of Yunchuan City，群众反映良好。`,
      ].join('\n\n'),
    ),
    'items/image.md': item({ title: '图片测试', unit: '市统计局', date: '2026-11-01' }, '见下图。\n\n![全市粮食产量示意](big.png)\n'),
    'issues/wd.md':
      '---\npublication: work-dynamics\nnumber: 5\ndate: 2026-11-02\nclassification: 秘密★1年\nitems:\n  - items/title.md\n  - items/table.md\n  - items/county.md\n  - items/marks.md\n  - items/image.md\n---\n',
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

  it('keep short labels and numbers on one line, and break a header with a unit before its bracket', () => {
    const lines = allLines().map((l) => l.text);
    // Chromium's table layout used to squeeze every column: 同比增/长, 占全市比/重, 云川高新/区
    for (const label of ['同比增长', '占全市比重', '云川高新区', '100.00%', '地区生产总值']) {
      expect(lines.some((l) => l.includes(label)), label).toBe(true);
    }
    expect(lines.some((l) => l.includes('（亿元）'))).toBe(true);
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

describe('Chinese typography', () => {
  it('compresses two marks in a row: 。”（ take two characters’ room, not three', () => {
    const lines = allLines();
    const marks = lines.find((l) => l.text === '甲。”（乙')!;
    const plain = lines.find((l) => l.text === '甲丙丁戊己')!;
    expect(marks).toBeDefined();
    const char = (plain.xMax - plain.xMin) / 5;
    expect(marks.xMax - marks.xMin).toBeLessThan(4.2 * char);
    expect(marks.xMax - marks.xMin).toBeGreaterThan(3.8 * char);
  });

  it('never starts a line with closing punctuation, nor ends one with an opening mark', () => {
    for (const line of allLines().filter((l) => l.centre < (37 + 225) * MM)) {
      expect(line.text, line.text).not.toMatch(/^[，。、；：？！）》”’]/);
      expect(line.text, line.text).not.toMatch(/[（《“‘]$/);
    }
  });

  it('sets Latin words and a URL without stretching a line into gaps wider than a character', () => {
    const lines = allLines().filter((l) => l.page === words.find((w) => w.text.includes('Integrated'))!.page);
    const onPage = words.filter((w) => w.page === lines[0]!.page);
    let checked = 0;
    for (const line of lines) {
      const inLine = onPage.filter((w) => Math.abs((w.yMin + w.yMax) / 2 - line.centre) < 6).sort((a, b) => a.xMin - b.xMin);
      if (!inLine.some((w) => /[A-Za-z]/.test(w.text))) continue;
      checked++;
      for (let i = 1; i < inLine.length; i++) expect(inLine[i]!.xMin - inLine[i - 1]!.xMax, line.text).toBeLessThan(16);
    }
    expect(checked).toBeGreaterThanOrEqual(3);
    // and the slack never goes inside a Latin word: in a justified line it is as wide as
    // alone on a line of its own, which is not justified
    const government = words.filter((w) => w.text === 'Government').map((w) => w.xMax - w.xMin);
    expect(government.length).toBe(2);
    expect(Math.abs(government[0]! - government[1]!)).toBeLessThan(0.5);
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

describe('the editor’s note', () => {
  it('prints 编者按： once when the editor typed it too, and not at all for a blank note', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'bulletin.config.yml': MINIMAL_CONFIG,
      'items/a.md': item({ title: '标题', unit: '单位', date: '2026-11-01' }, '正文。'),
      'issues/typed.md': '---\npublication: special-report\nnumber: 1\ndate: 2026-11-02\nitems:\n  - items/a.md\n---\n编者按：现将有关情况刊发。\n',
      'issues/blank.md': '---\npublication: special-report\nnumber: 2\ndate: 2026-11-03\nitems:\n  - items/a.md\n---\n\u3000\n',
    });
    const result = await runCli(['build', '--out', path.join(dir, 'out')], dir);
    expect(result.code, result.stderr).toBe(0);
    const typed = pdfText(path.join(dir, 'out', 'typed.pdf')).replace(/\s+/g, '');
    expect(typed).toContain('编者按：现将有关情况刊发。');
    expect(typed.split('编者按').length - 1).toBe(1);
    expect(pdfText(path.join(dir, 'out', 'blank.pdf'))).not.toContain('编者按');
  });
});

/**
 * A workspace of one 工作动态 issue with one item of `body` (and `files` besides, which may
 * replace the config), and how to build it to wd.pdf.
 */
async function oneItemIssue(body: string, files: Record<string, string> = {}) {
  const dir = await tempDir();
  await writeFiles(dir, {
    'bulletin.config.yml': MINIMAL_CONFIG,
    'items/a.md': item({ title: '测试', unit: '市委办公室', date: '2026-11-01' }, body),
    'issues/wd.md': '---\npublication: work-dynamics\nnumber: 6\ndate: 2026-11-02\nitems:\n  - items/a.md\n---\n',
    ...files,
  });
  const output = path.join(dir, 'wd.pdf');
  return { dir, output, build: (...options: string[]) => runCli(['build', 'issues/wd.md', '-o', output, ...options], dir) };
}

describe('images side by side in a table', () => {
  it('share the text block, and the issue keeps its sizes: Chromium shrinks every page to fit anything wider', async () => {
    const { dir, output, build } = await oneItemIssue('正文一段。\n\n| 甲图 | 乙图 |\n| --- | --- |\n| ![甲](a.png) | ![乙](a.png) |\n');
    await writeFile(path.join(dir, 'items', 'a.png'), solidPng(3000, 1500)); // each as wide as the text block
    const result = await build();
    expect(result.code, result.stderr).toBe(0);
    const line = pdfWords(output).filter((w) => w.text === '正文一段。');
    expect(line).toHaveLength(1);
    expect(line[0]!.yMax - line[0]!.yMin).toBeGreaterThan(15.5); // 3号 (16 pt), not shrunk to half
    const list = execFileSync('pdfimages', ['-list', output], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    const widths = list.map((row) => {
      const columns = row.trim().split(/\s+/);
      return (Number(columns[3]) / Number(columns[12])) * 72;
    });
    expect(widths).toHaveLength(2);
    expect(widths[0]! + widths[1]!).toBeLessThanOrEqual(156 * MM);
  });
});

describe('a footnote mark', () => {
  it('stays with its character at the end of a full line, and the issue is printed at its size', async () => {
    // the mark falls after the 28th character of the paragraph's second line
    const { output, build } = await oneItemIssue('近年来，我市普惠金融工作总体呈现稳中有进、进中向好的态势，但与高质量发展的要求相比，仍存在一些不容忽视的问题[^1]。\n\n[^1]: 数据来源于市统计局。\n');
    const result = await build();
    expect(result.code, result.stderr).toBe(0);
    const lines = linesOf(pdfWords(output), 1);
    expect(lines.some((l) => l.text.startsWith('题1。'))).toBe(true);
    // A full line spans the text block: Chromium had kept 题¹。 on the line, past the block,
    // and printed the whole issue at 99.7 % to fit it.
    const full = lines.find((l) => l.text.startsWith('态势，'))!;
    expect(Math.abs(full.xMax - full.xMin - 156 * MM)).toBeLessThan(1); // 0.5 pt over now, 1.2 pt short shrunk
  });
});

describe('something wider than the text block', () => {
  it('is refused by preflight: Chromium prints it by shrinking the whole page, with nothing outside the block', async () => {
    // A workspace's own template may set anything; here a line that cannot break.
    const wide = '这一行文字不能换行'.repeat(6);
    const { output, build } = await oneItemIssue('正文一段。', {
      'bulletin.config.yml': MINIMAL_CONFIG.replace('    template: work-dynamics\n', '    template: wide\n'),
      'templates/wide/issue.hbs': `{{#> document}}\n{{> masthead}}\n<p style="white-space: nowrap">${wide}</p>\n{{#each items}}\n{{> item}}\n{{/each}}\n{{> tail}}\n{{/document}}\n`,
    });
    const refused = await build();
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/第1页：整页被缩小到 \d+\.\d% 印出/);
    expect(refused.stderr).not.toContain('超出版心：'); // nothing stands outside: only the scale tells
    // kept for a look with --no-preflight: the body is smaller than 3号 indeed
    const kept = await build('--no-preflight');
    expect(kept.code, kept.stderr).toBe(0);
    const line = pdfWords(output).find((w) => w.text === '正文一段。')!;
    expect(line.yMax - line.yMin).toBeLessThan(15);
  });
});
