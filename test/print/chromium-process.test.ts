// Chromium started by us and driven by Puppeteer over its pipes: it prints, it goes away
// with its profile when closed or killed, a binary that is not Chromium is reported, and
// the pipe's messages come out whole whatever the chunks they arrive in.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { PipeTransport } from '../../src/print/chromium-process.ts';
import { printPdf } from '../../src/print/print-pdf.ts';
import { closeBrowser, EnvironmentError, killBrowser, launchBrowser } from '../../src/print/with-browser.ts';
import { alive, chromiumProfile } from '../helpers/processes.ts';

/** The Chromium this process started last. */
function newestChromium(): number {
  return Number(execFileSync('pgrep', ['-n', '-P', String(process.pid), '-f', 'remote-debugging-pipe'], { encoding: 'utf8' }).trim());
}

/** The processes in Chromium's group: the browser and the renderers it started. */
function group(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-g', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('launchBrowser', () => {
  const savedChromium = process.env.BULLETIN_CHROMIUM;
  afterEach(() => {
    if (savedChromium === undefined) delete process.env.BULLETIN_CHROMIUM;
    else process.env.BULLETIN_CHROMIUM = savedChromium;
  });

  it('prints, and closing ends Chromium and removes its profile', async () => {
    const browser = await launchBrowser();
    const pid = newestChromium();
    const profile = chromiumProfile(pid);
    expect(existsSync(profile)).toBe(true);
    const pdf = await printPdf(browser, '<p>正文</p>');
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    await closeBrowser(browser);
    expect(alive(pid)).toBe(false);
    expect(existsSync(profile)).toBe(false);
  });

  it('kills Chromium with its renderers at once, and removes its profile', async () => {
    const browser = await launchBrowser();
    const pid = newestChromium();
    const profile = chromiumProfile(pid);
    await printPdf(browser, '<p>正文</p>'); // a renderer is running
    expect(group(pid).length).toBeGreaterThan(1);
    killBrowser(browser);
    for (let i = 0; i < 40 && group(pid).length > 0; i++) await sleep(50);
    expect(group(pid)).toEqual([]);
    expect(existsSync(profile)).toBe(false);
    await closeBrowser(browser); // no hang on a dead browser
  });

  it('reports a binary that is not Chromium, in Chinese, naming it', async () => {
    process.env.BULLETIN_CHROMIUM = '/bin/false';
    const error = await launchBrowser().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnvironmentError);
    expect((error as Error).message).toContain('Chromium（/bin/false）未能启动');
  });
});

describe('PipeTransport', () => {
  it('hands on each NUL-ended message whole and in order, however the chunks split them', async () => {
    const fromChromium = new PassThrough();
    const transport = new PipeTransport(new PassThrough(), fromChromium);
    const received: string[] = [];
    transport.onmessage = (message) => received.push(message);
    const messages = ['{"id":1}', '{"method":"页面","params":{}}', '', '{"id":2,"result":{"data":"' + 'x'.repeat(5000) + '"}}'];
    const bytes = Buffer.from(messages.map((m) => `${m}\0`).join(''));
    // Split inside a message, inside a multi-byte character, and right after a NUL.
    const cuts = [3, 9, 20, 22, bytes.indexOf(0, 20) + 1, 200, bytes.length];
    let from = 0;
    for (const cut of cuts) {
      fromChromium.write(bytes.subarray(from, cut));
      from = cut;
      await nextTurn();
    }
    await nextTurn();
    expect(received).toEqual(messages);
  });

  it('writes each message followed by a NUL', async () => {
    const toChromium = new PassThrough();
    const transport = new PipeTransport(toChromium, new PassThrough());
    transport.send('{"id":1}');
    transport.send('{"id":2,"method":"打印"}');
    expect(Buffer.concat([toChromium.read()]).toString()).toBe('{"id":1}\0{"id":2,"method":"打印"}\0');
  });

  it('says when Chromium closes the pipe, and refuses to send once closed', async () => {
    const fromChromium = new PassThrough();
    const transport = new PipeTransport(new PassThrough(), fromChromium);
    let closed = false;
    transport.onclose = () => (closed = true);
    fromChromium.destroy();
    await nextTurn();
    expect(closed).toBe(true);
    transport.close();
    expect(() => transport.send('{}')).toThrow();
  });
});
