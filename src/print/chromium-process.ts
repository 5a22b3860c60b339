/**
 * Chromium as a process of our own, started before Puppeteer is loaded. Loading Puppeteer
 * takes a fifth of a second of the main thread, and Chromium then as long again to start:
 * spawning Chromium first lets the two overlap, and a cold build reaches its first print
 * that much sooner. Puppeteer then connects over the process's pipes (`connect` with a
 * transport), as its own launch would have.
 *
 * Node built-ins only, so that this module loads in no time.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

/**
 * What Puppeteer's own launch passes (puppeteer-core 24, ChromeLauncher.defaultArgs), so that
 * pages print exactly as they did when Puppeteer launched Chromium: the colour profile, PDF
 * generation and the automation switches are unchanged.
 */
const PUPPETEER_DEFAULTS = [
  '--allow-pre-commit-input',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--disable-sync',
  '--enable-automation',
  '--export-tagged-pdf',
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
  '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
  '--hide-scrollbars',
  '--mute-audio',
  '--disable-extensions',
];

/** Ours, on top. */
const BULLETIN_ARGS = [
  '--no-sandbox', // the tool often runs as root in containers, where the sandbox cannot start
  '--disable-gpu',
  '--disable-quic',
  '--disable-component-update',
  '--allow-file-access-from-files', // fonts and images are file:// beside a file:// page
  '--font-render-hinting=none',
  // Fewer processes, less memory: compositing (software only here) and the network service
  // (which serves only file:// URLs here) run in the browser process. Chromium reads one
  // --enable-features, so Puppeteer's (PdfOopif) is merged in here.
  '--in-process-gpu',
  '--enable-features=PdfOopif,NetworkServiceInProcess2',
];

/** Chromium running, talking the DevTools protocol over its pipes 3 and 4. */
export interface ChromiumProcess {
  /** The protocol's transport, for Puppeteer's connect; made on first use. */
  transport(): PipeTransport;
  /** Kills it and what it started, at once (on Ctrl-C, or a hung browser), and removes its profile. Synchronous. */
  kill(): void;
  /** Waits for it to end (killing it after `graceMs`), then removes its profile. */
  stop(graceMs?: number): Promise<void>;
  /** Its last lines on stderr: why it did not start, when it did not. */
  output(): string;
}

/**
 * Starts Chromium at `executablePath`: headless (the old mode for the headless shell, the new
 * one for the full browser), with a fresh profile in a temp folder, and in a process group of
 * its own, so that killing the group takes its renderers with it. Closing the pipe (this
 * process dying, even by SIGKILL) makes it quit too.
 */
export function startChromium(executablePath: string): ChromiumProcess {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'bulletin-chromium-'));
  const headless = path.basename(executablePath).includes('headless-shell') ? '--headless' : '--headless=new';
  const args = [...PUPPETEER_DEFAULTS, headless, ...BULLETIN_ARGS, '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'];
  const child = spawn(executablePath, args, {
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    lines.push(...text.split('\n').filter((line) => line.trim() !== ''));
    lines.splice(0, Math.max(0, lines.length - 20));
  });
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error; // the pipes close too, and the connection fails with them
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve()); // never started
  });
  let transport: PipeTransport | undefined;
  const kill = () => {
    if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  return {
    transport: () => (transport ??= new PipeTransport(child.stdio[3] as Writable, child.stdio[4] as Readable)),
    kill() {
      kill();
      // The profile goes once Chromium has stopped writing to it (SIGKILL takes effect a
      // moment later, on another core): this runs on Ctrl-C, just before the process ends.
      if (child.pid) waitUntilStopped(child.pid, 1_000);
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 2 });
      } catch {
        /* left in the temp folder */
      }
    },
    async stop(graceMs = 5_000) {
      const timer = setTimeout(kill, graceMs);
      await exited;
      clearTimeout(timer);
      await rm(profile, { recursive: true, force: true });
    },
    output: () => [spawnError?.message, ...lines].filter(Boolean).join('\n'),
  };
}

/**
 * Waits, synchronously, until process `pid` has stopped running (exited, or a zombie not yet
 * reaped), at most `ms`. Linux's /proc; elsewhere it returns at once.
 */
function waitUntilStopped(pid: number, ms: number): void {
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (const until = Date.now() + ms; Date.now() < until; Atomics.wait(nap, 0, 0, 5)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return; // gone, or no /proc
    }
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return;
  }
}

/**
 * The DevTools protocol over a pipe: messages are JSON, each ended by a NUL byte (Puppeteer's
 * ConnectionTransport). Each message is handed on in a turn of the event loop of its own, as
 * Puppeteer's own pipe transport does, so that what one message resolves runs before the next.
 */
export class PipeTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  #pending: Buffer[] = [];
  #closed = false;

  constructor(
    private readonly toChromium: Writable,
    fromChromium: Readable,
  ) {
    fromChromium.on('data', (chunk: Buffer) => this.#receive(chunk));
    fromChromium.once('close', () => this.onclose?.());
    // A dead Chromium shows as the pipe closing; the errors that come with it say no more.
    fromChromium.on('error', () => undefined);
    toChromium.on('error', () => undefined);
  }

  send(message: string): void {
    if (this.#closed) throw new Error('the pipe to Chromium is closed');
    this.toChromium.write(`${message}\0`);
  }

  close(): void {
    this.#closed = true;
  }

  #receive(chunk: Buffer): void {
    let end = chunk.indexOf(0);
    if (end < 0) {
      this.#pending.push(chunk);
      return;
    }
    let start = 0;
    let first: Buffer | undefined = chunk.subarray(0, end);
    if (this.#pending.length > 0) {
      first = Buffer.concat([...this.#pending, first]);
      this.#pending = [];
    }
    for (;;) {
      const message = (first ?? chunk.subarray(start, end)).toString('utf8');
      first = undefined;
      setImmediate(() => this.onmessage?.(message));
      start = end + 1;
      end = chunk.indexOf(0, start);
      if (end < 0) break;
    }
    if (start < chunk.length) this.#pending.push(chunk.subarray(start));
  }
}
