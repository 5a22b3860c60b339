// Incremental builds: a change to an issue's inputs, and only that, rebuilds exactly the
// issues it affects. Read from what `bulletin build` prints: the paths of the PDFs it wrote.
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { copySampleWorkspace, writeFiles } from '../helpers/workspace.ts';

let dir: string;
const SR7 = 'special-report-2026-007.pdf';
const SR8 = 'special-report-2026-008.pdf';
const WD41 = 'work-dynamics-2026-041.pdf';

/** Builds and returns the names of the PDFs written, sorted. */
async function build(...args: string[]): Promise<string[]> {
  const result = await runCli(['build', ...args], dir);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.split('\n').filter(Boolean).map((p) => path.basename(p)).sort();
}

beforeAll(async () => {
  dir = await copySampleWorkspace();
  expect(await build()).toEqual([SR7, SR8, WD41]);
});

describe('bulletin build, run again', () => {
  it('skips every issue when nothing changed, and says so', async () => {
    const result = await runCli(['build'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('写出 0 期，3 期未变化已跳过');
  });

  it('rebuilds only the issue that adopted an edited item', async () => {
    appendFileSync(path.join(dir, 'items/2026/11/grain-output.md'), '\n补充一句。\n');
    expect(await build()).toEqual([WD41]);
  });

  it('rebuilds only the issue whose image changed', async () => {
    appendFileSync(path.join(dir, 'items/2026/11/img/grain-output.svg'), '\n<!-- 更新 -->\n');
    expect(await build()).toEqual([WD41]);
  });

  it('rebuilds the issues whose 总第N期 follows from an edited issue', async () => {
    const file = path.join(dir, 'issues/2026/special-report-2026-007.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('total: 131', 'total: 141'));
    expect(await build()).toEqual([SR7, SR8]); // No. 8 continues from No. 7: 142 now
  });

  it('rebuilds everything after a change to a template or to the config', async () => {
    await writeFiles(dir, { 'templates/partials/note.hbs': '{{#if noteHtml}}<section class="note">{{{noteHtml}}}</section>{{/if}}\n' });
    expect(await build()).toEqual([SR7, SR8, WD41]);
    appendFileSync(path.join(dir, 'bulletin.config.yml'), '# 注释\n');
    expect(await build()).toEqual([SR7, SR8, WD41]);
  });

  it('sees an edited item however the issue lists it: a comment after it, a BOM, a flow list', async () => {
    const file = path.join(dir, 'issues/2026/special-report-2026-008.md');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, `\uFEFF${text.replace('  - items/2026/11/small-loans.md', '  - items/2026/11/small-loans.md   # 头条')}`);
    expect(await build()).toEqual([SR8]);
    appendFileSync(path.join(dir, 'items/2026/11/small-loans.md'), '\n补充一句。\n');
    expect(await build()).toEqual([SR8]);
    writeFileSync(file, text.replace('items:\n  - items/2026/11/small-loans.md', 'items: [items/2026/11/small-loans.md]'));
    expect(await build()).toEqual([SR8]);
    appendFileSync(path.join(dir, 'items/2026/11/small-loans.md'), '\n再补充一句。\n');
    expect(await build()).toEqual([SR8]);
  });

  it('does not take a PDF built without preflight for one that passed it', async () => {
    expect(await build('--no-preflight', 'issues/2026/special-report-2026-008.md')).toEqual([SR8]);
    expect(await build()).toEqual([SR8]);
  });

  it('rebuilds a PDF that was deleted, and everything with --force', async () => {
    rmSync(path.join(dir, 'dist/2026', SR8));
    expect(await build()).toEqual([SR8]);
    expect(await build('--force')).toEqual([SR7, SR8, WD41]);
  });
});
