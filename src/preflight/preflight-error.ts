import type { PreflightProblem } from './preflight-pdf.ts';

/** A built PDF failed preflight; it has been removed from its output path. */
export class PreflightError extends Error {
  readonly file: string;
  readonly problems: readonly PreflightProblem[];
  constructor(file: string, problems: readonly PreflightProblem[]) {
    super(problems.map((p) => formatProblem(file, p)).join('\n'));
    this.name = 'PreflightError';
    this.file = file;
    this.problems = problems;
  }
}

/** `FILE: 第N页：message` */
export function formatProblem(file: string, problem: PreflightProblem): string {
  return `${file}: ${problem.page ? `第${problem.page}页：` : ''}${problem.message}`;
}
