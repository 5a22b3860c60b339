// `bulletin stats` through the CLI (src/cli.ts's main, exit codes and all) on a workspace
// written by the test (test/stats/fixture.ts), the figures checked against hand counts, and
// the notice printed by real Chromium and read back with poppler's tools.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { pdfFonts, pdfInfo, pdfText } from '../helpers/pdf.ts';
import { REPO, item, writeFiles } from '../helpers/workspace.ts';
import { Q3_CSV, Q3_TABLE } from '../stats/expected.ts';
import { fixtureWorkspace } from '../stats/fixture.ts';
import { parseCsv } from '../stats/parse-csv.ts';

const stats = (args: string[], cwd: string) => runCli(['stats', ...args], cwd);

let dir: string;
beforeAll(async () => {
  dir = await fixtureWorkspace();
});

describe('bulletin stats', () => {
  it('prints the aligned table of a quarter', async () => {
    const result = await stats(['--year', '2026', '--quarter', '3'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(Q3_TABLE);
  });

  it('takes --root before the command or after its options', async () => {
    const before = await runCli(['--root', dir, 'stats', '--year', '2026', '--quarter', '3'], REPO);
    expect(before.stdout).toBe(Q3_TABLE);
    const after = await stats(['--year', '2026', '--quarter', '3', '--root', dir], REPO);
    expect(after.stdout).toBe(Q3_TABLE);
  });

  it('writes CSV to a file with -o and prints its path', async () => {
    const output = path.join(dir, 'out', 'q3.csv');
    const result = await stats(['--year', '2026', '--quarter', '3', '--format', 'csv', '-o', 'out/q3.csv'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${output}\n`);
    const bytes = readFileSync(output);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(bytes.toString('utf8').slice(1))).toEqual(Q3_CSV);
  });

  it('writes JSON for the whole year', async () => {
    const result = await stats(['--year', '2026', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.period).toMatchObject({ year: 2026, quarter: null, label: '2026年度' });
    // Counted by hand: 10 items submitted in 2026, 9 adopted (e1 only in 2027); 专报 a1 b1 c2;
    // 动态 all nine; 批示 b1 ×2, c2 ×1; points 3×5 + 9×2 + 3×3 = 42.
    expect(json.unitTotals).toEqual({ submitted: 10, adopted: 9, rate: 90, byPublication: { 'special-report': 3, 'work-dynamics': 9 }, instructions: 3, points: 42 });
    expect(json.units.map((u: { rank: number; name: string; points: number }) => [u.rank, u.name, u.points])).toEqual([
      [1, '南岭县委办公室', 15],
      [2, '市发展改革委', 12],
      [3, '北湖区委办公室', 11],
      [4, '东江区委办公室', 4],
      [5, '西山县委办公室', 0],
    ]);
    // 周立新 wrote a1 (专报 5 + 动态 2) and a2 with 林晓 (动态 2): credited with both in full.
    expect(json.authors.find((a: { name: string }) => a.name === '周立新')).toMatchObject({ submitted: 2, adopted: 2, points: 9 });
    expect(json.authors.find((a: { name: string }) => a.name === '林晓')).toMatchObject({ submitted: 2, adopted: 2, points: 4 });
  });

  it('typesets the quarterly notice into dist/stats/<year>-Q<q>.pdf', async () => {
    const result = await stats(['--year', '2026', '--quarter', '3', '--format', 'pdf', '--date', '2026-10-09'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const pdf = path.join(dir, 'dist', 'stats', '2026-Q3.pdf');
    expect(result.stdout).toBe(`${pdf}\n`);

    const info = pdfInfo(pdf);
    expect(info.Title).toBe('2026年第三季度信息采用情况通报');
    expect(info.Author).toBe('中共测试市委办公室');
    expect(info['Page size']).toMatch(/^594\.9\d x 841\.9\d pts \(A4\)/);
    expect(info.CreationDate).toMatch(/^2026-10-09/);

    const flat = pdfText(pdf).replace(/\s+/g, '');
    for (const expected of ['中共测试市委办公室', '2026年第三季度信息采用情况通报', '（2026年7月1日至9月30日）', '一、各单位信息报送和采用情况', '二、信息员采用情况', '2026年10月9日']) {
      expect(flat).toContain(expected);
    }
    const layout = pdfText(pdf, { layout: true });
    // rank, unit, 报送 采用 采用率 信息专报 测试工作动态 批示 积分: as counted by hand
    expect(layout).toMatch(/\b1\s+南岭县委办公室\s+2\s+1\s+50\.0%\s+1\s+1\s+1\s+10\b/);
    expect(layout).toMatch(/\b3\s+市发展改革委\s+0\s+1\s+—\s+0\s+1\s+0\s+2\b/);
    expect(layout).toMatch(/合计\s+6\s+5\s+83\.3%\s+2\s+5\s+1\s+23\b/);
    expect(layout).toMatch(/\b2\s+周立新\s+北湖区委办公室\s+2\s+2\s+100\.0%\s+1\s+2\s+0\s+9\b/);

    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.type, font.name).not.toMatch(/Type 3/);
    }
  });

  it('writes the whole year’s notice to the path given', async () => {
    const output = path.join(dir, 'notice-2026.pdf');
    const result = await stats(['--year', '2026', '--format', 'pdf', '--date', '2027-01-10', '-o', output], dir);
    expect(result.code).toBe(0);
    expect(pdfInfo(output).Title).toBe('2026年度信息采用情况通报');
    expect(pdfText(output, { layout: true })).toMatch(/\b1\s+南岭县委办公室\s+2\s+2\s+100\.0%\s+1\s+2\s+2\s+15\b/);
  });
});

describe('bulletin stats errors', () => {
  it.each([
    [['--quarter', '5'], '错误：--quarter 应为季度 1、2、3 或 4，现为“5”'],
    [['--year', '26'], '错误：--year 应为四位数的年份，如 2026，现为“26”'],
    [['--format', 'xlsx'], '错误：--format 应为 table、csv、json 或 pdf，现为“xlsx”'],
    [['--format', 'pdf', '--date', '2026-02-30'], '错误：--date 应为 YYYY-MM-DD 格式的真实日期'],
  ])('refuses %j with exit 2', async (args, message) => {
    const result = await stats(args, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('reports invalid items and issues as path:line: message, exit 1, leaving no stale output', async () => {
    const bad = await fixtureWorkspace();
    await writeFiles(bad, {
      'items/z-bad.md': item({ title: '缺少报送单位的信息', date: '2026-08-01' }),
      'issues/wd-2026-5.md': '---\npublication: work-dynamics\nnumber: 5\ndate: 2026-12-31\nitems:\n  - items/a1.md\n  - items/missing.md\n---\n',
    });
    const output = path.join(bad, 'stats.csv');
    writeFileSync(output, 'stale');
    const result = await stats(['--year', '2026', '--format', 'csv', '-o', output], bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('items/z-bad.md:2: 缺少必填字段 unit（报送单位）');
    expect(result.stderr).toContain('issues/wd-2026-5.md:7: 找不到信息文件“items/missing.md”');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).toBe('');
    expect(existsSync(output)).toBe(false);
  });
});
