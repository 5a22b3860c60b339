// The archive in a real git repository in a temporary folder: archive, frozen items,
// building from what was archived, verify, corrections, list, byte-identical rebuilds.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { copySampleWorkspace, tempDirSync } from '../helpers/workspace.ts';

const SR7 = 'issues/2026/special-report-2026-007.md';
const ITEM = 'items/2026/11/rural-collective-economy-research.md';
let dir: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const record = () => JSON.parse(readFileSync(path.join(dir, 'archive/special-report/2026/007.json'), 'utf8'));

beforeAll(async () => {
  dir = await copySampleWorkspace();
  git('init', '-q');
  git('config', 'user.name', '王芳');
  git('config', 'user.email', 'wangfang@example.cn');
  writeFileSync(path.join(dir, '.gitignore'), 'dist/\n.cache/\n');
  git('add', '-A');
  git('commit', '-q', '-m', '初始');
});

describe('bulletin archive', () => {
  it('refuses a folder that is not a git repository', async () => {
    const plain = await copySampleWorkspace();
    const result = await runCli(['archive', SR7], plain);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('不在 git 仓库中');
  });

  it('refuses to commit without a git identity', async () => {
    const bare = await copySampleWorkspace();
    execFileSync('git', ['init', '-q'], { cwd: bare });
    const home = tempDirSync('home-');
    const result = await runCli(['archive', SR7], bare, { HOME: home, GIT_CONFIG_GLOBAL: path.join(home, 'none'), GIT_CONFIG_NOSYSTEM: '1' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('git 没有设置提交人');
  });

  it('refuses an issue that fails check, and commits nothing', async () => {
    const broken = await copySampleWorkspace();
    execFileSync('git', ['init', '-q'], { cwd: broken });
    execFileSync('git', ['config', 'user.name', '王芳'], { cwd: broken });
    execFileSync('git', ['config', 'user.email', 'wangfang@example.cn'], { cwd: broken });
    const issue = path.join(broken, 'issues/2026/special-report-2026-008.md');
    writeFileSync(issue, readFileSync(issue, 'utf8').replace('items/2026/11/small-loans.md', 'items/2026/11/missing.md'));
    const result = await runCli(['archive', 'issues/2026/special-report-2026-008.md'], broken);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('找不到信息文件“items/2026/11/missing.md”');
    expect(execFileSync('git', ['tag'], { cwd: broken, encoding: 'utf8' })).toBe('');
  });

  it('commits the issue, its item, the config and a record as one commit, and tags it', async () => {
    writeFileSync(path.join(dir, 'notes.txt'), '与本期无关的笔记\n');
    git('add', 'notes.txt'); // staged, and must stay out of the archive commit
    const result = await runCli(['archive', SR7], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('special-report/2026/007');
    expect(git('log', '-1', '--format=%s')).toBe('归档：信息专报 2026年第7期');
    expect(git('tag', '--list')).toBe('special-report/2026/007');
    expect(git('rev-parse', 'special-report/2026/007^{commit}')).toBe(git('rev-parse', 'HEAD'));
    expect(git('show', '--name-only', '--format=', 'HEAD').split('\n').sort()).toEqual(
      ['archive/special-report/2026/007.json'].sort(), // the sample files were committed before, unchanged
    );
    expect(git('status', '--porcelain')).toContain('A  notes.txt');
    const r = record();
    expect(r.tag).toBe('special-report/2026/007');
    expect(Object.keys(r.files)).toEqual([SR7, ITEM]);
    expect(r.files[ITEM]).toBe(sha(path.join(dir, ITEM)));
    expect(r.pdf.sha256).toBe(sha(path.join(dir, 'dist/2026/special-report-2026-007.pdf')));
    expect(r.fonts.map((f: { role: string }) => f.role)).toEqual(['fangsong', 'kaiti', 'heiti', 'biaosong', 'songti']);
    expect(r.chromium).toMatch(/Chromium/);
  });

  it('will not archive the same issue twice without a correction', async () => {
    const result = await runCli(['archive', SR7], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('已于标签 special-report/2026/007 归档');
  });

  it('catches an edit to an archived item, and builds the archived content all the same', async () => {
    appendFileSync(path.join(dir, ITEM), '\n归档后加的一句。\n');
    const check = await runCli(['check'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`${ITEM}:1: 此文件已随《信息专报 2026年第7期》归档（标签 special-report/2026/007），归档后不得修改`);
    const output = path.join(dir, 'again.pdf');
    const build = await runCli(['build', SR7, '-o', output], dir);
    expect(build.code).toBe(0);
    expect(build.stderr).toContain('按归档内容编排');
    expect(sha(output)).toBe(record().pdf.sha256);
    // and the copies distributed are made from the archived content too
    const copies = path.join(dir, 'copies.pdf');
    const print = await runCli(['print', SR7, '--copies', '1', '-o', copies], dir);
    expect(print.code, print.stderr).toBe(0);
    expect(print.stderr).toContain('按归档内容付印');
    expect(execFileSync('pdftotext', [copies, '-'], { encoding: 'utf8' })).not.toContain('归档后加的一句');
  });

  it('verifies every archived issue by rebuilding it, and explains a mismatch', async () => {
    const ok = await runCli(['verify'], dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('一致：信息专报 2026年第7期（special-report/2026/007）');
    const file = path.join(dir, 'archive/special-report/2026/007.json');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, JSON.stringify({ ...record(), chromium: 'Chromium 100.0', pdf: { ...record().pdf, sha256: '0'.repeat(64) } }));
    const bad = await runCli(['verify'], dir);
    writeFileSync(file, original);
    expect(bad.code).toBe(5);
    expect(bad.stdout).toMatch(/不一致：信息专报 2026年第7期（special-report\/2026\/007）：重新编排的 PDF 与归档时不同；原因：Chromium 版本已变化（Chromium 100\.0 → Chromium \d+/);
  });

  it('records a deliberate correction as a new revision with its reason', async () => {
    const result = await runCli(['archive', SR7, '--correct', '补充归档后核实的数据'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('special-report/2026/007-r2');
    expect(git('log', '-1', '--format=%B')).toBe('归档更正：信息专报 2026年第7期（第2版）\n\n更正理由：补充归档后核实的数据');
    expect(git('show', '--name-only', '--format=', 'HEAD').split('\n').sort()).toEqual([ITEM, 'archive/special-report/2026/007-r2.json'].sort());
    expect((await runCli(['check'], dir)).code).toBe(0);
  });

  it('lists the issues, archived or not, with the year’s count', async () => {
    const result = await runCli(['list', '--publication', 'special-report'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/信息专报\s+第7期\s+总第131期\s+2026-11-18\s+1\s+已归档 special-report\/2026\/007-r2/);
    expect(result.stdout).toMatch(/信息专报\s+第8期\s+总第132期\s+2026-11-21\s+1\s+未归档/);
    expect(result.stdout).toContain('2026年编发《信息专报》2期，采用信息2条');
    expect(result.stdout).not.toContain('工作动态');
  });
});

describe('reproducible builds', () => {
  it('give byte-identical PDFs twice, and from another folder', async () => {
    const copy = await copySampleWorkspace();
    cpSync(path.join(dir, 'issues'), path.join(copy, 'issues'), { recursive: true });
    const a = path.join(copy, 'a.pdf');
    const b = path.join(copy, 'b.pdf');
    const issue = 'issues/2026/work-dynamics-2026-041.md';
    expect((await runCli(['build', issue, '-o', a], copy)).code).toBe(0);
    expect((await runCli(['build', issue, '-o', b, '--force'], copy)).code).toBe(0);
    const elsewhere = await copySampleWorkspace();
    const c = path.join(elsewhere, 'c.pdf');
    expect((await runCli(['build', issue, '-o', c], elsewhere)).code).toBe(0);
    expect(sha(b)).toBe(sha(a));
    expect(sha(c)).toBe(sha(a));
  });
});
