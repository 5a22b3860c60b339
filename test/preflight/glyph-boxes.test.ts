// The in-process reader of text positions (what preflight checks the folio and the text
// block with) against poppler's pdftotext, on the sample issues as `bulletin build` writes
// them and on PDFs made wrong on purpose with Chromium.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachOperation, type Operand } from '../../src/preflight/content-tokens.ts';
import { glyphBoxes, parseToUnicode, readPageText } from '../../src/preflight/glyph-boxes.ts';
import { pagesWithMissingGlyphs } from '../../src/preflight/missing-glyphs.ts';
import { listPdfWords } from '../../src/preflight/poppler.ts';
import { preflightLayout } from '../../src/preflight/preflight-pdf.ts';
import { printPdf } from '../../src/print/print-pdf.ts';
import { withBrowser } from '../../src/print/with-browser.ts';
import { issueToHtml, prepareBuild, printIssue } from '../../src/build-issue.ts';
import { postprocessDocument } from '../../src/postprocess/postprocess-pdf.ts';
import { savePdf } from '../../src/postprocess/save-pdf.ts';
import { openWorkspace } from '../../src/workspace.ts';
import { runCli } from '../helpers/cli.ts';
import { REPO, tempDir } from '../helpers/workspace.ts';

let out: string;
const SAMPLES = ['special-report-2026-007.pdf', 'special-report-2026-008.pdf', 'work-dynamics-2026-041.pdf'];
const sample = (name: string) => path.join(out, '2026', name);
const load = async (file: string) => PDFDocument.load(await readFile(file), { updateMetadata: false });

beforeAll(async () => {
  out = await tempDir();
  const built = await runCli(['build', '--out', out], REPO);
  expect(built.code, built.stderr).toBe(0);
});

/** Every word pdftotext finds in `file` starts and ends where a glyph box does, to a fiftieth of a point; returns how many. */
async function expectWordsWherePopplerPutsThem(file: string): Promise<number> {
  const boxes = glyphBoxes(await load(file)).filter((b) => b.text.trim() !== '');
  const words = await listPdfWords(file);
  const near = (a: number, b: number) => Math.abs(a - b) < 0.02;
  for (const word of words) {
    const onPage = boxes.filter((b) => b.page === word.page);
    // poppler boxes a word from its first glyph's origin and font to its last glyph's advance.
    const first = onPage.find((b) => near(b.xMin, word.xMin) && near(b.yMin, word.yMin) && near(b.yMax, word.yMax));
    const last = onPage.find((b) => near(b.xMax, word.xMax) && (b.yMin + b.yMax) / 2 > word.yMin && (b.yMin + b.yMax) / 2 < word.yMax);
    expect(first, `${path.basename(file)} p.${word.page} “${word.text}” starts`).toBeDefined();
    expect(last, `${path.basename(file)} p.${word.page} “${word.text}” ends`).toBeDefined();
  }
  return words.length;
}

describe('glyph boxes', () => {
  it.each(SAMPLES)('put every word of %s where pdftotext does, to a fiftieth of a point', async (name) => {
    expect(await expectWordsWherePopplerPutsThem(sample(name))).toBeGreaterThan(100);
  });

  it('follow the text operators Chromium does not use as pdftotext does: TJ offsets, Tc, Tz, Ts, a scaled Tm, TD, T*', async () => {
    // Chromium draws a glyph per Tj, moved by Td; another producer (or a later Chromium) may not.
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(await readFile('/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf'), { subset: true });
    const page = doc.addPage([595.28, 841.89]);
    const name = page.node.newFontDictionary('F', font.ref).asString();
    const hex = (text: string) => font.encodeText(text).toString();
    page.node.addContentStream(
      doc.context.register(
        doc.context.stream(
          [
            `BT ${name} 14 Tf 1.5 0 0 1.2 72 700 Tm 1.5 Tc 80 Tz 3 Ts`,
            `[${hex('Tight')} -900 ${hex('spaced')} 120 ${hex('words')}] TJ`,
            `0 -30 TD 0 Tc 100 Tz 0 Ts ${hex('信息专报第七期')} Tj`,
            `T* 2 Tc [${hex('折行')} -2000 ${hex('之后')}] TJ ET`,
          ].join('\n'),
        ),
      ),
    );
    const file = path.join(out, 'text-operators.pdf');
    await writeFile(file, await doc.save({ useObjectStreams: false }));
    expect(await expectWordsWherePopplerPutsThem(file)).toBeGreaterThanOrEqual(5);
    expect(readPageText(await load(file)).words.map((w) => w.text).join(' ')).toContain('信息专报第七期');
  });

  it.each(SAMPLES)('read the same text as pdftotext on every page of %s', async (name) => {
    const words = readPageText(await load(sample(name))).words;
    const poppler = await listPdfWords(sample(name));
    const pages = Math.max(...poppler.map((w) => w.page));
    for (let page = 1; page <= pages; page++) {
      const text = (list: Array<{ page: number; text: string }>) =>
        [...list.filter((w) => w.page === page).map((w) => w.text).join('').replace(/\s/g, '')].sort().join('');
      expect(text(words), `page ${page}`).toBe(text(poppler));
    }
  });

  it('see the tail pdf-lib draws onto the last page, before the document is saved', async () => {
    // The build checks the post-processed document in memory: the tail is then a form drawn
    // by a content stream pdf-lib has not written out yet.
    const workspace = await openWorkspace(REPO);
    const prepared = await issueToHtml(await prepareBuild(workspace), path.join(REPO, 'issues/2026/special-report-2026-007.md'));
    const printed = await withBrowser((browser) => printIssue(browser, prepared));
    const doc = await postprocessDocument(printed, { title: 't', author: 'a', subject: 's', keywords: [], creator: 'c', date: new Date(0) }, { hasTail: true });
    const lastPage = (words: Array<{ page: number; text: string }>) => words.filter((w) => w.page === doc.getPageCount()).map((w) => w.text).join('');
    const inMemory = lastPage(readPageText(doc).words);
    expect(inMemory).toContain('发：各区县委办公室');
    expect(inMemory).toContain('（共印40份）');
    expect(inMemory).toBe(lastPage(readPageText(await PDFDocument.load(await savePdf(doc))).words));
  });
});

describe('preflight of the folio and the text block', () => {
  async function chromiumPdf(html: string): Promise<string> {
    const file = path.join(out, `c-${Math.random().toString(36).slice(2)}.pdf`);
    await withBrowser(async (browser) => writeFile(file, await printPdf(browser, html, { allow: () => true })));
    return file;
  }

  it('finds the same problems read in-process as read by pdftotext', async () => {
    const wrong = await chromiumPdf(
      `<style>@page{size:A4;margin:37mm 26mm 35mm 28mm} body{font:16pt serif;margin:0}</style>` +
        `<p>版心里的一段文字。</p><p style="margin-left:-20mm">伸到左边的文字</p><p style="margin-right:-30mm;text-align:right">伸到右边的文字</p>`,
    );
    const files = [...SAMPLES.map(sample), wrong];
    for (const file of files) {
      const doc = await load(file);
      const inProcess = await preflightLayout(doc, file);
      // the scale a page was printed at is known only in-process (poppler does not tell it)
      const shrunk = inProcess.filter((p) => p.message.startsWith('整页被缩小'));
      expect(inProcess.filter((p) => !shrunk.includes(p)), file).toEqual(await preflightLayout(doc, file, 'poppler'));
      if (file === wrong) {
        // text 30 mm past the right margin: Chromium shrank the page to fit it on the paper
        expect(inProcess.map((p) => p.message)).toEqual(['缺少页码', expect.stringMatching(/^整页被缩小到 \d+\.\d% 印出/), expect.stringMatching(/^有文字超出版心：“.*伸到/)]);
      } else {
        expect(inProcess).toEqual([]);
      }
    }
  });
});

describe('empty boxes', () => {
  it('are found by the text pass on the pages the plain scan finds them', async () => {
    const file = path.join(out, 'notdef.pdf');
    const html = `<style>@page{size:A4;margin:37mm 26mm 35mm 28mm} body{font:16pt serif;margin:0}</style><p>第一页</p><p style="break-before:page">缺字\u{31350}测试</p>`;
    await withBrowser(async (browser) => writeFile(file, await printPdf(browser, html, { allow: () => true })));
    const doc = await load(file);
    expect(readPageText(doc).notdefPages).toEqual([2]);
    expect(pagesWithMissingGlyphs(doc)).toEqual([2]);
    expect(readPageText(await load(sample('special-report-2026-007.pdf'))).notdefPages).toEqual([]);
  });
});

describe('content stream tokens', () => {
  const operations = (source: string) => {
    const seen: Array<[string, Operand[]]> = [];
    forEachOperation(Buffer.from(source, 'latin1'), (operator, operands) => seen.push([operator, [...operands]]));
    return seen;
  };
  const bytes = (...values: number[]) => Uint8Array.from(values);

  it('read numbers in every form PDF writes them, and names with # escapes', () => {
    expect(operations('1 -2 +3 .5 -.25 4. 0.125 cm /F#231 12 Tf T*')).toEqual([
      ['cm', [1, -2, 3, 0.5, -0.25, 4, 0.125]],
      ['Tf', [{ name: 'F#1' }, 12]],
      ['T*', []],
    ]);
  });

  it('read literal strings with escapes and nested parentheses, and hex strings with spaces and an odd digit', () => {
    const [[, [literal]], [, [hex]], [, [odd]]] = operations('(a\\(b\\)c (d) \\101\\n\\\\) Tj <00 4 1> Tj <7> Tj');
    expect(Buffer.from(literal as Uint8Array).toString('latin1')).toBe('a(b)c (d) A\n\\');
    expect(hex).toEqual(bytes(0x00, 0x41));
    expect(odd).toEqual(bytes(0x70));
  });

  it('skip comments, and keep arrays and dictionaries in order', () => {
    expect(operations('% a comment Tj\n[<01> -250 <02>] TJ /Span <</ActualText (x)>> BDC')).toEqual([
      ['TJ', [expect.anything(), bytes(1), -250, bytes(2), expect.anything()]],
      ['BDC', [{ name: 'Span' }, expect.anything(), { name: 'ActualText' }, bytes(0x78), expect.anything()]],
    ]);
  });
});

describe('ToUnicode CMaps', () => {
  const cmap = (body: string) => parseToUnicode(Buffer.from(`/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
${body}
endcmap CMapName currentdict /CMap defineresource pop end end`, 'latin1'));

  it('read single codes, ranges counting up, and ranges with a text for each code', () => {
    const map = cmap(`2 beginbfchar
<0003> <0020>
<0069> <6B63>
endbfchar
2 beginbfrange
<0010> <0012> <0041>
<0020> <0021> [<D835DC00> <00660069>]
endbfrange`);
    expect(Object.fromEntries(map)).toEqual({ 3: ' ', 0x69: '正', 0x10: 'A', 0x11: 'B', 0x12: 'C', 0x20: '\u{1D400}', 0x21: 'fi' });
  });

  it('read a text of an odd number of bytes as if led by a zero byte', () => {
    expect(cmap('1 beginbfchar <05> <41> endbfchar').get(5)).toBe('A');
  });
});
