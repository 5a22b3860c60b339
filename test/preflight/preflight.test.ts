// Preflight against real PDFs: the pipeline's own output passes; PDFs made wrong on purpose
// (with Chromium or pdf-lib) fail, each for its own reason.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { preflightPdf } from '../../src/preflight/preflight-pdf.ts';
import { printPdf } from '../../src/print/print-pdf.ts';
import { withBrowser } from '../../src/print/with-browser.ts';
import { runCli } from '../helpers/cli.ts';
import { minimalWorkspace, tempDir } from '../helpers/workspace.ts';

const FANDOL_OTF = '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf';
let dir: string;
let good: string;

beforeAll(async () => {
  dir = await tempDir();
  const ws = await minimalWorkspace();
  good = path.join(dir, 'good.pdf');
  const built = await runCli(['build', 'issues/sr-1.md', '-o', good], ws);
  expect(built.code, built.stderr).toBe(0);
});

async function pdfLibPage(size: [number, number], draw?: (page: ReturnType<PDFDocument['addPage']>, doc: PDFDocument) => Promise<void>) {
  const doc = await PDFDocument.create();
  const page = doc.addPage(size);
  if (draw) await draw(page, doc);
  const file = path.join(dir, `p-${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, await doc.save());
  return file;
}

async function chromiumPdf(html: string) {
  const file = path.join(dir, `c-${Math.random().toString(36).slice(2)}.pdf`);
  await withBrowser(async (browser) => writeFile(file, await printPdf(browser, html, { allow: () => true })));
  return file;
}

describe('bulletin preflight', () => {
  it('passes what bulletin build writes', async () => {
    expect(await preflightPdf(good)).toEqual([]);
    const cli = await runCli(['preflight', good]);
    expect(cli.code).toBe(0);
  });

  it('rejects a page that is not A4, and a page without its number', async () => {
    const file = await pdfLibPage([612, 792]);
    const messages = (await preflightPdf(file)).map((p) => p.message);
    expect(messages).toContain('页面尺寸为 216×279 毫米，不是 A4（210×297 毫米）');
    expect(messages).toContain('缺少页码');
    const cli = await runCli(['preflight', file]);
    expect(cli.code).toBe(4);
    expect(cli.stdout).toContain(`${file}: 第1页：缺少页码`);
  });

  it('rejects a font that is not embedded, and text outside the text block', async () => {
    const file = await pdfLibPage([595.28, 841.89], async (page, doc) => {
      const font = await doc.embedFont(StandardFonts.Helvetica);
      page.drawText('outside', { x: 10, y: 820, size: 12, font });
    });
    const messages = (await preflightPdf(file)).map((p) => p.message);
    expect(messages).toContain('字体 Helvetica 没有嵌入');
    expect(messages).toContain('有文字超出版心：“outside”');
  });

  it('rejects a Type 3 font, which Chromium makes of a CFF font', async () => {
    const file = await chromiumPdf(
      `<style>@font-face{font-family:C;src:url("file://${FANDOL_OTF}")} @page{size:A4;margin:37mm 26mm 35mm 28mm} body{font:16pt C;margin:0}</style><p>仿宋字体</p>`,
    );
    const problems = await preflightPdf(file);
    expect(problems.some((p) => p.message.endsWith('是 Type 3 字体，印刷厂会拒收'))).toBe(true);
  });

  it('finds a character printed as an empty box', async () => {
    const file = await chromiumPdf(
      `<style>@page{size:A4;margin:37mm 26mm 35mm 28mm} body{font:16pt serif;margin:0}</style><p>缺字\u{31350}测试</p>`,
    );
    const problems = await preflightPdf(file);
    expect(problems).toContainEqual({ page: 1, message: '有字符在所有字体中都没有字形，印出来是空框' });
  });
});

describe('characters without a glyph', () => {
  it('stop the build before printing, naming the character, file and line', async () => {
    const ws = await minimalWorkspace({
      'items/a.md': '---\ntitle: 测试\nunit: 单位\ndate: 2026-11-01\n---\n第一段。\n\n缺字\u{31350}测试。\n',
    });
    const output = path.join(ws, 'out.pdf');
    const result = await runCli(['build', 'issues/sr-1.md', '-o', output], ws);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('items/a.md:8: 字符“\u{31350}”（U+31350）在所有可用字体中都没有字形');
  });
});

describe('a closing mark at the end of a line', () => {
  it('is not taken for text outside the text block (Chromium sets it at half width there)', async () => {
    const body = '近期，市市场监管局围绕特种设备安全开展专题调研，采取实地走访、座谈交流、问卷调查等方式，深入18个乡镇（街道）84个村（社区）了解情况。';
    const ws = await minimalWorkspace({ 'items/a.md': `---\ntitle: 标题\nunit: 单位\ndate: 2026-11-01\n---\n${body}\n` });
    const output = path.join(ws, 'out.pdf');
    const result = await runCli(['build', 'issues/sr-1.md', '-o', output], ws);
    expect(result.code, result.stderr).toBe(0);
    expect(await preflightPdf(output)).toEqual([]);
  });
});
