// The summary line of `bulletin build`: its time is the command's, the check of what is up to
// date included — not only the printing, which is nothing when every issue was skipped.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BuildProgress } from '../../src/commands/build-progress.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

function summary(progress: BuildProgress): string {
  const written: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  progress.finish();
  vi.restoreAllMocks();
  return written.join('');
}

describe('BuildProgress', () => {
  it('counts the time from when the command started', () => {
    const startedFiveSecondsAgo = Date.now() - 5000;
    expect(summary(new BuildProgress(0, 100, startedFiveSecondsAgo))).toMatch(/^编排完成：写出 0 期，100 期未变化已跳过，用时 5\.\d 秒\n$/);
  });

  it('names the failed issues’ count beside those written', () => {
    const progress = new BuildProgress(2, 0);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    progress.done('issues/2026/a.md', []);
    progress.failed('issues/2026/b.md', () => undefined);
    vi.restoreAllMocks();
    expect(summary(progress)).toMatch(/^编排完成：写出 1 期，1 期失败，用时 0\.\d 秒\n$/);
  });
});
