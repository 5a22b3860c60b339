// `bulletin preview` end to end: the preview runs in-process on a copy of the sample
// workspace, a real Chromium looks at it as an editor's browser would, and the test edits
// the files on disk and waits for the page to follow.
import http from 'node:http';
import { readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type Preview } from '../../src/preview/start-preview.ts';
import { runCli } from '../helpers/cli.ts';
import { pdfInfo } from '../helpers/pdf.ts';
import { copySampleWorkspace, tempDir } from '../helpers/workspace.ts';

const ISSUE = 'issues/2026/work-dynamics-2026-041.md';
const ITEM = 'items/2026/11/grain-output.md';
const IMAGE = 'items/2026/11/img/grain-output.svg';

let dir: string;
let out: string;
let issueText: string;
let expectedPages: number;
let preview: Preview | undefined;
let browser: Browser | undefined;
let page: Page;

/** What the editor sees: the page images' addresses, and the error box's text if any. */
async function shown(): Promise<{ images: string[]; loaded: boolean; error: string | null; title: string; status: string }> {
  return page.evaluate(() => {
    const images = Array.from(document.querySelectorAll<HTMLImageElement>('#view img.page'));
    return {
      images: images.map((img) => img.getAttribute('src') ?? ''),
      loaded: images.every((img) => img.complete && img.naturalWidth > 0),
      error: document.querySelector('#view .errors')?.textContent ?? null,
      title: document.title,
      status: document.getElementById('status')?.textContent ?? '',
    };
  });
}

/** Polls the page until `ready` holds, for at most 15 s (a rebuild takes a few seconds). */
async function waitUntil(ready: (state: Awaited<ReturnType<typeof shown>>) => boolean) {
  const deadline = Date.now() + 15_000;
  let state = await shown();
  while (!ready(state)) {
    if (Date.now() > deadline) throw new Error(`the preview page did not change in time; it shows ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    state = await shown();
  }
  return state;
}

const pagesShown = (state: Awaited<ReturnType<typeof shown>>) => state.images.length === expectedPages && state.loaded && state.error === null;

/** GET with the path sent exactly as written (no normalising of `..`), for the status code. */
function statusOf(rawPath: string, headers: Record<string, string> = {}): Promise<number> {
  const { hostname, port } = new URL(preview!.url);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path: rawPath, headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  dir = await copySampleWorkspace();
  out = await tempDir();
  issueText = await readFile(path.join(dir, ISSUE), 'utf8');
  // The page count to expect, from the same issue built by the real `bulletin build`.
  const expected = path.join(out, 'expected.pdf');
  const build = await runCli(['build', ISSUE, '-o', expected], dir);
  expect(build.code, build.stderr).toBe(0);
  expectedPages = Number(pdfInfo(expected).Pages);
  expect(expectedPages).toBeGreaterThan(1);

  preview = await startPreview({ root: dir, issue: path.join(dir, ISSUE) });
  browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    headless: true,
  });
  page = await browser.newPage();
  await page.goto(preview.url);
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  await rm(dir, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('bulletin preview', () => {
  it('listens on 127.0.0.1 only', () => {
    const address = preview!.server.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect(preview!.url).toBe(`http://127.0.0.1:${address.port}/`);
  });

  it('shows every printed page as an image, titled with the issue', async () => {
    const state = await waitUntil(pagesShown);
    expect(state.images).toEqual(Array.from({ length: expectedPages }, (_, i) => `/page/1/${i + 1}.png`));
    expect(state.title).toBe('预览：云川工作动态 2026年第41期');
    expect(state.status).toMatch(/^已更新 \d{2}:\d{2}:\d{2}$/);
  });

  it('shows a new version after an item is saved', async () => {
    const before = (await shown()).images;
    const file = path.join(dir, ITEM);
    const text = await readFile(file, 'utf8');
    expect(text).toContain('创历史新高，');
    await writeFile(file, text.replace('创历史新高，', '再创新高，'));
    const after = await waitUntil((s) => pagesShown(s) && s.images[0] !== before[0]);
    expect(after.images[0]).toMatch(/^\/page\/\d+\/1\.png$/);
  });

  it('shows a new version after an image of an item changes', async () => {
    const before = (await shown()).images;
    const file = path.join(dir, IMAGE);
    await writeFile(file, (await readFile(file, 'utf8')).replace('fill="#ffffff"', 'fill="#fafafa"'));
    await waitUntil((s) => pagesShown(s) && s.images[0] !== before[0]);
  });

  it('shows the validation error, with file and line, instead of the pages', async () => {
    await writeFile(path.join(dir, ISSUE), issueText.replace('date: 2026-11-20', 'date: 2026-13-45'));
    const state = await waitUntil((s) => s.error !== null);
    expect(state.images).toEqual([]);
    expect(state.error).toContain('无法编排：');
    expect(state.error).toMatch(/issues\/2026\/work-dynamics-2026-041\.md:\d+: 字段 date：.*2026-13-45/);
  });

  it('shows what the editor wrote as text, never as markup', async () => {
    await writeFile(path.join(dir, ISSUE), issueText.replace('publication: work-dynamics', 'publication: "<b>x</b>"'));
    const state = await waitUntil((s) => s.error?.includes('<b>x</b>') ?? false);
    expect(state.error).toContain('未知的刊物“<b>x</b>”');
    expect(await page.$('#view .errors b')).toBeNull();
  });

  it('shows the pages again once the issue is fixed', async () => {
    await writeFile(path.join(dir, ISSUE), issueText);
    await waitUntil(pagesShown);
  });

  it('serves its own routes and nothing else', async () => {
    for (const rawPath of ['/../../etc/passwd', '/items/2026/11/grain-output.md', `/${ISSUE}`, '/bulletin.config.yml', '/page/1/../../../etc/passwd', '/page/99999/1.png']) {
      expect(await statusOf(rawPath), rawPath).toBe(404);
    }
    expect(await statusOf('/')).toBe(200);
    expect(await statusOf('/version')).toBe(200);
    // A request for another host name that resolves here (DNS rebinding) is refused.
    expect(await statusOf('/', { Host: 'attacker.example' })).toBe(403);
  });
});
