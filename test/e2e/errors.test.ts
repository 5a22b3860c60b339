// Bad input through the real CLI: every problem named with its file and line, in Chinese,
// a non-zero exit, no stack trace, and nothing left at the output path.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { item, minimalWorkspace, writeFiles } from '../helpers/workspace.ts';

const ISSUE = 'issues/sr-1.md';

/** Builds the workspace's issue to out.pdf, where a stale PDF from an earlier build waits. */
async function buildWithStaleOutput(dir: string) {
  const output = path.join(dir, 'out.pdf');
  writeFileSync(output, '%PDF-1.4 stale');
  const result = await runCli(['build', ISSUE, '-o', output], dir);
  return { ...result, outputExists: existsSync(output) };
}

function expectCleanFailure(result: { code: number | null; stderr: string; outputExists: boolean }) {
  expect(result.code).toBe(1);
  expect(result.outputExists).toBe(false);
  expect(result.stderr).not.toMatch(/^\s+at /m); // no stack trace
}

describe('errors in the editor’s files', () => {
  it('names a missing required field with its file and line', async () => {
    const dir = await minimalWorkspace({ 'items/a.md': item({ unit: '测试区委办公室', date: '2026-11-01' }) });
    const result = await buildWithStaleOutput(dir);
    expectCleanFailure(result);
    expect(result.stderr).toContain('items/a.md:2: 缺少必填字段 title（标题）');
  });

  it('reports every problem of a file at once', async () => {
    const dir = await minimalWorkspace({ 'items/a.md': item({ titel: '标题', unit: '单位', date: '2026-02-30' }) });
    const result = await buildWithStaleOutput(dir);
    expectCleanFailure(result);
    expect(result.stderr).toContain('items/a.md:2: 缺少必填字段 title');
    expect(result.stderr).toContain('items/a.md:4: 字段 date：报送日期不是日历上存在的日期，现为“2026-02-30”');
    expect(result.stderr).toContain('items/a.md:2: 警告：未知字段 titel，将被忽略（是否应为 title？）');
  });

  it('points at the line of a YAML syntax error', async () => {
    const dir = await minimalWorkspace({
      [ISSUE]: '---\npublication: special-report\nnumber: 1\ndate: 2026-11-02\nitems: [items/a.md\n---\n',
    });
    const result = await buildWithStaleOutput(dir);
    expectCleanFailure(result);
    expect(result.stderr).toMatch(/issues\/sr-1\.md:\d+: YAML 语法错误/);
  });

  it('names an author written as a YAML alias, without an internal error', async () => {
    const dir = await minimalWorkspace({ 'items/a.md': '---\ntitle: 标题\nunit: 单位\ndate: 2026-11-01\nauthors: [*林晓]\n---\n正文。\n' });
    const result = await buildWithStaleOutput(dir);
    expectCleanFailure(result);
    expect(result.stderr).toContain('items/a.md:5: YAML 语法错误：“*林晓”是对锚点“&林晓”的引用');
    expect(result.stderr).not.toContain('内部错误');
  });

  it('names a missing item at the line that lists it', async () => {
    const dir = await minimalWorkspace({
      [ISSUE]: '---\npublication: special-report\nnumber: 1\ndate: 2026-11-02\nitems:\n  - items/a.md\n  - items/missing.md\n---\n',
    });
    const result = await buildWithStaleOutput(dir);
    expectCleanFailure(result);
    expect(result.stderr).toContain('issues/sr-1.md:7: 找不到信息文件“items/missing.md”');
  });

  it('refuses an item path that leaves the workspace', async () => {
    const dir = await minimalWorkspace({
      [ISSUE]: '---\npublication: special-report\nnumber: 1\ndate: 2026-11-02\nitems:\n  - ../../etc/passwd.md\n---\n',
    });
    const result = await buildWithStaleOutput(dir);
    expectCleanFailure(result);
    expect(result.stderr).toContain('issues/sr-1.md:6: 信息路径“../../etc/passwd.md”指向工作区之外');
  });

  it('names an unknown publication and lists the known ones', async () => {
    const dir = await minimalWorkspace({
      [ISSUE]: '---\npublication: special-reprot\nnumber: 1\ndate: 2026-11-02\nitems:\n  - items/a.md\n---\n',
    });
    const result = await buildWithStaleOutput(dir);
    expectCleanFailure(result);
    expect(result.stderr).toContain('issues/sr-1.md:2: 字段 publication：未知的刊物“special-reprot”');
    expect(result.stderr).toContain('special-report、work-dynamics');
  });

  it('rejects a date that is not YYYY-MM-DD', async () => {
    const dir = await minimalWorkspace({
      [ISSUE]: '---\npublication: special-report\nnumber: 1\ndate: 2026/11/02\nitems:\n  - items/a.md\n---\n',
    });
    const result = await buildWithStaleOutput(dir);
    expectCleanFailure(result);
    expect(result.stderr).toContain('issues/sr-1.md:4: 字段 date：出刊日期应为 YYYY-MM-DD 格式的日期，如 2026-11-18，现为“2026/11/02”');
  });

  it('reports a broken config file with its line', async () => {
    const dir = await minimalWorkspace({ 'bulletin.config.yml': 'organization: 测试\npublications:\n  special-report:\n    template: special-report\n' });
    const result = await buildWithStaleOutput(dir);
    expectCleanFailure(result);
    expect(result.stderr).toContain('bulletin.config.yml:3: 缺少必填字段 publications.special-report.name');
  });

  it('reports a missing image of an item with its line', async () => {
    const dir = await minimalWorkspace({
      'items/a.md': item({ title: '标题', unit: '单位', date: '2026-11-01' }, '第一段。\n\n![图](img/none.png)\n'),
    });
    const result = await buildWithStaleOutput(dir);
    expectCleanFailure(result);
    expect(result.stderr).toContain('items/a.md:8: 找不到图片文件“img/none.png”');
  });

  it('will not guess 总第N期 past an earlier issue that has errors', async () => {
    const dir = await minimalWorkspace({
      'issues/sr-0.md': '---\npublication: special-report\nnumber: 1\ntotal: 40\ndate: 2026-10-31\nitems: [items/a.md]\n---\n',
      [ISSUE]: '---\npublication: special-report\nnumber: 2\ndate: 2026-11-02\nitems:\n  - items/a.md\n---\n',
      'issues/sr-bad.md': '---\npublication: special-report\nnumber: 3\ndate: 2026-10-32\nitems: [items/a.md]\n---\n',
    });
    const result = await buildWithStaleOutput(dir);
    expectCleanFailure(result);
    expect(result.stderr).toContain('issues/sr-1.md:1: 无法推算总期号：issues/sr-bad.md 有错误');
  });

  it('names an item saved as GBK instead of printing it as garbage', async () => {
    const dir = await minimalWorkspace();
    writeFileSync(path.join(dir, 'items/a.md'), Buffer.from([...Buffer.from('---\ntitle: '), 0xb2, 0xe2, 0xca, 0xd4, ...Buffer.from('\nunit: x\ndate: 2026-11-01\n---\n')]));
    const result = await buildWithStaleOutput(dir);
    expectCleanFailure(result);
    expect(result.stderr).toContain('items/a.md:1: 文件不是 UTF-8 编码（可能是 GBK 或 GB2312）');
  });

  it('checks an item an issue lists from outside items/', async () => {
    const dir = await minimalWorkspace({
      'drafts/x.md': item({ title: '草稿', unit: '单位', date: '2026-02-30' }),
      [ISSUE]: '---\npublication: special-report\nnumber: 1\ndate: 2026-11-02\nitems:\n  - drafts/x.md\n---\n',
    });
    const result = await runCli(['check'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('drafts/x.md:4: 字段 date：报送日期不是日历上存在的日期');
  });

  it('builds the other issues of a batch when one is bad, and exits 1', async () => {
    const dir = await minimalWorkspace();
    await writeFiles(dir, { 'issues/sr-2.md': '---\npublication: special-report\nnumber: 2\ndate: 2026-11-03\nitems: []\n---\n' });
    const result = await runCli(['build', '--out', path.join(dir, 'out')], dir);
    expect(result.code).toBe(1);
    expect(result.stdout.trim()).toBe(path.join(dir, 'out', 'sr-1.pdf'));
    expect(result.stderr).toContain('issues/sr-2.md:5: 字段 items：采用的信息（items）至少要有一条');
    expect(existsSync(path.join(dir, 'out', 'sr-2.pdf'))).toBe(false);
  });
});

describe('the command line', () => {
  it('exits 2 with a Chinese message on an unknown option', async () => {
    const result = await runCli(['build', '--frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('未知的选项“--frobnicate”');
  });

  it('exits 2 when -o is given with more than one issue', async () => {
    const dir = await minimalWorkspace();
    const result = await runCli(['build', ISSUE, ISSUE, '-o', 'x.pdf'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('-o 只能与一个期文件一起使用');
  });

  it('accepts --root before and after the command’s arguments', async () => {
    const dir = await minimalWorkspace();
    const before = await runCli(['--root', dir, 'check'], '/');
    const after = await runCli(['check', '--root', dir], '/');
    expect(before.code).toBe(0);
    expect(after.code).toBe(0);
    // an issue path is found in the current folder or, failing that, in the workspace
    const out = path.join(dir, 'root.pdf');
    const build = await runCli(['build', ISSUE, '--root', dir, '-o', out], '/');
    expect(build.code, build.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    const missing = await runCli(['check'], '/');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('找不到配置文件 bulletin.config.yml');
  });

  it('has --help for every command, in Chinese', async () => {
    for (const command of ['build', 'new', 'check', 'fonts']) {
      const result = await runCli([command, '--help']);
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toMatch(/[\u4e00-\u9fff]/);
      expect(result.stdout, command).toContain(`bulletin ${command}`);
    }
  });
});
