import cliProgress from 'cli-progress';
import { formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';

/**
 * What `build` tells the editor while it works, on stderr (stdout carries the PDF paths):
 * a progress bar of issues done, failed and remaining on a terminal; on anything else (CI,
 * a pipe) plain lines, one per issue that failed, and a summary.
 */
export class BuildProgress {
  private readonly bar?: cliProgress.SingleBar;
  private failures = 0;
  private built = 0;

  constructor(
    private readonly total: number,
    private readonly upToDate: number,
    /** When the command started (Date.now()): the summary's time is the command's. */
    private readonly started = Date.now(),
  ) {
    if (process.stderr.isTTY && total > 1) {
      this.bar = new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: '编排 [{bar}] {value}/{total} 期 | 失败 {failed} | 剩余 {remaining} | {issue}',
          barCompleteChar: '█',
          barIncompleteChar: '░',
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, 0, { failed: 0, remaining: total, issue: '' });
    }
  }

  done(issue: string, warnings: Diagnostic[]): void {
    this.built++;
    this.step(issue, () => warnings.forEach((w) => process.stderr.write(`${formatDiagnostic(w)}\n`)));
  }

  failed(issue: string, report: () => void): void {
    this.failures++;
    this.step(issue, report);
  }

  finish(): void {
    this.bar?.stop();
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const skipped = this.upToDate > 0 ? `，${this.upToDate} 期未变化已跳过` : '';
    process.stderr.write(`编排完成：写出 ${this.built} 期${skipped}${this.failures ? `，${this.failures} 期失败` : ''}，用时 ${seconds} 秒\n`);
  }

  private step(issue: string, print: () => void): void {
    const count = this.built + this.failures;
    if (this.bar) {
      // Messages go above the bar: stop drawing, print, draw again.
      this.bar.stop();
      print();
      this.bar.start(this.total, count, { failed: this.failures, remaining: this.total - count, issue });
    } else print();
  }
}
