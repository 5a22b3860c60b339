import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';

export interface PrintOptions {
  /** Abort a print that takes longer than this (a hung page), in ms. */
  timeout?: number;
}

/**
 * Prints one issue's HTML to PDF bytes. The page is a file:// document (so it may load the
 * workspace's images and the fonts, which are file:// too), JavaScript is off, and the
 * document's Content-Security-Policy allows nothing but those files.
 */
export async function printPdf(browser: Browser, html: string, options: PrintOptions = {}): Promise<Uint8Array> {
  const timeout = options.timeout ?? 120_000;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bulletin-print-'));
  const file = path.join(dir, 'issue.html');
  const page = await browser.newPage();
  try {
    await writeFile(file, html);
    await page.setJavaScriptEnabled(false);
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout });
    return await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: false,
      tagged: false,
      outline: false,
      waitForFonts: true,
      timeout,
    });
  } finally {
    await page.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
