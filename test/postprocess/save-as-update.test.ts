// Saving the post-processed PDF as an incremental update to what Chromium printed: the
// same document as a full save, object by object for pdf-lib, and page by page for poppler
// (which reads the file through its cross-reference tables, as printers' software does).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, PDFRef, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueToHtml, prepareBuild, printIssue } from '../../src/build-issue.ts';
import { postprocessDocument } from '../../src/postprocess/postprocess-pdf.ts';
import { saveAsUpdate, savePdf } from '../../src/postprocess/save-pdf.ts';
import { withBrowser } from '../../src/print/with-browser.ts';
import { openWorkspace } from '../../src/workspace.ts';
import { pdfInfo, pdfText } from '../helpers/pdf.ts';
import { REPO, tempDir } from '../helpers/workspace.ts';

const META = { title: '信息专报', author: '市委办公室', subject: '信息专报：测试', keywords: ['信息专报', '第7期'], creator: 'bulletin', date: new Date('2026-03-02T00:00:00Z') };
const ISSUES = { 'special-report-2026-007': true, 'work-dynamics-2026-041': false };
let dir: string;
const printed = new Map<string, Uint8Array>();

beforeAll(async () => {
  dir = await tempDir();
  const workspace = await openWorkspace(REPO);
  const context = await prepareBuild(workspace);
  await withBrowser(async (browser) => {
    for (const name of Object.keys(ISSUES)) {
      const prepared = await issueToHtml(context, path.join(REPO, 'issues/2026', `${name}.md`));
      printed.set(name, await printIssue(browser, prepared));
    }
  });
});

/** Both saves of the same post-processing of `name`, written to files. */
async function bothSaves(name: keyof typeof ISSUES) {
  const bytes = printed.get(name)!;
  const postprocess = () => postprocessDocument(bytes, META, { hasTail: ISSUES[name] });
  const full = await savePdf(await postprocess());
  const update = await saveAsUpdate(bytes, await postprocess());
  const files = { full: path.join(dir, `${name}-full.pdf`), update: path.join(dir, `${name}-update.pdf`) };
  await writeFile(files.full, full);
  await writeFile(files.update, update);
  return { bytes, full, update, files };
}

/** The cross-reference entries the update appended: object number → offset. */
function appendedEntries(file: Uint8Array, from: number): Map<number, number> {
  const text = Buffer.from(file).toString('latin1', from);
  const section = text.slice(text.indexOf('xref\n') + 5, text.indexOf('trailer'));
  const entries = new Map<number, number>();
  let number = 0;
  for (const line of section.split(/\r?\n/).filter(Boolean)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length === 2) number = Number(fields[0]);
    else entries.set(number++, Number(fields[0]));
  }
  return entries;
}

describe('saving as an incremental update', () => {
  it.each(Object.keys(ISSUES) as Array<keyof typeof ISSUES>)('keeps what Chromium printed of %s, its dates settled, and appends only a few objects', async (name) => {
    const { bytes, update } = await bothSaves(name);
    // Byte for byte but for the dates Chromium gave its (superseded) document information:
    // the time it printed, which would make every rebuild differ.
    const settled = (b: Uint8Array) => Buffer.from(b).toString('latin1').replace(/\(D:[^)]*\) */g, 'DATE');
    expect(settled(update.subarray(0, bytes.length))).toBe(settled(bytes));
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/\(D:\d{14}/);
    const outsideStreams = Buffer.from(update).toString('latin1').replace(/stream\r?\n[^]*?endstream/g, '');
    const dates = outsideStreams.match(/\(D:[^)]*\)/g)!;
    expect(new Set(dates)).toEqual(new Set(['(D:20260302000000Z)']));
    const entries = appendedEntries(update, bytes.length);
    expect(entries.size).toBeGreaterThan(2); // catalog, document information, pages at least
    // Chromium's fonts, images and content streams are not written again: what is appended
    // again of its objects is dictionaries, and the whole update is a few kilobytes.
    const size = Number(/\/Size (\d+)/.exec(Buffer.from(bytes).toString('latin1', bytes.length - 300))![1]);
    const text = Buffer.from(update).toString('latin1');
    for (const [number, offset] of entries) {
      // Every entry points at its object.
      expect(text.slice(offset, offset + 20)).toMatch(new RegExp(`^${number} 0 obj\\n`));
      const object = text.slice(offset, text.indexOf('endobj', offset));
      if (number < size) expect(object, `object ${number}`).not.toContain('stream');
    }
    expect(update.length - bytes.length).toBeLessThan(8_000);
    const trailer = Buffer.from(update).toString('latin1', update.length - 300);
    expect(trailer).toMatch(/\/Prev \d+/);
    expect(trailer).toMatch(/%%EOF\n$/);
  });

  it.each(Object.keys(ISSUES) as Array<keyof typeof ISSUES>)('gives the document a full save gives, object by object (%s)', async (name) => {
    const { full, update } = await bothSaves(name);
    const [a, b] = await Promise.all([PDFDocument.load(full, { updateMetadata: false }), PDFDocument.load(update, { updateMetadata: false })]);
    const objects = a.context.enumerateIndirectObjects();
    expect(objects.length).toBeGreaterThan(20);
    for (const [ref, object] of objects) {
      expect(b.context.lookup(PDFRef.of(ref.objectNumber, ref.generationNumber))?.toString(), `object ${ref.objectNumber}`).toBe(object.toString());
    }
    expect(b.getPageCount()).toBe(a.getPageCount());
  });

  it.each(Object.keys(ISSUES) as Array<keyof typeof ISSUES>)('reads the same in poppler: metadata, text and every page rendered (%s)', async (name) => {
    const { files } = await bothSaves(name);
    const info = pdfInfo(files.update);
    expect(info.Title).toBe(META.title);
    expect(info.Author).toBe(META.author);
    expect(info.Creator).toBe('bulletin');
    expect(info.Pages).toBe(pdfInfo(files.full).Pages);
    expect(pdfText(files.update)).toBe(pdfText(files.full));
    // Every page, at a resolution where a mark moved by a point shows.
    const render = async (file: string) => {
      const pageDir = await mkdtemp(path.join(dir, 'pages-'));
      execFileSync('pdftoppm', ['-r', '30', '-png', file, path.join(pageDir, 'p')]);
      return Promise.all((await readdir(pageDir)).sort().map((png) => readFile(path.join(pageDir, png))));
    };
    const [updated, saved] = await Promise.all([render(files.update), render(files.full)]);
    expect(updated.length).toBe(Number(info.Pages));
    updated.forEach((png, i) => expect(Buffer.compare(png, saved[i]!), `page ${i + 1}`).toBe(0));
  });

  /** poppler's reading of a file: its text, and what it complained of (a broken table it had to rebuild). */
  const popplerReads = (file: string) => {
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    return { text: text.stdout, complaints: text.stderr + info.stderr };
  };

  it.each([
    ['a trailer whose /Size counts objects past the last one', (text: string) => text.replace(/\/Size (\d+)(?=[^]*startxref)/, (_, n: string) => `/Size ${Number(n) + 1}`)],
    ['no line end after %%EOF', (text: string) => text.replace(/\n$/, '')],
  ])('appends what a full save has, to %s', async (_, edit) => {
    const original = printed.get('special-report-2026-007')!;
    const bytes = Buffer.from(edit(Buffer.from(original).toString('latin1')), 'latin1');
    expect(bytes.equals(Buffer.from(original))).toBe(false);
    const postprocess = () => postprocessDocument(bytes, META, { hasTail: true });
    const files = { full: path.join(dir, 'edited-full.pdf'), update: path.join(dir, 'edited-update.pdf') };
    await writeFile(files.full, await savePdf(await postprocess()));
    const update = await saveAsUpdate(bytes, await postprocess());
    expect(Buffer.from(update).includes(Buffer.from('/Prev'))).toBe(true);
    await writeFile(files.update, update);
    const [full, appended] = [popplerReads(files.full), popplerReads(files.update)];
    expect(appended.complaints).toBe('');
    expect(appended.text).toBe(full.text);
    expect(appended.text).toContain('（共印 40 份）'); // the tail, drawn from the form the update adds
  });

  it('reads without complaint in poppler, which would rebuild a broken table silently', async () => {
    for (const name of Object.keys(ISSUES) as Array<keyof typeof ISSUES>) {
      const { files } = await bothSaves(name);
      expect(popplerReads(files.update).complaints, name).toBe('');
    }
  });

  it('saves in full a PDF whose dates it could not settle in place', async () => {
    const original = Buffer.from(printed.get('work-dynamics-2026-041')!).toString('latin1');
    // The same length as a hex string: the offsets stay right, the date is not one it rewrites.
    const hexDates = original.replace(/(\/CreationDate )\(D:[^)]*\)/, (whole, key: string) => `${key}<${'4'.repeat(whole.length - key.length - 2)}>`);
    expect(hexDates).not.toBe(original);
    const bytes = Buffer.from(hexDates, 'latin1');
    const saved = await saveAsUpdate(bytes, await postprocessDocument(bytes, META, { hasTail: false }));
    expect(Buffer.from(saved).includes(Buffer.from('/Prev'))).toBe(false);
    expect(Buffer.from(saved).toString('latin1', 0, 9)).toBe('%PDF-1.7\n');
  });

  it('saves in full a PDF whose cross-references are a stream, which it does not append to', async () => {
    const made = await PDFDocument.create();
    const font = await made.embedFont(StandardFonts.Helvetica);
    made.addPage([595, 842]).drawText('ONE', { x: 100, y: 700, size: 12, font });
    const streamed = await made.save({ useObjectStreams: true });
    const doc = await postprocessDocument(streamed, META, { hasTail: false });
    const saved = await saveAsUpdate(streamed, doc);
    expect(Buffer.from(saved).toString('latin1', 0, 9)).toBe('%PDF-1.7\n');
    expect(Buffer.from(saved).includes(Buffer.from('/Prev'))).toBe(false);
    const file = path.join(dir, 'streamed.pdf');
    await writeFile(file, saved);
    expect(pdfInfo(file).Title).toBe(META.title);
    expect(pdfText(file)).toContain('ONE');
  });
});
