/**
 * The limit: how fast the HTML our pipeline makes can be printed at all on this machine.
 *
 * Its input is made beforehand, untimed, by limit-html.ts. This program then does only what
 * printing needs: one Chromium (launched by the pipeline's own launchBrowser, so the same
 * binary and flags), a pool of os.availableParallelism() pages, each taking the next page
 * until none is left and printing it as printPdf does (JavaScript off, every request through
 * the same vetting, vetRequests, that here lets everything through, the same page.pdf
 * options), writing each PDF. Nothing else: no post-processing, no preflight, no cache.
 *
 *   node --import tsx bench/print-limit.ts --jobs DIR/jobs.json
 *
 * (the bench runs it bundled, through scripts/run-bundle.js and V8's code cache, as the
 * build runs its compiled copy).
 *
 * Its wall time is taken from outside, as the build's is: Node's start and loading Puppeteer
 * count for both. Prints one JSON line: { issues, poolSize, launchSeconds, printSeconds }
 * (printSeconds: from launching Chromium until it is closed after the last PDF, measured inside).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { closeBrowser, launchBrowser } from '../src/print/with-browser.ts';
import { PDF_OPTIONS, vetRequests } from '../src/print/print-pdf.ts';
import { option, type LimitJob } from './limit-jobs.ts';

// Run directly (through tsx); the bench runs the bundle through scripts/run-bundle.js instead.
// (No top-level await: the bundle is a CommonJS script.)
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main(process.argv.slice(2)).then((code) => (process.exitCode = code));

/** Prints every job; resolves to the exit code. */
export async function main(args: string[]): Promise<number> {
  const jobs = JSON.parse(await readFile(option(args, '--jobs'), 'utf8')) as LimitJob[];
  const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
  for (const dir of new Set(jobs.map((job) => path.dirname(job.pdf)))) await mkdir(dir, { recursive: true });

  // Timed: launch, pool, print, write.
  const started = process.hrtime.bigint();
  const browser = await launchBrowser();
  const poolSize = Math.max(1, Math.min(os.availableParallelism(), jobs.length));
  const pool = await Promise.all(Array.from({ length: poolSize }, () => openPage(browser)));
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
  process.stdout.write(`${JSON.stringify({ issues: jobs.length, poolSize, launchSeconds, printSeconds })}\n`);
  return 0;
}

async function openPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await vetRequests(page, () => true);
  return page;
}
