// End to end: the repository's own sample workspace built by the real CLI with real
// Chromium, and the PDFs read back with poppler's tools.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { linesOf } from '../helpers/layout.ts';
import { pdfFonts, pdfInfo, pdfText, pdfWords } from '../helpers/pdf.ts';
import { REPO, tempDir } from '../helpers/workspace.ts';

let out: string;
let build: CliResult;
const pdf = (name: string) => path.join(out, '2026', name);
/** pdftotext puts line breaks and spaces where the layout wraps; compare without them. */
const flat = (file: string, first?: number, last?: number) => pdfText(file, { first, last }).replace(/\s+/g, '');

beforeAll(async () => {
  out = await tempDir();
  build = await runCli(['build', '--out', out], REPO);
});

describe('bulletin build on the sample workspace', () => {
  it('builds every issue and prints the path of each PDF', () => {
    expect(build.stderr).not.toMatch(/内部错误|Error/);
    expect(build.code).toBe(0);
    const printed = build.stdout.trim().split('\n').sort();
    expect(printed).toEqual(
      ['special-report-2026-007.pdf', 'special-report-2026-008.pdf', 'work-dynamics-2026-041.pdf'].map((n) => pdf(n)),
    );
    for (const file of printed) expect(existsSync(file)).toBe(true);
  });

  it('prints A4 pages and the metadata the archive relies on', () => {
    const info = pdfInfo(pdf('special-report-2026-007.pdf'));
    expect(info['Page size']).toMatch(/^594\.9\d x 841\.9\d pts \(A4\)/);
    expect(info.Title).toBe('信息专报 2026年第7期');
    expect(info.Author).toBe('中共云川市委办公室');
    expect(info.Subject).toContain('关于我市发展壮大新型农村集体经济的调研报告');
    expect(info.Keywords).toContain('总第131期');
    expect(info.Creator).toMatch(/^bulletin \d+\.\d+\.\d+$/);
    expect(info.CreationDate).toMatch(/^2026-11-18/);
    // the long research piece runs over more than three pages
    expect(Number(info.Pages)).toBeGreaterThan(3);
  });

  it('prints the masthead, editor’s note, item and tail of the special report', () => {
    const text = flat(pdf('special-report-2026-007.pdf'));
    for (const expected of [
      '内部资料注意保存',
      '信息专报',
      '第7期（总第131期）',
      '中共云川市委办公室编',
      '2026年11月18日',
      '编者按：',
      '关于我市发展壮大新型农村集体经济的调研报告',
      '（市农业农村局刘䶮孙建国马晓琳）',
      '一、全市新型农村集体经济发展的基本情况',
      '报：省委办公厅',
      '责任编辑：王芳',
      '签发：赵强',
      '（共印40份）',
      '—1—',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('breaks a title where the editor marked it with ｜, and nowhere else', () => {
    const lines = linesOf(pdfWords(pdf('special-report-2026-007.pdf')), 1).map((l) => l.text);
    const first = lines.indexOf('关于我市发展壮大新型农村集体经济');
    expect(first).toBeGreaterThan(0);
    expect(lines[first + 1]).toBe('的调研报告');
    expect(flat(pdf('work-dynamics-2026-041.pdf'))).not.toContain('｜');
  });

  it('continues 总第N期 from the previous issue when the issue omits it', () => {
    const text = flat(pdf('special-report-2026-008.pdf'), 1, 1);
    expect(text).toContain('第8期（总第132期）');
    expect(text).toContain('2026年11月21日');
  });

  it('opens the work dynamics with 本期要目 listing every item, each credited to its unit', () => {
    const text = flat(pdf('work-dynamics-2026-041.pdf'));
    const firstPage = flat(pdf('work-dynamics-2026-041.pdf'), 1, 1);
    expect(firstPage).toContain('本期要目');
    const titles = [
      '前三季度全市经济运行总体平稳、稳中有进',
      '今年全市粮食总产量195.8万吨再创历史新高',
      '南岭县推行县乡村“三级联调”推动矛盾纠纷就地化解',
    ];
    for (const title of titles) {
      expect(firstPage).toContain(title);
      // listed in the contents and printed again as the item's title
      expect(text.split(title).length - 1).toBeGreaterThanOrEqual(2);
    }
    expect(text).toContain('（市发展改革委');
    expect(text).toContain('（共印60份）');
    expect(text).toContain('2022—2026年全市粮食产量（万吨）'); // the image's caption
    expect(text).toContain('2058.12'); // a table cell
  });

  it('aligns the wrapped lines of the tail after the colon of 报/送/发', () => {
    const file = pdf('work-dynamics-2026-041.pdf');
    const last = Number(pdfInfo(file).Pages);
    const lines = linesOf(pdfWords(file), last);
    const index = lines.findIndex((l) => l.text.startsWith('发：'));
    expect(index).toBeGreaterThan(0);
    const continuation = lines[index + 1]!;
    expect(continuation.text).not.toMatch(/^(报|送|发)：|共印/);
    // 发： is two characters of 14 pt: the text, and every line it wraps to, starts after them
    expect(Math.abs(continuation.xMin - (lines[index]!.xMin + 28))).toBeLessThan(1);
  });

  it('sets the page numbers in 宋体', () => {
    const names = pdfFonts(pdf('special-report-2026-008.pdf')).map((f) => f.name);
    expect(names.some((n) => /Song|SimSun|宋体/.test(n))).toBe(true);
  });

  it('embeds every font, none of them Type 3', () => {
    for (const name of ['special-report-2026-007.pdf', 'special-report-2026-008.pdf', 'work-dynamics-2026-041.pdf']) {
      const fonts = pdfFonts(pdf(name));
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.embedded, `${name}: ${font.name}`).toBe(true);
        expect(font.type, `${name}: ${font.name}`).not.toBe('Type 3');
      }
    }
  });

  it('prints rare characters of names and places instead of empty boxes', () => {
    const all = ['special-report-2026-007.pdf', 'work-dynamics-2026-041.pdf'].map((n) => flat(pdf(n))).join('');
    expect(all).toContain('刘䶮');
    expect(all).toContain('犇牛村');
  });
});
