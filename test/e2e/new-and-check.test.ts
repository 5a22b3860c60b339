// `bulletin new` and `bulletin check` through the real CLI on temporary workspaces.
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { copySampleWorkspace, item, minimalWorkspace, writeFiles } from '../helpers/workspace.ts';

const field = (text: string, name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(text)?.[1];

describe('bulletin new', () => {
  it('writes the next issue of the year, continuing 总第N期, and prints its path', async () => {
    const dir = await copySampleWorkspace();
    const result = await runCli(['new', 'special-report', '--date', '2026-11-25', 'items/2026/10/gig-workers-injury-protection.md'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const file = result.stdout.trim();
    expect(file).toBe(path.join(dir, 'issues/2026/special-report-2026-009.md'));
    const text = readFileSync(file, 'utf8');
    expect(field(text, 'number')).toBe('9');
    expect(field(text, 'total')).toBe('133'); // 131 written in No. 7, 132 continued in No. 8
    expect(field(text, 'date')).toBe('2026-11-25');
    expect(field(text, 'editor')).toBe('"王芳"'); // carried over from the previous issue
    expect(text).toContain('  - "items/2026/10/gig-workers-injury-protection.md"');
    // and the new issue builds
    const build = await runCli(['build', file, '-o', path.join(dir, 'new.pdf')], dir);
    expect(build.code).toBe(0);
  });

  it('starts again at 1 in a new year', async () => {
    const dir = await copySampleWorkspace();
    const result = await runCli(['new', 'work-dynamics', '--date', '2027-01-04', 'items/2026/10/nanling-mutual-aid-canteens.md'], dir);
    const text = readFileSync(result.stdout.trim(), 'utf8');
    expect(field(text, 'number')).toBe('1');
    expect(field(text, 'total')).toBe('1210');
  });

  it('takes a folder’s items not yet adopted, in file-name order', async () => {
    const dir = await copySampleWorkspace();
    const result = await runCli(['new', 'work-dynamics', '--date', '2026-11-27', 'items/2026'], dir);
    expect(result.code).toBe(0);
    const listed = [...readFileSync(result.stdout.trim(), 'utf8').matchAll(/^ {2}- "(.+)"$/gm)].map((m) => m[1]);
    // the eight items adopted by the sample issues are left out
    expect(listed).toEqual([
      'items/2026/10/beihu-sangyuan-landslide-follow-up.md',
      'items/2026/10/beihu-sangyuan-landslide.md',
      'items/2026/10/dongjiang-enterprise-service-specialists.md',
      'items/2026/10/gig-workers-injury-protection.md',
      'items/2026/10/nanling-mutual-aid-canteens.md',
      'items/2026/11/dongjiang-old-community-property.md',
    ]);
  });

  it('gives concurrent commands different numbers and files', async () => {
    const dir = await minimalWorkspace();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => runCli(['new', 'special-report', '--date', '2026-11-20', 'items/a.md'], dir)),
    );
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const numbers = results.map((r) => field(readFileSync(r.stdout.trim(), 'utf8'), 'number')).sort();
    expect(numbers).toEqual(['2', '3', '4', '5']);
    expect((await readdir(path.join(dir, 'issues', '2026'))).length).toBe(4);
  });

  it('never takes the number of an issue file that has errors', async () => {
    const dir = await minimalWorkspace({ 'issues/sr-2.md': '---\npublication: special-report\nnumber: 2\ndate: 2026-11-31\nitems:\n  - items/a.md\n---\n' });
    const result = await runCli(['new', 'special-report', '--date', '2026-11-20', 'items/a.md'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('issues/sr-2.md 有错误');
    expect(field(readFileSync(result.stdout.trim(), 'utf8'), 'number')).toBe('3');
  });

  it('refuses an unknown periodical and a bad date with exit 2', async () => {
    const dir = await minimalWorkspace();
    const unknown = await runCli(['new', 'weekly'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('未知的刊物“weekly”');
    const badDate = await runCli(['new', 'special-report', '--date', '2026-13-01'], dir);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--date 应为 YYYY-MM-DD');
  });
});

describe('bulletin check', () => {
  it('passes the sample workspace', async () => {
    const result = await runCli(['check']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/: (?!警告)/); // warnings at most
  });

  it('lists every problem as path:line: message and exits 1', async () => {
    const dir = await minimalWorkspace();
    await writeFiles(dir, {
      'items/b.md': item({ title: '第二条', unit: '单位', date: '2026-11-31' }),
      'items/c.md': '没有字段区的信息\n',
      'issues/sr-dup.md': '---\npublication: special-report\nnumber: 1\ndate: 2026-11-05\nitems:\n  - items/a.md\n---\n',
    });
    const result = await runCli(['check'], dir);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    for (const line of lines) expect(line).toMatch(/^[^:]+(:\d+)?: /);
    expect(result.stdout).toContain('items/b.md:4: 字段 date：报送日期不是日历上存在的日期');
    expect(result.stdout).toContain('items/c.md:1: 信息文件开头缺少“---”包围的字段区');
    expect(result.stdout).toMatch(/issues\/sr-(1|dup)\.md:3: 期号重复：2026年第1期已由 issues\/sr-(1|dup)\.md 使用/);
    expect(result.stdout).toMatch(/issues\/sr-(1|dup)\.md:5: 信息“items\/a\.md”已被同一刊物的 issues\/sr-(1|dup)\.md 采用过/);
  });

  it('treats warnings as errors with --strict', async () => {
    const dir = await minimalWorkspace({ 'items/a.md': item({ title: '标题', unit: '单位', date: '2026-11-01', autors: '[张三]' }) });
    expect((await runCli(['check'], dir)).code).toBe(0);
    const strict = await runCli(['check', '--strict'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('items/a.md:5: 未知字段 autors，将被忽略（是否应为 authors？）');
  });
});
