/**
 * The limit: how fast the HTML our pipeline makes can be printed at all on this machine.
 *
 * Untimed: opens the workspace and renders every issue to HTML with issueToHtml (the
 * pipeline's own first stages), writing the pages to a temp folder. Timed: one Chromium
 * (launched by the pipeline's own launchBrowser, so the same binary and flags), a pool of
 * os.availableParallelism() pages, each taking the next issue until none is left and
 * printing it as printPdf does (JavaScript off, every request through the same vetting,
 * vetRequests, that here lets everything through, the same page.pdf options), writing each PDF.
 * Nothing else: no post-processing, no preflight, no cache.
 *
 *   node --import tsx bench/print-limit.ts --root WORKSPACE --out DIR
 *
 * Prints one JSON line: { issues, poolSize, htmlSeconds, launchSeconds, printSeconds }.
 * printSeconds (launch included) is the limit's wall time.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { issueToHtml, prepareBuild } from '../src/build-issue.ts';
import { listMarkdown } from '../src/load/load-workspace.ts';
import { closeBrowser, launchBrowser } from '../src/print/with-browser.ts';
import { PDF_OPTIONS, vetRequests } from '../src/print/print-pdf.ts';
import { openWorkspace } from '../src/workspace.ts';

const args = process.argv.slice(2);
const option = (name: string): string => {
  const at = args.indexOf(name);
  if (at < 0 || !args[at + 1]) throw new Error(`usage: print-limit.ts --root WORKSPACE --out DIR (missing ${name})`);
  return path.resolve(args[at + 1]!);
};
const root = option('--root');
const outDir = option('--out');
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;

// Untimed: the pipeline's stages before the browser, for every issue.
const htmlStarted = process.hrtime.bigint();
const workspace = await openWorkspace(root);
const context = await prepareBuild(workspace);
const jobs: Array<{ url: string; pdf: string }> = [];
await mkdir(path.join(outDir, 'html'), { recursive: true });
for (const file of await listMarkdown(workspace.paths.issues)) {
  const { html } = await issueToHtml(context, file);
  const name = path.relative(workspace.paths.issues, file).replace(/[\\/]/g, '__').replace(/\.md$/, '');
  const htmlFile = path.join(outDir, 'html', `${name}.html`);
  await writeFile(htmlFile, html);
  jobs.push({ url: pathToFileURL(htmlFile).href, pdf: path.join(outDir, `${name}.pdf`) });
}
const htmlSeconds = seconds(htmlStarted);

// Timed: launch, pool, print, write.
const started = process.hrtime.bigint();
const browser = await launchBrowser();
const poolSize = Math.max(1, Math.min(os.availableParallelism(), jobs.length));
const pool = await Promise.all(Array.from({ length: poolSize }, () => openPage()));
const launchSeconds = seconds(started);
let next = 0;
try {
  await Promise.all(
    pool.map(async (page) => {
      for (let job = jobs[next++]; job; job = jobs[next++]) {
        await page.goto(job.url, { waitUntil: 'load', timeout: 60_000 });
        const pdf = await page.pdf({ ...PDF_OPTIONS, timeout: 60_000 });
        await writeFile(job.pdf, pdf);
      }
    }),
  );
} finally {
  await closeBrowser(browser);
}
const printSeconds = seconds(started);
process.stdout.write(`${JSON.stringify({ issues: jobs.length, poolSize, htmlSeconds, launchSeconds, printSeconds })}\n`);

async function openPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await vetRequests(page, () => true);
  return page;
}
