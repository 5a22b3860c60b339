import { existsSync } from 'node:fs';
import type { Browser } from 'puppeteer-core';
import { whileInterruptible } from '../process-cleanup.ts';
import { closePrintPages } from './print-pdf.ts';

/** Debian's Chromium (installed by `npm start`); BULLETIN_CHROMIUM names another. */
export function chromiumPath(): string {
  const candidates = [process.env.BULLETIN_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => Boolean(p),
  );
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
  '--headless=new',
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
];

/** Starts Chromium. Talking over a pipe means it also dies if this process is killed outright. */
export async function launchBrowser(): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer-core'); // loaded only when a browser is needed
  return puppeteer.launch({
    executablePath: chromiumPath(),
    args: ARGS,
    headless: true,
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

export async function withBrowserHandle<T>(work: (handle: BrowserHandle) => Promise<T>): Promise<T> {
  let browser = await launchBrowser();
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
