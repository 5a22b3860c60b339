import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { changedFiles, readArchiveRecords, recordFor } from '../archive/archive-record.ts';
import { BuildCache, issueInputKey, sharedInputKey } from '../cache/build-cache.ts';
import { InputError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { ExitCode } from '../diagnostics/exit-codes.ts';
import { resolveFonts } from '../fonts/resolve-fonts.ts';
import { listMarkdown } from '../load/load-workspace.ts';
import { displayPath, resolveIssueArgument, workspacePaths } from '../load/workspace-paths.ts';
import { PreflightError } from '../preflight/preflight-error.ts';
import { toolFingerprint } from '../version.ts';
import { chromiumPath } from '../print/with-browser.ts';
import { fileURLToPath } from 'node:url';
import { openWorkspace } from '../workspace.ts';
import { defaultOutput } from '../write/output-path.ts';
import { BuildProgress } from './build-progress.ts';
import { reportDiagnostics } from './report.ts';
import { UsageError } from './usage-error.ts';

export interface BuildOptions {
  root: string;
  issues: string[];
  outDir?: string;
  output?: string;
  /** Check each PDF written (bulletin preflight); on by default. */
  preflight?: boolean;
  /** Seconds one issue may take in Chromium before it is given up. */
  timeoutSeconds?: number;
  /** Rebuild every issue, up to date or not. */
  force?: boolean;
}

/**
 * `bulletin build`: every named issue (or every issue under issues/) into a PDF. Issues whose
 * inputs have not changed since their PDF was written are skipped; the others are printed in
 * parallel on a pool of pages of one Chromium. Prints the path of each PDF written; an issue
 * that fails is reported and the others still built.
 */
export async function buildCommand(options: BuildOptions): Promise<number> {
  if (options.output && options.issues.length !== 1) throw new UsageError('-o 只能与一个期文件一起使用：bulletin build ISSUE -o FILE.pdf');
  const paths = workspacePaths(options.root);
  const issueFiles = options.issues.length > 0 ? options.issues.map((f) => resolveIssueArgument(options.root, f)) : await listMarkdown(paths.issues);
  const outDir = path.resolve(options.outDir ?? paths.dist);
  const outputOf = (file: string) => (options.output ? path.resolve(options.output) : defaultOutput(paths, file, outDir));
  let workspace;
  try {
    for (const file of issueFiles) {
      if (!existsSync(file)) throw new UsageError(`找不到期文件“${file}”`);
    }
    workspace = await openWorkspace(options.root);
  } catch (error) {
    // Nothing may pass for this build's output: not a PDF from an earlier, different build.
    await Promise.all(issueFiles.map((file) => rm(outputOf(file), { force: true })));
    throw error;
  }
  reportDiagnostics(workspace.warnings);
  if (issueFiles.length === 0) {
    process.stderr.write('issues/ 下没有期文件；用 bulletin new 生成一期\n');
    return ExitCode.ok;
  }
  const fonts = await resolveFonts({ workspaceFonts: paths.fonts });
  if (fonts.missing.length > 0) {
    await Promise.all(issueFiles.map((file) => rm(outputOf(file), { force: true })));
    process.stderr.write(`缺少字体：${fonts.missing.map((r) => r.label).join('、')}；请运行 npm start 安装开源替代字体\n`);
    return ExitCode.environment;
  }

  const records = await readArchiveRecords(paths.root);
  const cache = await BuildCache.open(paths.root);
  const shared = await sharedInputKey({
    root: paths.root,
    config: paths.config,
    fontFiles: fonts.files,
    fontCss: fonts.css,
    tool: toolFingerprint(),
    chromium: chromiumPath(),
  });
  const preflight = options.preflight !== false;
  const jobs: Array<{ file: string; output: string; key: string; tag?: string }> = [];
  let upToDate = 0;
  for (const file of issueFiles) {
    const output = outputOf(file);
    // An archived issue whose files were edited since is built from what was archived.
    const record = recordFor(records, displayPath(paths.root, file));
    const edited = record ? await changedFiles(paths.root, record) : [];
    const tag = edited.length > 0 ? record!.tag : undefined;
    const key = await issueInputKey(shared, paths.root, file, { total: workspace.totals.get(displayPath(paths.root, file)), source: tag ?? 'workspace', preflight });
    if (!options.force && (await cache.isFresh(output, key))) {
      upToDate++;
      continue;
    }
    if (tag) process.stderr.write(`${displayPath(paths.root, file)}: 已归档（标签 ${tag}），其后修改过 ${edited.join('、')}；按归档内容编排\n`);
    jobs.push({ file, output, key, tag });
  }

  const progress = new BuildProgress(jobs.length, upToDate);
  let exitCode: number = ExitCode.ok;
  if (jobs.length > 0) {
    // What only a real build needs (Chromium, pdf-lib, the Markdown processor) is loaded here,
    // so checking an unchanged workspace starts fast.
    const { buildIssue, prepareBuild } = await import('../build-issue.ts');
    const { withBrowserHandle } = await import('../print/with-browser.ts');
    const context = await prepareBuild(workspace, fonts);
    const timeout = (options.timeoutSeconds ?? 60) * 1000;
    const { archivedWorkspace } = await import('../archive/archived-build.ts');
    await withBrowserHandle(async (handle) => {
      const queue = [...jobs];
      const retries: typeof jobs = [];
      const buildOne = async (job: (typeof jobs)[number], retried: boolean) => {
        const name = displayPath(paths.root, job.file);
        const browser = handle.browser;
        const archived = job.tag ? await archivedWorkspace(paths.root, job.tag).catch((e: unknown) => e as Error) : undefined;
        try {
          if (archived instanceof Error) throw archived;
          const jobContext = archived ? await prepareBuild(archived.workspace, fonts) : context;
          const jobFile = archived ? archived.mapPath(job.file) : job.file;
          const built = await buildIssue(jobContext, browser, jobFile, job.output, { preflight, timeout });
          const images = [...built.resources].filter((url) => url.startsWith('file:') && !fonts.urls.includes(url)).map((url) => fileURLToPath(url));
          await cache.record(job.output, job.key, images);
          progress.done(name, built.warnings.filter((d: Diagnostic) => d.severity === 'warning'));
          process.stdout.write(`${built.output}\n`);
        } catch (error) {
          cache.forget(job.output);
          await rm(job.output, { force: true }); // whatever failed, nothing may pass for this issue's PDF
          if (error instanceof InputError) {
            progress.failed(name, () => reportDiagnostics(error.diagnostics));
            exitCode = Math.max(exitCode, ExitCode.invalidInput);
          } else if (error instanceof PreflightError) {
            progress.failed(name, () => process.stderr.write(`${error.message}\n预检未通过，已删除 ${error.file}（加 --no-preflight 可保留以便查看）\n`));
            exitCode = Math.max(exitCode, ExitCode.preflight);
          } else if (!browser.connected && !retried && !handle.closed) {
            // Chromium itself died: every issue in print went with it. Start a new one and try
            // this issue again, alone, after the others; if it fails again, it is the cause.
            if (handle.browser === browser) process.stderr.write('Chromium 意外退出，已重启浏览器；受影响的期将重新编排\n');
            await handle.restartIfCurrent(browser);
            retries.push(job);
          } else {
            const reason = (error as Error)?.name === 'TimeoutError' || !browser.connected ? 'Chromium 崩溃或超时' : '写出或处理 PDF 时出错';
            progress.failed(name, () =>
              process.stderr.write(`${name}: 编排失败：${reason}（${String((error as Error)?.message ?? error).split('\n')[0]}），已跳过此期继续编排其余各期\n`),
            );
            exitCode = Math.max(exitCode, ExitCode.environment);
            if (!handle.browser.connected && !handle.closed) await handle.restartIfCurrent(browser);
          }
        } finally {
          if (archived && !(archived instanceof Error)) await archived.cleanup();
        }
      };
      const pool = Math.max(1, Math.min(os.availableParallelism(), jobs.length));
      await Promise.all(
        Array.from({ length: pool }, async () => {
          for (let job = queue.shift(); job; job = queue.shift()) await buildOne(job, false);
        }),
      );
      for (const job of retries) await buildOne(job, true);
    });
  }
  await cache.save();
  progress.finish();
  return exitCode;
}
