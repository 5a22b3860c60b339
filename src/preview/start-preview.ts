import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { UsageError } from '../commands/usage-error.ts';
import { resolveIssueArgument, workspacePaths } from '../load/workspace-paths.ts';
import { withBrowser } from '../print/with-browser.ts';
import { openSession } from './preview-session.ts';

export interface PreviewOptions {
  /** The workspace folder. */
  root: string;
  /** The issue file: absolute, or relative to the current directory (as for `build`). */
  issue: string;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Where each build's outcome is told, one message at a time; by default nowhere. */
  log?: (message: string) => void;
  /** Aborting it stops the preview, as close() does; also while it is still starting. */
  signal?: AbortSignal;
}

/** A running preview. */
export interface Preview {
  /** `http://127.0.0.1:PORT/`. */
  url: string;
  /** The listening server, for callers that want its address. */
  server: Server;
  /** Stops the preview: watcher, server, then the browser. Safe to call more than once. */
  close(): Promise<void>;
  /** Settles when the preview has stopped and the browser is closed. */
  closed: Promise<void>;
}

/**
 * Starts a live preview of one issue and resolves once it is served, with the first build
 * under way. One Chromium serves the whole session; it is closed by close(), and killed at
 * once on Ctrl-C or SIGTERM (withBrowser sees to that).
 */
export function startPreview(options: PreviewOptions): Promise<Preview> {
  const issueFile = resolveIssueArgument(options.root, options.issue);
  if (!existsSync(issueFile)) return Promise.reject(new UsageError(`找不到期文件“${options.issue}”`));
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return Promise.reject(new UsageError(`端口须为 0 到 65535 之间的整数，现为“${options.port}”`));
  }
  return new Promise((resolve, reject) => {
    const closed: Promise<void> = withBrowser(async (browser) => {
      const session = await openSession({ browser, paths: workspacePaths(options.root), issueFile, port, log: options.log ?? (() => undefined) });
      resolve({
        url: session.url,
        server: session.server,
        closed,
        close: async () => {
          await session.stop();
          await closed;
        },
      });
      const { signal } = options;
      if (signal?.aborted) void session.stop();
      signal?.addEventListener('abort', () => void session.stop(), { once: true });
      await session.stopped; // the browser stays open until then
    });
    closed.catch(reject); // a failure before resolve(); after it, `closed` carries the error
  });
}
