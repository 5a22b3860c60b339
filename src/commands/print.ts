import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { buildIssue, defaultOutput, issueToHtml, prepareBuild } from '../build-issue.ts';
import { ExitCode } from '../diagnostics/exit-codes.ts';
import type { FontSet } from '../fonts/resolve-fonts.ts';
import type { FontRole } from '../fonts/font-roles.ts';
import { displayPath, resolveIssueArgument, workspacePaths } from '../load/workspace-paths.ts';
import { BOOKLET_FIRST_PAGE_ORIGIN, imposeBooklet } from '../postprocess/impose-booklet.ts';
import { MAX_COPY_NUMBER, stampCopies } from '../postprocess/stamp-copies.ts';
import { formatProblem, PreflightError } from '../preflight/preflight-error.ts';
import { EnvironmentError, withBrowser } from '../print/with-browser.ts';
import type { Issue } from '../validate/model.ts';
import { openWorkspace } from '../workspace.ts';
import { changedFiles, readArchiveRecords, recordFor } from '../archive/archive-record.ts';
import { archivedWorkspace } from '../archive/archived-build.ts';
import { writeFileAtomic } from '../write/write-file-atomic.ts';
import { rootOf, rootOption, type CommandRegistry } from './cli-common.ts';
import { reportDiagnostics } from './report.ts';
import { UsageError } from './usage-error.ts';

/** What `bulletin print` was asked for, its command-line values parsed. */
export interface PrintOptions {
  root: string;
  /** The issue file, relative to the current directory. */
  issue: string;
  /** Copies to number; default the issue's `copies`. 0: no copy numbers (only with `booklet`). */
  copies?: number;
  /** The first copy number. Default 1. */
  from?: number;
  /** Impose 2-up on A3 for saddle stitching. */
  booklet?: boolean;
  /** Default: the build's PDF path with `-copies` (and `-booklet`) before `.pdf`. */
  output?: string;
}

/** Classifications (密级) under which every printed copy must carry a copy number. */
const CLASSIFIED = /秘密|机密|绝密/;

/**
 * `bulletin print`: the issue's print file. The issue is built once with the ordinary
 * pipeline; the copies, their numbers and the booklet imposition are then done with pdf-lib
 * on those bytes, so every copy is the very same typesetting. Prints the path written.
 */
export async function printCommand(options: PrintOptions): Promise<number> {
  const paths = workspacePaths(options.root);
  const issueFile = resolveIssueArgument(options.root, options.issue);
  const output = printOutput(options);
  let temp: string | undefined;
  let cleanupArchive: (() => Promise<void>) | undefined;
  try {
    if (!existsSync(issueFile)) throw new UsageError(`找不到期文件“${options.issue}”`);
    let workspace = await openWorkspace(options.root);
    reportDiagnostics(workspace.warnings);
    // Copies are what is distributed: an archived issue edited since prints as archived.
    let sourceFile = issueFile;
    const record = recordFor(await readArchiveRecords(paths.root), displayPath(paths.root, issueFile));
    const edited = record ? await changedFiles(paths.root, record) : [];
    if (record && edited.length > 0) {
      process.stderr.write(`${displayPath(paths.root, issueFile)}: 已归档（标签 ${record.tag}），其后修改过 ${edited.join('、')}；按归档内容付印\n`);
      const archived = await archivedWorkspace(paths.root, record.tag);
      cleanupArchive = archived.cleanup;
      workspace = archived.workspace;
      sourceFile = archived.mapPath(issueFile);
    }
    const context = await prepareBuild(workspace);
    if (context.fonts.missing.length > 0) {
      throw new EnvironmentError(`缺少字体：${context.fonts.missing.map((r) => r.label).join('、')}；请运行 npm start 安装开源替代字体`);
    }
    // Validating before Chromium starts: a refused print costs no rendering. buildIssue
    // repeats these cheap steps; its own code then makes the PDF exactly as `build` does.
    const { issue, warnings } = await issueToHtml(context, sourceFile);
    reportDiagnostics(warnings.filter((d) => d.severity === 'warning'));
    const copies = copiesToPrint(issue, options, displayPath(paths.root, issueFile));
    const font = copies > 0 ? await readFile(digitFontFile(context.fonts)) : undefined;

    temp = await mkdtemp(path.join(os.tmpdir(), 'bulletin-print-'));
    const built = path.join(temp, 'issue.pdf');
    await withBrowser((browser) => buildIssue(context, browser, sourceFile, built));
    let pdf: Uint8Array = await readFile(built);
    // Imposed first, numbered after: the sheets of one booklet are made once, and each copy
    // is a set of those sheets with its number where page 1 lies.
    if (options.booklet) pdf = await imposeBooklet(pdf);
    if (font) {
      pdf = await stampCopies(pdf, {
        copies,
        from: options.from,
        font,
        align: copyNumberAlign(issue),
        origin: options.booklet ? BOOKLET_FIRST_PAGE_ORIGIN : undefined,
      });
    }
    await writeFileAtomic(output, pdf);
    process.stdout.write(`${output}\n`);
    return ExitCode.ok;
  } catch (error) {
    await rm(output, { force: true });
    // The issue itself failed preflight (as `build` would report it): nothing goes to print.
    if (error instanceof PreflightError) {
      const file = displayPath(paths.root, issueFile); // not the temporary PDF's path
      for (const problem of error.problems) process.stderr.write(`${formatProblem(file, problem)}\n`);
      process.stderr.write('预检未通过，未生成付印文件\n');
      return ExitCode.preflight;
    }
    throw error;
  } finally {
    if (temp) await rm(temp, { recursive: true, force: true });
    await cleanupArchive?.();
  }
}

/**
 * Where the print file goes: -o, else the build's path in dist/ with `-copies` (numbered) and
 * `-booklet` (imposed) before `.pdf`, so the two kinds of print file never overwrite each other.
 */
export function printOutput(options: Pick<PrintOptions, 'root' | 'issue' | 'copies' | 'booklet' | 'output'>): string {
  if (options.output) return path.resolve(options.output);
  const paths = workspacePaths(options.root);
  const suffix = `${options.copies === 0 ? '' : '-copies'}${options.booklet ? '-booklet' : ''}`;
  return defaultOutput(paths, resolveIssueArgument(options.root, options.issue), paths.dist).replace(/\.pdf$/, `${suffix}.pdf`);
}

/** How many copies to number: --copies, else the issue's (or its periodical's) `copies`. */
function copiesToPrint(issue: Issue, options: PrintOptions, file: string): number {
  const copies = options.copies ?? issue.copies;
  if (issue.classification && CLASSIFIED.test(issue.classification) && !copies) {
    throw new UsageError(
      `${file} 标注了密级“${issue.classification}”，涉密件每份都必须编份号，不能${copies === 0 ? '用 --copies 0 不编号' : '不指定印数'}：` +
        '用 --copies N 指定印数，或在期文件、bulletin.config.yml 中写 copies',
    );
  }
  if (copies === undefined) {
    throw new UsageError(`${file} 没有印数：用 --copies N 指定，或在期文件、bulletin.config.yml 中写 copies`);
  }
  if (copies === 0 && !options.booklet) {
    throw new UsageError('--copies 0（不编份号）只能与 --booklet 一起使用；只要 PDF 请用 bulletin build');
  }
  const from = options.from ?? 1;
  if (copies === 0 && options.from !== undefined) throw new UsageError('--from 只能在编份号时使用（--copies 不为 0）');
  if (copies > 0 && from + copies - 1 > MAX_COPY_NUMBER) {
    throw new UsageError(`份号只有 6 位：从 ${from} 起印 ${copies} 份会超过 ${MAX_COPY_NUMBER}`);
  }
  if (copies > 0 && issue.copies !== undefined && copies !== issue.copies) {
    process.stderr.write(`${file}: 警告：印数 ${copies} 与报尾的“（共印${issue.copies}份）”不一致\n`);
  }
  return copies;
}

/**
 * GB/T 9704 puts the copy number flush left on the first line of the text block and the
 * classification on the second. Our mastheads print their marking (内部资料, a 密级) flush
 * left on that first line, so when there is one the number goes flush right on the same
 * line — "top right", as 简报 practice has it (LAYOUT.md §5) — and nothing moves.
 */
export function copyNumberAlign(issue: Pick<Issue, 'classification'>): 'left' | 'right' {
  return issue.classification?.trim() ? 'right' : 'left';
}

/** The roles whose face may print the digits, most fitting first: 宋体 is the page numbers' face. */
const DIGIT_ROLES: FontRole[] = ['songti', 'fangsong', 'heiti', 'kaiti', 'biaosong'];

/**
 * A font file pdf-lib can embed as a subset for the digits. Collections (.ttc) are skipped:
 * pdf-lib cannot pick a face out of one.
 */
function digitFontFile(fonts: FontSet): string {
  for (const role of DIGIT_ROLES) {
    const file = fonts.choices.find((c) => c.role === role)?.file;
    if (file && /\.(ttf|otf)$/i.test(file)) return file;
  }
  throw new EnvironmentError('找不到可用于份号数字的字体文件（.ttf 或 .otf 的宋体、仿宋等）；请运行 npm start 安装开源替代字体');
}

/** A non-negative whole number from the command line, or a UsageError naming the option. */
function wholeNumber(value: string | undefined, option: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${option} 应为${min > 0 ? '正' : '非负'}整数，如 ${option} 40，而不是“${value}”`);
  return Number(value);
}

/** Registers `bulletin print ISSUE [--copies N] [--from K] [--booklet] [-o FILE]`. */
export function registerPrintCommand({ program, setExitCode }: CommandRegistry): void {
  program
    .command('print')
    .description('生成一期的付印 PDF：逐份编 6 位份号（每份补足偶数页，便于双面印刷），可按骑马订拼成 A3 小册子。输出写出的路径')
    .argument('<issue>', '期文件路径，如 issues/2026/special-report-2026-007.md')
    .option('--copies <n>', '印数，即编号的份数（默认取期文件或刊物配置的 copies）；0 表示不编份号（仅与 --booklet 一起使用）')
    .option('--from <k>', '起始份号（默认 1）')
    .option('--booklet', '按骑马订顺序两版拼在 A3 横向纸上（每份单独拼版，页数补足 4 的倍数）')
    .option('-o, --output <file>', '写到这个 PDF 文件（默认为 dist/ 下与 build 相同的路径，文件名加 -copies）')
    .addOption(rootOption())
    .helpOption('-h, --help', '显示帮助')
    .action(async (issue: string, opts: { copies?: string; from?: string; booklet?: boolean; output?: string }, command: Command) => {
      const options = { root: rootOf(command), issue, booklet: opts.booklet, output: opts.output };
      let copies: number | undefined;
      let from: number | undefined;
      try {
        copies = wholeNumber(opts.copies, '--copies', 0);
        from = wholeNumber(opts.from, '--from', 1);
      } catch (error) {
        await rm(printOutput(options), { force: true }); // as for any failed print: no stale file
        throw error;
      }
      setExitCode(await printCommand({ ...options, copies, from }));
    });
}
