import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';

export interface PrintOptions {
  /** Give up on a page that takes longer than this (a hung page), in ms. */
  timeout?: number;
  /** Which URLs the page may load besides itself (fonts, the workspace's images). */
  allow?: (url: string) => boolean;
}

/** The page tried to load something it may not: nothing was loaded, the print is refused. */
export class BlockedRequestError extends Error {
  readonly urls: readonly string[];
  constructor(urls: readonly string[]) {
    super(`blocked requests: ${urls.join(', ')}`);
    this.name = 'BlockedRequestError';
    this.urls = urls;
  }
}

/**
 * Prints one issue's HTML to PDF bytes. The page is a file:// document (so it may load the
 * fonts and the workspace's images, which are file:// too). JavaScript is off, the document
 * carries a Content-Security-Policy, and every request goes through an allowlist: a request
 * for anything else (another file, the network) is aborted and the print refused.
 */
export async function printPdf(browser: Browser, html: string, options: PrintOptions = {}): Promise<Uint8Array> {
  // One deadline for the whole print, loading and printing together.
  const deadline = Date.now() + (options.timeout ?? 60_000);
  const remaining = () => Math.max(1, deadline - Date.now());
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bulletin-print-'));
  const file = path.join(dir, 'issue.html');
  const self = pathToFileURL(file).href;
  const blocked: string[] = [];
  const page = await browser.newPage();
  try {
    await writeFile(file, html);
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (url === self || url.startsWith('data:') || options.allow?.(url)) return void request.continue();
      blocked.push(url);
      void request.abort('blockedbyclient');
    });
    await page.goto(self, { waitUntil: 'load', timeout: remaining() });
    const pdf = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: false,
      tagged: false,
      outline: false,
      waitForFonts: true,
      timeout: remaining(),
    });
    if (blocked.length > 0) throw new BlockedRequestError(blocked);
    return pdf;
  } finally {
    await page.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
