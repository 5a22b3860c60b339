// `bulletin print` end to end: a commander program with the command registered, real
// Chromium, and the print files read back with poppler. (Through the real `bulletin`
// binary too, once src/cli.ts registers the command.)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerPrintCommand } from '../../src/commands/print.ts';
import { UsageError } from '../../src/commands/usage-error.ts';
import { runCli } from '../helpers/cli.ts';
import { pdfFonts, pdfInfo } from '../helpers/pdf.ts';
import { copyNumbers, FIRST_LINE, MM, pageIsBlank, pageText } from '../helpers/print-pdf.ts';
import { minimalWorkspace, REPO } from '../helpers/workspace.ts';

const issue = (fields: string) => `---\n${fields}\nitems:\n  - items/a.md\n---\n`;
let dir: string;

/** Runs `bulletin print …` in-process; returns what it printed on stdout and its exit code. */
async function print(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  let code = -1;
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  const program = new Command('bulletin').exitOverride();
  registerPrintCommand({ program, setExitCode: (c) => (code = c) });
  await program.parseAsync(['print', ...args, '--root', dir], { from: 'user' });
  return { stdout, stderr, code };
}

/** Runs it where a stale print file waits at `output`, expecting a UsageError. */
async function refused(args: string[], output: string): Promise<UsageError> {
  writeFileSync(output, '%PDF-1.4 stale');
  const error = await print(...args, '-o', output).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  expect(existsSync(output), 'nothing left at the output path').toBe(false);
  return error as UsageError;
}

const file = (rel: string) => path.join(dir, rel);
const pages = (pdf: string) => Number(pdfInfo(pdf).Pages);

beforeAll(async () => {
  dir = await minimalWorkspace({
    // 机密 with the periodical's 30 copies; 秘密 in a periodical that has no copies
    'issues/secret.md': issue('publication: special-report\nnumber: 2\ndate: 2026-11-03\nclassification: 机密★1年'),
    'issues/wd-secret.md': issue('publication: work-dynamics\nnumber: 1\ndate: 2026-11-04\nclassification: 秘密'),
  });
});

afterEach(() => vi.restoreAllMocks());

describe('bulletin print', () => {
  it('writes N numbered copies, each even, to dist/…-copies.pdf and prints the path', async () => {
    const result = await print(file('issues/sr-1.md'), '--copies', '3', '--from', '7');
    const output = file('dist/sr-1-copies.pdf');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${output}\n`);
    expect(result.stderr).toContain('印数 3 与报尾的“（共印30份）”不一致');
    expect(pages(output)).toBe(6); // a one-page issue and its blank, three times
    expect(copyNumbers(output).map((w) => [w.page, w.text])).toEqual([
      [1, '000007'],
      [3, '000008'],
      [5, '000009'],
    ]);
    for (const blank of [2, 4, 6]) expect(pageIsBlank(output, blank), `page ${blank}`).toBe(true);
    // no marking: GB/T 9704's place, flush left on the first line of the text block
    for (const number of copyNumbers(output)) {
      expect(Math.abs(number.xMin - FIRST_LINE.left)).toBeLessThan(1 * MM);
      expect(Math.abs((number.yMin + number.yMax) / 2 - FIRST_LINE.centre)).toBeLessThan(1 * MM);
    }
    for (const f of pdfFonts(output)) {
      expect(f.embedded, f.name).toBe(true);
      expect(f.type, f.name).not.toBe('Type 3');
    }
  });

  it('numbers a classified issue’s copies by default, flush right beside its marking', async () => {
    const output = file('out/secret.pdf');
    const result = await print(file('issues/secret.md'), '-o', output);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(pages(output)).toBe(60);
    const numbers = copyNumbers(output);
    expect(numbers.map((w) => w.text)).toEqual(Array.from({ length: 30 }, (_, i) => String(i + 1).padStart(6, '0')));
    expect(numbers.every((w, i) => w.page === 2 * i + 1)).toBe(true);
    expect(Math.abs(numbers[0]!.xMax - FIRST_LINE.right)).toBeLessThan(1 * MM);
    expect(pageText(output, 1).startsWith('机密★1年000001')).toBe(true);
  });

  it('imposes each copy as its own booklet on A3 with --booklet', async () => {
    const result = await print(file('issues/sr-1.md'), '--copies', '2', '--booklet');
    const output = file('dist/sr-1-copies-booklet.pdf');
    expect(result.stdout).toBe(`${output}\n`);
    expect(pdfInfo(output)['Page size']).toMatch(/\(A3\)/);
    expect(pages(output)).toBe(4); // per copy: one sheet, two sides
    const half = { y: 0, w: 595.28, h: 841.89 };
    for (const [side, number] of [
      [1, '000001'],
      [3, '000002'],
    ] as const) {
      expect(pageText(output, side, { x: 0, ...half }), `side ${side} left`).toBe('');
      expect(pageText(output, side, { x: 595.28, ...half })).toMatch(new RegExp(`^${number}信息专报`));
      expect(pageIsBlank(output, side + 1), `side ${side + 1}`).toBe(true);
    }
    const [first] = copyNumbers(output);
    expect(Math.abs(first!.xMin - (210 + 28) * MM)).toBeLessThan(1 * MM);
  });

  it('imposes without numbers with --copies 0 --booklet', async () => {
    const result = await print(file('issues/sr-1.md'), '--copies', '0', '--booklet');
    const output = file('dist/sr-1-booklet.pdf');
    expect(result.stdout).toBe(`${output}\n`);
    expect(pages(output)).toBe(2);
    expect(copyNumbers(output)).toEqual([]);
  });

  it('refuses a classified issue without copy numbers, in Chinese, leaving nothing behind', async () => {
    const zero = await refused([file('issues/secret.md'), '--copies', '0'], file('zero.pdf'));
    expect(zero.message).toContain('标注了密级“机密★1年”，涉密件每份都必须编份号');
    expect(zero.message).toContain('--copies 0');
    const missing = await refused([file('issues/wd-secret.md')], file('missing.pdf'));
    expect(missing.message).toContain('issues/wd-secret.md 标注了密级“秘密”');
    expect(missing.message).toContain('用 --copies N 指定印数');
  });

  it('refuses bad numbers on the command line', async () => {
    expect((await refused([file('issues/sr-1.md'), '--copies', 'abc'], file('abc.pdf'))).message).toContain('--copies 应为非负整数');
    expect((await refused([file('issues/sr-1.md'), '--from', '0'], file('from.pdf'))).message).toContain('--from 应为正整数');
    expect((await refused([file('issues/sr-1.md'), '--from', '999999', '--copies', '2'], file('big.pdf'))).message).toContain('份号只有 6 位');
    expect((await refused([file('issues/sr-1.md'), '--copies', '0'], file('zero-plain.pdf'))).message).toContain('只能与 --booklet 一起使用');
  });

  it('describes itself in Chinese', () => {
    const program = new Command('bulletin');
    registerPrintCommand({ program, setExitCode: () => undefined });
    const help = program.commands.find((c) => c.name() === 'print')!.helpInformation();
    expect(help).toContain('份号');
    expect(help).toContain('-h, --help');
    expect(help).toContain('显示帮助');
    expect(help).toContain('--root');
  });

  // The exit code is the CLI's mapping of UsageError; this runs once src/cli.ts registers print.
  it.runIf(readFileSync(path.join(REPO, 'src/cli.ts'), 'utf8').includes('registerPrintCommand'))(
    'exits 2 through the real bulletin command for a classified issue without copies',
    async () => {
      const result = await runCli(['print', 'issues/wd-secret.md', '-o', 'x.pdf'], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('错误：issues/wd-secret.md 标注了密级“秘密”');
      expect(existsSync(file('x.pdf'))).toBe(false);
    },
  );
});
