import { rm } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'puppeteer-core';
import type { BuildCache } from '../cache/build-cache.ts';
import { InputError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { ExitCode } from '../diagnostics/exit-codes.ts';
import type { FontSet } from '../fonts/resolve-fonts.ts';
import { displayPath } from '../load/workspace-paths.ts';
import { PreflightError } from '../preflight/preflight-error.ts';
import type { EarlyBrowser } from '../print/with-browser.ts';
import type { Workspace } from '../workspace.ts';
import type { BuildProgress } from './build-progress.ts';
import { reportDiagnostics } from './report.ts';

export interface BatchJob {
  file: string;
  output: string;
  /** The cache key of the issue's inputs, or how to make it (read before the issue's files are). */
  key: string | (() => Promise<string>);
  /** Build from this archive tag rather than the workspace (its files were edited since). */
  tag?: string;
}

export interface Batch {
  workspace: Workspace;
  fonts: FontSet;
  cache: BuildCache;
  progress: BuildProgress;
  preflight: boolean;
  /** Per issue in Chromium, in ms. */
  timeout: number;
  browser: EarlyBrowser;
}

let pipeline: ReturnType<typeof importPipeline> | undefined;

/**
 * Starts loading the modules of the pipeline up to the print (Markdown, templates, the
 * browser's driver): only a build that prints needs them, so an unchanged workspace is
 * checked without them; one that prints loads them while it still reads the workspace.
 * The finishing stages (pdf-lib, preflight) load once the first pages print, and the
 * archive's (git) only for an archived issue: neither delays the first print.
 */
export function preloadPipeline(): ReturnType<typeof importPipeline> {
  pipeline ??= importPipeline();
  pipeline.catch(() => undefined); // reported by runBatch, which awaits it
  return pipeline;
}

function importPipeline() {
  return Promise.all([import('../build-issue.ts'), import('../print/with-browser.ts')]);
}

let finisher: Promise<typeof import('../finish-pdf.ts')> | undefined;
const loadFinisher = () => (finisher ??= import('../finish-pdf.ts'));

/**
 * Builds the jobs on one Chromium with a page per core, as a pipeline: while a page prints
 * one issue, the next issue's HTML is already being made and the previous one's PDF is
 * post-processed, written and checked, so the pages never wait for Node's share of the work.
 * An issue that fails is reported and the others go on; if Chromium itself dies, it is
 * restarted and the issues it took with it are built again, one by one, at the end.
 * Returns the exit code.
 */
export async function runBatch(jobs: BatchJob[], batch: Batch): Promise<number> {
  const { workspace, fonts, cache, progress, preflight, timeout } = batch;
  const root = workspace.paths.root;
  const [{ finishingOf, issueToHtml, prepareBuild, printIssue }, { withBrowserHandle }] = await preloadPipeline();
  const context = await prepareBuild(workspace, fonts);
  let exitCode: number = ExitCode.ok;

  /** Every stage before the browser; an archived issue is read from a checkout of its tag, removed by `cleanup`. */
  const prepare = async (job: BatchJob) => {
    if (typeof job.key === 'function') job.key = await job.key();
    if (!job.tag) return { prepared: await issueToHtml(context, job.file), cleanup: async () => undefined };
    const { archivedWorkspace } = await import('../archive/archived-build.ts');
    const archived = await archivedWorkspace(root, job.tag);
    try {
      const archivedContext = await prepareBuild(archived.workspace, fonts);
      return { prepared: await issueToHtml(archivedContext, archived.mapPath(job.file)), cleanup: () => archived.cleanup() };
    } catch (error) {
      await archived.cleanup();
      throw error;
    }
  };
  type Prepared = Awaited<ReturnType<typeof prepare>>;
  /** An issue printed and not yet finished. */
  type Printed = { job: BatchJob; state: Prepared; pdf: Uint8Array; browser: Browser };

  const succeeded = async (job: BatchJob, built: { warnings: Diagnostic[]; resources: Set<string>; output: string }) => {
    const images = [...built.resources].filter((url) => url.startsWith('file:') && !fonts.urls.includes(url)).map((url) => fileURLToPath(url));
    await cache.record(job.output, job.key as string, images);
    progress.done(displayPath(root, job.file), built.warnings.filter((d) => d.severity === 'warning'));
    process.stdout.write(`${built.output}\n`);
  };

  // HTML is made `slots` issues ahead of the pages: when a page is free, its next issue is ready.
  const slots = Math.max(1, Math.min(os.availableParallelism(), jobs.length));
  const ahead = new Map<BatchJob, Promise<Prepared>>();
  const prepareAhead = (job: BatchJob | undefined) => {
    if (!job || ahead.has(job)) return;
    const promise = prepare(job);
    promise.catch(() => undefined); // reported when its page takes it
    ahead.set(job, promise);
  };
  let next = 0;
  const take = (): BatchJob | undefined => {
    const job = jobs[next++];
    prepareAhead(job);
    return job;
  };
  // The first issues' HTML is made while Chromium starts.
  jobs.slice(0, slots).forEach(prepareAhead);
  try {
    await withBrowserHandle(async (handle) => {
      const retries: BatchJob[] = [];

      /** Reports a failed issue; true when Chromium died under it and it is to be built again. */
      const failed = async (job: BatchJob, error: unknown, browser: Browser, inBrowser: boolean, retried: boolean): Promise<boolean> => {
        const name = displayPath(root, job.file);
        cache.forget(job.output);
        await rm(job.output, { force: true }); // whatever failed, nothing may pass for this issue's PDF
        if (error instanceof InputError) {
          progress.failed(name, () => reportDiagnostics(error.diagnostics));
          exitCode = Math.max(exitCode, ExitCode.invalidInput);
        } else if (error instanceof PreflightError) {
          progress.failed(name, () => process.stderr.write(`${error.message}\n预检未通过，已删除 ${error.file}（加 --no-preflight 可保留以便查看）\n`));
          exitCode = Math.max(exitCode, ExitCode.preflight);
        } else if (inBrowser && !browser.connected && !retried && !handle.closed) {
          // Chromium itself died: every issue in print went with it. Start a new one and try
          // this issue again, alone, after the others; if it fails again, it is the cause.
          if (handle.browser === browser) process.stderr.write('Chromium 意外退出，已重启浏览器；受影响的期将重新编排\n');
          await handle.restartIfCurrent(browser);
          return true;
        } else {
          const reason = inBrowser && ((error as Error)?.name === 'TimeoutError' || !browser.connected) ? 'Chromium 崩溃或超时' : '写出或处理 PDF 时出错';
          progress.failed(name, () =>
            process.stderr.write(`${name}: 编排失败：${reason}（${String((error as Error)?.message ?? error).split('\n')[0]}），已跳过此期继续编排其余各期\n`),
          );
          exitCode = Math.max(exitCode, ExitCode.environment);
          if (inBrowser && !handle.browser.connected && !handle.closed) await handle.restartIfCurrent(browser);
        }
        return false;
      };

      /** Post-processes, checks and writes a printed issue; reports it either way. */
      const finish = async ({ job, state: { prepared, cleanup }, pdf, browser }: Printed) => {
        try {
          const { finishPdf, writeFinished } = await loadFinisher();
          await writeFinished(job.output, await finishPdf(pdf, finishingOf(prepared.issue, { preflight })));
          await succeeded(job, { ...prepared, output: job.output });
        } catch (error) {
          await failed(job, error, browser, false, true);
        } finally {
          await cleanup();
        }
      };

      /** One issue from start to end, alone: for the issues Chromium took with it. */
      const buildAlone = async (job: BatchJob) => {
        const browser = handle.browser;
        let state: Prepared | undefined;
        try {
          state = await prepare(job);
          const pdf = await printIssue(browser, state.prepared, { timeout });
          await finish({ job, state, pdf, browser });
          state = undefined; // finish cleaned up
        } catch (error) {
          await failed(job, error, browser, true, true);
        } finally {
          await state?.cleanup();
        }
      };

      await Promise.all(
        Array.from({ length: slots }, async () => {
          // Node's work for the page — finishing the issue it printed last, making the HTML of
          // one to come — is started once the page has its next document, so that the page
          // prints while Node works instead of waiting for it. One finish in flight per page.
          let finishing: Promise<void> = Promise.resolve();
          // Data, not a closure: a closure made in the loop would hold the loop's scope, and
          // with it the one before, and every printed PDF of the run.
          let unfinished: Printed | undefined;
          for (let job = take(); job; job = take()) {
            const browser = handle.browser;
            const upcoming = jobs[next + slots - 1];
            const previous = unfinished;
            unfinished = undefined;
            let started = false;
            const whilePrinting = () => {
              if (started) return;
              started = true;
              if (previous) finishing = finish(previous);
              prepareAhead(upcoming);
            };
            let state: Prepared | undefined;
            try {
              state = await ahead.get(job)!;
              ahead.delete(job);
              const pdf = await printIssue(browser, state.prepared, { timeout, onLoading: whilePrinting });
              whilePrinting();
              await finishing;
              unfinished = { job, state, pdf, browser };
              state = undefined; // finish cleans up
            } catch (error) {
              whilePrinting();
              ahead.delete(job);
              await state?.cleanup();
              if (await failed(job, error, browser, state !== undefined, false)) retries.push(job);
            }
          }
          await finishing;
          if (unfinished) await finish(unfinished);
        }),
      );
      for (const job of retries) await buildAlone(job);
    }, batch.browser);
  } finally {
    // Issues made ready and never printed (Chromium did not start): remove their checkouts.
    await Promise.all([...ahead.values()].map((ready) => ready.then(({ cleanup }) => cleanup(), () => undefined)));
  }
  return exitCode;
}
