import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

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
];

/**
 * Starts Chromium, hands it to `work`, and always closes it: on success, on error, and on
 * Ctrl-C or SIGTERM, so no orphaned browser outlives a build.
 */
export async function withBrowser<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    args: ARGS,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const onSignal = (signal: NodeJS.Signals) => {
    browser.process()?.kill('SIGKILL');
    process.kill(process.pid, signal);
  };
  const close = () => browser.process()?.kill('SIGKILL');
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', close);
  try {
    return await work(browser);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', close);
    await browser.close().catch(close);
  }
}
