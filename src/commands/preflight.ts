import { existsSync } from 'node:fs';
import path from 'node:path';
import { ExitCode } from '../diagnostics/exit-codes.ts';
import { formatProblem } from '../preflight/preflight-error.ts';
import { preflightPdf } from '../preflight/preflight-pdf.ts';
import { UsageError } from './usage-error.ts';

/** `bulletin preflight FILE.pdf…`: prints every problem; exit 4 if any. */
export async function preflightCommand(files: string[]): Promise<number> {
  let failed = false;
  for (const file of files) {
    if (!existsSync(file)) throw new UsageError(`找不到 PDF 文件“${file}”`);
    const problems = await preflightPdf(path.resolve(file));
    for (const problem of problems) process.stdout.write(`${formatProblem(file, problem)}\n`);
    if (problems.length > 0) failed = true;
    else process.stderr.write(`${file}: 预检通过\n`);
  }
  return failed ? ExitCode.preflight : ExitCode.ok;
}
