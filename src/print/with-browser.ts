import { existsSync } from 'node:fs';
import type { Browser } from 'puppeteer-core';
import { whileInterruptible } from '../process-cleanup.ts';
import { startChromium, type ChromiumProcess } from './chromium-process.ts';
import { closePrintPages } from './print-pdf.ts';

/**
 * Debian's Chromium headless shell (package chromium-headless-shell, installed by `npm start`):
 * the same Blink and Skia as the browser, so the same pages and PDFs byte for byte but for the
 * Creator, without the browser's UI. It prints a batch in half the time and two thirds of the
 * memory of the full browser (bench/results). The full browser is the fallback, and
 * BULLETIN_CHROMIUM names another. The binary itself, not Debian's /usr/bin wrapper script,
 * so that killing the process kills Chromium.
 */
const CHROMIUM_CANDIDATES = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumPath(): string {
  const candidates = [process.env.BULLETIN_CHROMIUM, ...CHROMIUM_CANDIDATES].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new EnvironmentError('找不到 Chromium 浏览器（/usr/bin/chromium），请先运行 npm start 完成安装');
  return found;
}

/** A failure of the machine rather than of the editor's files. */
export class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentError';
  }
}

/** Chromium processes started here, by the browser connected to each. */
const processes = new WeakMap<Browser, ChromiumProcess>();

/**
 * Starts Chromium and connects Puppeteer to it. Chromium is spawned first, then Puppeteer is
 * loaded (only when a browser is needed) while Chromium starts: see chromium-process.ts.
 * Talking over a pipe means Chromium also dies if this process is killed outright.
 */
export async function launchBrowser(): Promise<Browser> {
  // Puppeteer makes a `debug` logger for every protocol message, and each asks whether
  // stderr is a terminal (for colours) unless told: a system call per message, for logs
  // that are off anyway.
  process.env.DEBUG_COLORS ??= 'no';
  const executablePath = chromiumPath();
  const chromium = startChromium(executablePath);
  // Until the browser is handed back (and its caller guards it), Ctrl-C kills it from here.
  const unguard = whileInterruptible(() => chromium.kill());
  try {
    // Puppeteer's entry without its launcher: the launcher brings a browser downloader, proxy
    // support and a JavaScript engine for PAC files, 2 MB of code to load for nothing here.
    const { connect } = await import('puppeteer-core/internal/puppeteer-core-browser.js');
    const connecting = (async () => {
      // Without Puppeteer's network tracking: a print page asks for some twenty fonts and
      // images, and Chromium would report each in five messages (sent, response, data, done)
      // for Node to parse and Puppeteer to follow, none of which printing needs. Requests
      // are vetted with the Fetch domain instead (vetRequests in print-pdf.ts). The cast:
      // the same classes as the main entry's, declared in another file of the package.
      const browser = (await connect({ transport: chromium.transport(), networkEnabled: false })) as unknown as Browser;
      // As Puppeteer's launch does: ready once its first tab is.
      await browser.waitForTarget((target) => target.type() === 'page', { timeout: LAUNCH_TIMEOUT_MS });
      return browser;
    })();
    const browser = await timeLimited(connecting, LAUNCH_TIMEOUT_MS);
    processes.set(browser, chromium);
    return browser;
  } catch (error) {
    chromium.kill();
    const detail = chromium.output() || String((error as Error)?.message ?? error);
    throw new EnvironmentError(`Chromium（${executablePath}）未能启动：${detail.split('\n').slice(-3).join(' ')}`);
  } finally {
    unguard();
  }
}

const LAUNCH_TIMEOUT_MS = 30_000;

function timeLimited<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${ms / 1000} 秒内没有响应`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Kills a launched browser's Chromium at once, synchronously (interrupts, hangs). */
export function killBrowser(browser: Browser): void {
  processes.get(browser)?.kill();
}

/** Closes a launched browser: asks Chromium to quit, waits for it, and removes its profile. */
export async function closeBrowser(browser: Browser): Promise<void> {
  await browser.close().catch(() => undefined);
  await processes.get(browser)?.stop();
}

/** A browser that can be replaced when it crashes or hangs, for a batch to go on. */
export interface BrowserHandle {
  readonly browser: Browser;
  /** Kills the current browser (if still there) and starts a new one. */
  restart(): Promise<void>;
  /** Restarts unless another caller already replaced `failed`: one restart per crash. */
  restartIfCurrent(failed: Browser): Promise<void>;
  /** Set once the work is over: a late failure must not start a browser nobody closes. */
  readonly closed: boolean;
}

/**
 * Starts Chromium, hands it to `work`, and always closes it: on success, on error, and on
 * Ctrl-C or SIGTERM, so no orphaned browser outlives a build.
 */
export async function withBrowser<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  return withBrowserHandle((handle) => work(handle.browser));
}

/**
 * A browser being launched ahead of its use, so that Chromium starts while the build still
 * reads the workspace. Killed on Ctrl-C or SIGTERM until it is handed to withBrowserHandle
 * (which then guards it) or discarded when it turns out not to be needed.
 */
export interface EarlyBrowser {
  readonly launched: Promise<Browser>;
  /** Stops guarding it: whoever took `launched` now owns it. */
  release(): void;
  /** Closes it (once launched) and stops guarding it, unless it was handed over. */
  discard(): Promise<void>;
}

export function launchEarly(): EarlyBrowser {
  let started: Browser | undefined;
  const launched = launchBrowser().then((browser) => (started = browser));
  launched.catch(() => undefined); // reported where it is awaited
  const unguard = whileInterruptible(() => started && killBrowser(started));
  let released = false;
  const release = () => {
    released = true;
    unguard();
  };
  return {
    launched,
    release,
    async discard() {
      if (released) return;
      const browser = await launched.catch(() => undefined);
      if (browser) await closeBrowser(browser);
      release();
    },
  };
}

/** As withBrowser, with a handle to restart a crashed browser; `early` is one already on its way. */
export async function withBrowserHandle<T>(work: (handle: BrowserHandle) => Promise<T>, early?: EarlyBrowser): Promise<T> {
  let browser: Browser;
  try {
    browser = await (early?.launched ?? launchBrowser());
  } finally {
    early?.release();
  }
  let restarting: Promise<void> | undefined;
  let closed = false;
  const kill = () => killBrowser(browser);
  const done = whileInterruptible(kill);
  const handle: BrowserHandle = {
    get browser() {
      return browser;
    },
    get closed() {
      return closed;
    },
    async restart() {
      if (closed) return;
      await closePrintPages(browser);
      kill();
      await closeBrowser(browser);
      browser = await launchBrowser();
    },
    async restartIfCurrent(failed) {
      if (browser !== failed) return restarting;
      restarting ??= handle.restart().finally(() => (restarting = undefined));
      return restarting;
    },
  };
  try {
    return await work(handle);
  } finally {
    closed = true;
    await restarting?.catch(() => undefined);
    await closePrintPages(browser);
    await closeBrowser(browser);
    done();
  }
}
