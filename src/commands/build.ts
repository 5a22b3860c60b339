import path from 'node:path';
import { existsSync } from 'node:fs';
import { InputError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { ExitCode } from '../diagnostics/exit-codes.ts';
import { buildIssue, defaultOutput, prepareBuild } from '../build-issue.ts';
import { listMarkdown } from '../load/load-workspace.ts';
import { withBrowser } from '../print/with-browser.ts';
import { openWorkspace } from '../workspace.ts';
import { reportDiagnostics } from './report.ts';
import { UsageError } from './usage-error.ts';

export interface BuildOptions {
  root: string;
  issues: string[];
  outDir?: string;
  output?: string;
}

/**
 * `bulletin build`: every named issue (or every issue under issues/) into a PDF. Prints the
 * path of each PDF written; an issue that fails is reported and the others still built.
 */
export async function buildCommand(options: BuildOptions): Promise<number> {
  if (options.output && options.issues.length !== 1) throw new UsageError('-o 只能与一个期文件一起使用：bulletin build ISSUE -o FILE.pdf');
  const workspace = await openWorkspace(options.root);
  reportDiagnostics(workspace.warnings);
  const issueFiles = options.issues.length > 0 ? options.issues.map((f) => path.resolve(f)) : await listMarkdown(workspace.paths.issues);
  for (const file of issueFiles) {
    if (!existsSync(file)) throw new UsageError(`找不到期文件“${file}”`);
  }
  if (issueFiles.length === 0) {
    process.stderr.write('issues/ 下没有期文件；用 bulletin new 生成一期\n');
    return ExitCode.ok;
  }
  const outDir = path.resolve(options.outDir ?? workspace.paths.dist);
  const context = await prepareBuild(workspace);
  if (context.fonts.missing.length > 0) {
    process.stderr.write(`缺少字体：${context.fonts.missing.map((r) => r.label).join('、')}；请运行 npm start 安装开源替代字体\n`);
    return ExitCode.environment;
  }
  let exitCode: number = ExitCode.ok;
  await withBrowser(async (browser) => {
    for (const file of issueFiles) {
      const output = options.output ? path.resolve(options.output) : defaultOutput(workspace, file, outDir);
      try {
        const built = await buildIssue(context, browser, file, output);
        reportDiagnostics(built.warnings.filter((d: Diagnostic) => d.severity === 'warning'));
        process.stdout.write(`${built.output}\n`);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        reportDiagnostics(error.diagnostics);
        exitCode = Math.max(exitCode, ExitCode.invalidInput);
      }
    }
  });
  return exitCode;
}
