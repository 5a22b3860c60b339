import { rm } from 'node:fs/promises';
import path from 'node:path';
import { displayPath, workspacePaths } from '../load/workspace-paths.ts';
import { existsSync } from 'node:fs';
import { InputError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { ExitCode } from '../diagnostics/exit-codes.ts';
import { buildIssue, defaultOutput, prepareBuild } from '../build-issue.ts';
import { listMarkdown } from '../load/load-workspace.ts';
import { PreflightError } from '../preflight/preflight-error.ts';
import { withBrowserHandle } from '../print/with-browser.ts';
import type { Browser } from 'puppeteer-core';
import { TimeoutError } from 'puppeteer-core';
import { openWorkspace } from '../workspace.ts';
import { reportDiagnostics } from './report.ts';
import { UsageError } from './usage-error.ts';

export interface BuildOptions {
  root: string;
  issues: string[];
  outDir?: string;
  output?: string;
  /** Check each PDF written (bulletin preflight); on by default. */
  preflight?: boolean;
  /** Seconds one issue may take in Chromium before it is given up and the browser restarted. */
  timeoutSeconds?: number;
}

/**
 * `bulletin build`: every named issue (or every issue under issues/) into a PDF. Prints the
 * path of each PDF written; an issue that fails is reported and the others still built.
 */
export async function buildCommand(options: BuildOptions): Promise<number> {
  if (options.output && options.issues.length !== 1) throw new UsageError('-o 只能与一个期文件一起使用：bulletin build ISSUE -o FILE.pdf');
  const paths = workspacePaths(options.root);
  const issueFiles = options.issues.length > 0 ? options.issues.map((f) => path.resolve(f)) : await listMarkdown(paths.issues);
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
  const context = await prepareBuild(workspace);
  if (context.fonts.missing.length > 0) {
    process.stderr.write(`缺少字体：${context.fonts.missing.map((r) => r.label).join('、')}；请运行 npm start 安装开源替代字体\n`);
    return ExitCode.environment;
  }
  let exitCode: number = ExitCode.ok;
  const timeout = (options.timeoutSeconds ?? 60) * 1000;
  await withBrowserHandle(async (handle) => {
    for (const file of issueFiles) {
      const output = outputOf(file);
      try {
        const built = await buildIssue(context, handle.browser, file, output, { preflight: options.preflight, timeout });
        reportDiagnostics(built.warnings.filter((d: Diagnostic) => d.severity === 'warning'));
        process.stdout.write(`${built.output}\n`);
      } catch (error) {
        if (error instanceof PreflightError) {
          process.stderr.write(`${error.message}\n预检未通过，已删除 ${error.file}（加 --no-preflight 可保留以便查看）\n`);
          exitCode = Math.max(exitCode, ExitCode.preflight);
          continue;
        }
        if (error instanceof InputError) {
          reportDiagnostics(error.diagnostics);
          exitCode = Math.max(exitCode, ExitCode.invalidInput);
          continue;
        }
        if (!isBrowserFailure(error, handle.browser)) throw error;
        // Chromium crashed or hung on this issue: report it, start a fresh browser, go on.
        process.stderr.write(`${displayPath(paths.root, file)}: 编排失败：Chromium 崩溃或超时（${(error as Error).message.split('\n')[0]}），已重启浏览器继续编排其余各期\n`);
        exitCode = Math.max(exitCode, ExitCode.environment);
        await handle.restart();
      }
    }
  });
  return exitCode;
}

/** A timeout, or any failure once the browser is gone, is the browser's, not the issue's. */
function isBrowserFailure(error: unknown, browser: Browser): boolean {
  return error instanceof TimeoutError || !browser.connected || /Target closed|Session closed|Protocol error|Connection closed/i.test(String((error as Error)?.message));
}
