import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ExitCode } from '../diagnostics/exit-codes.ts';
import { listMarkdown } from '../load/list-markdown.ts';
import { displayPath, resolveIssueArgument, workspacePaths } from '../load/workspace-paths.ts';
import { chromiumPath, launchEarly, type EarlyBrowser } from '../print/with-browser.ts';
import { defaultOutput } from '../write/output-path.ts';
import { preloadPipeline, runBatch, type BatchJob } from './build-batch.ts';
import { reportDiagnostics } from './report.ts';
import { UsageError } from './usage-error.ts';

/**
 * What a build needs once it knows whether it prints: the workspace's parsers and schemas,
 * the cache, the font lookup. Loaded after Chromium has been started (they are most of a
 * megabyte of code to parse), so that Chromium starts that much sooner.
 */
async function buildModules() {
  const [archive, cache, fonts, version, workspace, progress] = await Promise.all([
    import('../archive/archive-record.ts'),
    import('../cache/build-cache.ts'),
    import('../fonts/resolve-fonts.ts'),
    import('../version.ts'),
    import('../workspace.ts'),
    import('./build-progress.ts'),
  ]);
  return { ...archive, ...cache, ...fonts, ...version, ...workspace, ...progress };
}

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
  const started = Date.now(); // the summary's 用时 counts the check of what is up to date too
  if (options.output && options.issues.length !== 1) throw new UsageError('-o 只能与一个期文件一起使用：bulletin build ISSUE -o FILE.pdf');
  const paths = workspacePaths(options.root);
  const issueFiles = options.issues.length > 0 ? options.issues.map((f) => resolveIssueArgument(options.root, f)) : await listMarkdown(paths.issues);
  const outDir = path.resolve(options.outDir ?? paths.dist);
  const outputOf = (file: string) => (options.output ? path.resolve(options.output) : defaultOutput(paths, file, outDir));
  // An issue without its PDF will be printed: Chromium starts now, and the pipeline's modules
  // load, while the workspace is read.
  let early: EarlyBrowser | undefined;
  const startPrinting = () => {
    early ??= launchEarly();
    preloadPipeline();
  };
  if (issueFiles.some((file) => options.force || !existsSync(outputOf(file)))) startPrinting();
  const { BuildCache, BuildProgress, changedFiles, issueInputKey, openWorkspace, readArchiveRecords, recordFor, resolveFonts, sharedInputKey, toolFingerprint } = await buildModules();
  // The fonts are looked up meanwhile too: fontconfig runs in processes of its own.
  const resolvingFonts = resolveFonts({ workspaceFonts: paths.fonts });
  resolvingFonts.catch(() => undefined); // awaited below, once the workspace is known to be valid
  try {
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
    const fonts = await resolvingFonts;
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
    const jobs: BatchJob[] = [];
    let upToDate = 0;
    for (const file of issueFiles) {
      const output = outputOf(file);
      // An archived issue whose files were edited since is built from what was archived.
      const record = recordFor(records, displayPath(paths.root, file));
      const edited = record ? await changedFiles(paths.root, record) : [];
      const tag = edited.length > 0 ? record!.tag : undefined;
      const keyOf = () => issueInputKey(shared, workspace.sources, file, { total: workspace.totals.get(displayPath(paths.root, file)), source: tag ?? 'workspace', preflight });
      // An issue that must be built anyway has its key made when its turn comes, in the batch:
      // a cold build starts printing without hashing every issue's files first.
      const stale = options.force || !cache.knows(output);
      const key = stale ? undefined : await keyOf();
      if (key !== undefined && (await cache.isFresh(output, key))) {
        upToDate++;
        continue;
      }
      // Chromium starts while the other issues are still being looked at.
      startPrinting();
      if (tag) process.stderr.write(`${displayPath(paths.root, file)}: 已归档（标签 ${tag}），其后修改过 ${edited.join('、')}；按归档内容编排\n`);
      jobs.push({ file, output, key: key ?? keyOf, tag });
    }

    const progress = new BuildProgress(jobs.length, upToDate, started);
    let exitCode: number = ExitCode.ok;
    if (early && jobs.length > 0) {
      exitCode = await runBatch(jobs, { workspace, fonts, cache, progress, preflight, timeout: (options.timeoutSeconds ?? 60) * 1000, browser: early });
    }
    await cache.save();
    progress.finish();
    return exitCode;
  } finally {
    await early?.discard(); // unless the batch took it (and closed it)
  }
}
