import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';

export interface PrintOptions {
  /** Give up on a page that takes longer than this (a hung page), in ms. */
  timeout?: number;
  /** Which URLs the page may load besides itself (fonts, the workspace's images). */
  allow?: (url: string) => boolean;
  /**
   * Called once the page has been sent the document. From then on Chromium loads and prints
   * it, Node only answering its requests: a caller with other CPU work (finishing the
   * previous issue) does it from here, rather than keeping the page waiting for its document.
   */
  onLoading?: () => void;
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

/** How every issue is printed; the benchmark's limit prints with exactly these too. */
export const PDF_OPTIONS = {
  preferCSSPageSize: true,
  printBackground: true,
  displayHeaderFooter: false,
  tagged: false,
  outline: false,
  waitForFonts: true,
} as const;

/** A page kept open between prints, and what its current print may load. */
interface PrintPage {
  page: Page;
  dir: string;
  document: string;
  /** The same as a file:// URL, as the page asks for it. */
  documentUrl: string;
  allow: (url: string) => boolean;
  blocked: string[];
}

/**
 * Idle pages per browser. Printing the next issue on a page that already printed one saves
 * Chromium decoding the same fonts again: about 40 % of a small issue's print time.
 */
const idle = new WeakMap<Browser, PrintPage[]>();

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
  const target = idle.get(browser)?.pop() ?? (await openPrintPage(browser));
  target.allow = options.allow ?? (() => false);
  target.blocked = [];
  try {
    // A new file name each time: the document is never served from a cache.
    target.document = path.join(target.dir, `issue-${randomBytes(6).toString('hex')}.html`);
    target.documentUrl = pathToFileURL(target.document).href;
    await writeFile(target.document, html);
    const loading = target.page.goto(target.documentUrl, { waitUntil: 'load', timeout: remaining() });
    // A macrotask later: Puppeteer has written the navigation command by then.
    if (options.onLoading) setImmediate(options.onLoading);
    await loading;
    const pdf = await target.page.pdf({ ...PDF_OPTIONS, timeout: remaining() });
    if (target.blocked.length > 0) throw new BlockedRequestError(target.blocked);
    await rm(target.document, { force: true });
    idle.set(browser, [...(idle.get(browser) ?? []), target]);
    return pdf;
  } catch (error) {
    // A page that failed (timed out, crashed, was refused) is not trusted again.
    await target.page.close().catch(() => undefined);
    await rm(target.dir, { recursive: true, force: true });
    throw error;
  }
}

/** Browsers whose first, blank tab is already a print page. */
const blankTaken = new WeakSet<Browser>();

async function openPrintPage(browser: Browser): Promise<PrintPage> {
  // Chromium starts with a blank tab, a renderer process of its own: it prints the first
  // issue rather than idling beside the pool.
  let page: Page | undefined;
  if (!blankTaken.has(browser)) {
    blankTaken.add(browser);
    page = (await browser.pages()).find((p) => p.url() === 'about:blank');
  }
  page ??= await browser.newPage();
  const target: PrintPage = { page, dir: await mkdtemp(path.join(os.tmpdir(), 'bulletin-print-')), document: '', documentUrl: '', allow: () => false, blocked: [] };
  await page.setJavaScriptEnabled(false);
  await vetRequests(page, (url) => {
    if (url === target.documentUrl || url.startsWith('data:') || target.allow(url)) return true;
    target.blocked.push(url);
    return false;
  });
  browser.once('disconnected', () => void rm(target.dir, { recursive: true, force: true }));
  return target;
}

/**
 * Makes every request of the page wait until `allowed` says whether it may go on; a refused
 * one fails as blocked by the client. The Fetch domain is driven directly, on a session of
 * its own: Puppeteer's request interception needs its network tracking, which is off (see
 * launchBrowser), as it costs five more protocol messages per request for Node to parse.
 * The bench's limit vets its requests with this too.
 */
export async function vetRequests(page: Page, allowed: (url: string) => boolean): Promise<void> {
  const session = await page.createCDPSession();
  session.on('Fetch.requestPaused', ({ requestId, request }) => {
    const answer = allowed(request.url + (request.urlFragment ?? ''))
      ? session.send('Fetch.continueRequest', { requestId })
      : session.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' });
    answer.catch(() => undefined); // the page was closed meanwhile
  });
  await session.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
}

/** Closes the idle pages of a browser and removes their folders (before closing it). */
export async function closePrintPages(browser: Browser): Promise<void> {
  const pages = idle.get(browser) ?? [];
  idle.delete(browser);
  await Promise.all(pages.map(async (p) => {
    await p.page.close().catch(() => undefined);
    await rm(p.dir, { recursive: true, force: true });
  }));
}

/**
 * Prints letting the page load nothing but `urls` (fonts, images). URLs are compared decoded:
 * Chromium asks for a file URL percent-encoded, while the CSS may name it either way.
 */
export function printAllowingOnly(browser: Browser, html: string, urls: Iterable<string>, options: Omit<PrintOptions, 'allow'> = {}): Promise<Uint8Array> {
  const allowed = new Set([...urls].map(decodedUrl));
  return printPdf(browser, html, { ...options, allow: (url) => allowed.has(decodedUrl(url)) });
}

function decodedUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
