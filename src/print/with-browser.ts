import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { whileInterruptible } from '../process-cleanup.ts';
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

const ARGS = [
  '--no-sandbox', // the tool often runs as root in containers, where the sandbox cannot start
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-extensions',
  '--allow-file-access-from-files', // fonts and images are file:// beside a file:// page
  '--font-render-hinting=none',
  '--disable-breakpad',
  '--disable-crash-reporter',
  // Fewer processes, less memory: compositing (software only here) and the network service
  // (which serves only file:// URLs here) run in the browser process.
  '--in-process-gpu',
  '--enable-features=NetworkServiceInProcess2',
];

/** Starts Chromium. Talking over a pipe means it also dies if this process is killed outright. */
export async function launchBrowser(): Promise<Browser> {
  // Puppeteer makes a `debug` logger for every protocol message, and each asks whether
  // stderr is a terminal (for colours) unless told: a system call per message, for logs
  // that are off anyway.
  process.env.DEBUG_COLORS ??= 'no';
  const { default: puppeteer } = await import('puppeteer-core'); // loaded only when a browser is needed
  const executablePath = chromiumPath();
  return puppeteer.launch({
    executablePath,
    args: ARGS,
    // The shell is headless only, with the old flag; the browser wants the new headless mode.
    headless: path.basename(executablePath).includes('headless-shell') ? 'shell' : true,
    pipe: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
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
  const unguard = whileInterruptible(() => started?.process()?.kill('SIGKILL'));
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
      await browser?.close().catch(() => browser.process()?.kill('SIGKILL'));
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
  const kill = () => browser.process()?.kill('SIGKILL');
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
      await browser.close().catch(() => undefined);
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
    await browser.close().catch(kill);
    done();
  }
}
