import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import chokidar from 'chokidar';
import type { Browser } from 'puppeteer-core';
import { buildIssue, prepareBuild } from '../build-issue.ts';
import { formatDiagnostic, InputError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { displayPath, type WorkspacePaths } from '../load/workspace-paths.ts';
import { EnvironmentError } from '../print/with-browser.ts';
import { issueTitle } from '../template/issue-context.ts';
import { openWorkspace } from '../workspace.ts';
import { debouncedRunner } from './debounced-runner.ts';
import type { PreviewView } from './preview-page.ts';
import { listenPreview, type PreviewServer } from './preview-server.ts';
import { renderPages, type PageImage } from './render-pages.ts';
import { affectsIssue, watchedPaths, watchSources, type WatchSources } from './watch-sources.ts';

export interface SessionOptions {
  browser: Browser;
  paths: WorkspacePaths;
  issueFile: string;
  port: number;
  log: (line: string) => void;
}

/** A running preview: server, watcher and rebuilds, on a browser someone else owns. */
export interface Session {
  url: string;
  server: Server;
  /** Stops watching and serving and removes the session's temporary files; idempotent. */
  stop(): Promise<void>;
  /** Resolves once stop() has finished. */
  stopped: Promise<void>;
}

/** Saves come in bursts (write, rename, several files): one rebuild for the whole burst. */
const DEBOUNCE_MS = 150;

/**
 * Opens a preview of `issueFile`: serves it, builds it once, and rebuilds it whenever one of
 * its sources changes. Each build, failed or not, becomes the next version of the view.
 */
export async function openSession(options: SessionOptions): Promise<Session> {
  const { browser, paths, issueFile, log } = options;
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'bulletin-preview-'));
  let view: PreviewView = {
    version: 0,
    title: `预览：${displayPath(paths.root, issueFile)}`,
    status: '正在编排…',
    building: false,
    pages: [],
    errors: [],
    warnings: [],
  };
  // This version's pages and the last one's: a page still showing the old version may be
  // fetching its images while the new version is announced.
  const kept = new Map<number, PageImage[]>();
  let closing = false;

  let sources: WatchSources = await watchSources(paths, issueFile);
  const watcher = chokidar.watch(watchedPaths(sources), { ignoreInitial: true, depth: 0 });
  watcher.on('all', (_event, changed) => {
    if (affectsIssue(sources, changed)) runner.schedule();
  });
  watcher.on('error', (error) => log(`监视文件时出错：${(error as Error).message}`));

  const runner = debouncedRunner(build, DEBOUNCE_MS, (error) => log(`内部错误：${(error as Error).message}`));
  let server: PreviewServer;
  try {
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    server = await listenPreview({ view: () => view, image: (version, n) => kept.get(version)?.[n - 1]?.png }, options.port);
  } catch (error) {
    await watcher.close();
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }

  async function build(): Promise<void> {
    view = { ...view, building: true };
    server.notify();
    const result = await buildOnce();
    if (closing) return;
    const version = view.version + 1;
    if (result.pages) kept.set(version, result.pages);
    for (const old of kept.keys()) if (old < version - 1) kept.delete(old);
    view = {
      version,
      title: result.title ?? view.title,
      status: `已更新 ${new Date().toTimeString().slice(0, 8)}`,
      building: false,
      pages: result.pages ?? [],
      errors: result.errors,
      warnings: result.warnings,
    };
    server.notify();
    log(result.errors.length > 0 ? `${view.status}，无法编排：\n${result.errors.join('\n')}` : `${view.status}（${view.pages.length} 页）`);
  }

  async function buildOnce(): Promise<{ title?: string; pages?: PageImage[]; errors: string[]; warnings: string[] }> {
    try {
      // Before the build: whatever it reads is then watched, even if it fails on it.
      follow(await watchSources(paths, issueFile));
      if (!existsSync(issueFile)) {
        const file = displayPath(paths.root, issueFile);
        throw new InputError([{ severity: 'error', file, message: '找不到期文件（已被删除或改名？）', hint: '恢复这个文件，或用新的路径重新运行 bulletin preview' }]);
      }
      const workspace = await openWorkspace(paths.root);
      // Prepared anew each time: a save may have changed the config or a template.
      const context = await prepareBuild(workspace);
      if (context.fonts.missing.length > 0) {
        throw new EnvironmentError(`缺少字体：${context.fonts.missing.map((r) => r.label).join('、')}；请运行 npm start 安装开源替代字体`);
      }
      const pdf = path.join(tmp, 'issue.pdf');
      const built = await buildIssue(context, browser, issueFile, pdf);
      const pages = await renderPages(pdf, { tempDir: tmp });
      return { title: `预览：${issueTitle(built.issue)}`, pages, errors: [], warnings: lines([...workspace.warnings, ...built.warnings]) };
    } catch (error) {
      if (error instanceof InputError) return { errors: lines(error.diagnostics), warnings: [] };
      const label = error instanceof EnvironmentError ? '' : '内部错误：';
      return { errors: [`${label}${(error as Error).message}`], warnings: [] };
    }
  }

  /** Watches what the issue now depends on; while its item list is unreadable, the old items too. */
  function follow(next: WatchSources): void {
    const merged = next.complete
      ? next
      : { ...next, files: [...new Set([...sources.files, ...next.files])], folders: [...new Set([...sources.folders, ...next.folders])] };
    const before = new Set(watchedPaths(sources));
    const after = new Set(watchedPaths(merged));
    const gone = [...before].filter((p) => !after.has(p));
    const added = [...after].filter((p) => !before.has(p));
    if (gone.length > 0) watcher.unwatch(gone);
    if (added.length > 0) watcher.add(added);
    sources = merged;
  }

  let finish!: () => void;
  const stopped = new Promise<void>((resolve) => (finish = resolve));
  let stopOnce: Promise<void> | undefined;
  const stop = () =>
    (stopOnce ??= (async () => {
      closing = true;
      await runner.stop(); // a build in progress still needs the browser; let it end first
      await watcher.close();
      await server.close();
      await rm(tmp, { recursive: true, force: true });
      finish();
    })());

  runner.runNow();
  return { url: server.url, server: server.server, stop, stopped };
}

/** Diagnostics as `path:line: message` lines, each once, in file and line order. */
function lines(diagnostics: readonly Diagnostic[]): string[] {
  const sorted = [...diagnostics].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  return [...new Set(sorted.map(formatDiagnostic))];
}
