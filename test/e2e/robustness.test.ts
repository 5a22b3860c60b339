// Nothing half-written, nothing leaked: builds killed mid-print, Chromium crashing or
// hanging on one issue of a batch, and a hostile item.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { pdfText } from '../helpers/pdf.ts';
import { alive, chromiumProfile, commandLine } from '../helpers/processes.ts';
import { copySampleWorkspace, item, minimalWorkspace, REPO, writeFiles } from '../helpers/workspace.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function childPids(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Starts `bulletin build` in `dir` and waits until its Chromium is running. */
async function startBuild(dir: string, args: string[] = []) {
  const child = spawn(process.execPath, [path.join(REPO, 'bin', 'bulletin.js'), 'build', ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  let browser: number | undefined;
  for (let i = 0; i < 200 && browser === undefined; i++) {
    browser = childPids(child.pid!).find((pid) => commandLine(pid).includes('chromium'));
    if (browser === undefined) await sleep(50);
  }
  if (browser === undefined) throw new Error(`no Chromium started: ${stderr}`);
  return { child, browser, exited, output: () => ({ stdout, stderr }) };
}

/** A long item (600 paragraphs: some 900,000 characters, seconds of work for Chromium). */
function heavyIssue(paragraphs = 600): Record<string, string> {
  const paragraph = '全市各级各部门认真贯彻落实上级决策部署，扎实推进各项工作，取得明显成效。'.repeat(40);
  return {
    'items/heavy.md': item({ title: '长篇材料', unit: '市委办公室', date: '2026-11-01' }, Array.from({ length: paragraphs }, () => paragraph).join('\n\n')),
    'issues/2026/aaa-heavy.md': '---\npublication: special-report\nnumber: 6\ndate: 2026-11-01\nitems:\n  - items/heavy.md\n---\n',
  };
}

describe('a build killed mid-print', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`by ${signal} leaves each PDF old or whole, no temporary file and no Chromium`, async () => {
      const dir = await copySampleWorkspace();
      await writeFiles(dir, heavyIssue());
      const out = path.join(dir, 'dist', '2026');
      await writeFiles(dir, { 'dist/2026/aaa-heavy.pdf': 'old', 'dist/2026/special-report-2026-007.pdf': 'old' });
      const build = await startBuild(dir);
      const profile = chromiumProfile(build.browser);
      await sleep(400);
      build.child.kill(signal);
      await build.exited;
      for (let i = 0; i < 60 && alive(build.browser); i++) await sleep(50);
      expect(alive(build.browser)).toBe(false);
      expect(existsSync(profile), profile).toBe(false); // Chromium's temporary profile went with it
      for (const name of readdirSync(out)) {
        expect(name.endsWith('.tmp'), name).toBe(false);
        const bytes = readFileSync(path.join(out, name));
        if (bytes.toString() === 'old') continue;
        expect(() => execFileSync('pdfinfo', [path.join(out, name)])).not.toThrow(); // a whole PDF
      }
    });
  }
});

describe('Chromium failing on one issue of a batch', () => {
  it('restarts it and builds again the issues it was printing; every issue is built', async () => {
    const dir = await copySampleWorkspace();
    await writeFiles(dir, heavyIssue());
    const build = await startBuild(dir);
    await sleep(1500); // started, and busy laying out the heavy issue
    process.kill(build.browser, 'SIGKILL'); // Chromium dies in the middle of the batch
    const code = await build.exited;
    const { stdout, stderr } = build.output();
    expect(stderr).toContain('Chromium 意外退出，已重启浏览器；受影响的期将重新编排');
    expect(code, stderr).toBe(0);
    expect(stdout.trim().split('\n').map((p) => path.basename(p)).sort()).toEqual([
      'aaa-heavy.pdf',
      'special-report-2026-007.pdf',
      'special-report-2026-008.pdf',
      'work-dynamics-2026-041.pdf',
    ]);
  });

  it('times out a page that takes too long, and goes on', async () => {
    const dir = await copySampleWorkspace();
    await writeFiles(dir, heavyIssue(3000)); // far longer than the 6 s allowed
    const result = await runCli(['build', '--timeout', '6', 'issues/2026/aaa-heavy.md', 'issues/2026/special-report-2026-008.md'], dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('issues/2026/aaa-heavy.md: 编排失败：Chromium 崩溃或超时');
    expect(result.stdout.trim()).toBe(path.join(dir, 'dist', '2026', 'special-report-2026-008.pdf'));
    expect(existsSync(path.join(dir, 'dist', '2026', 'aaa-heavy.pdf'))).toBe(false);
  });
});

describe('a hostile item', () => {
  it('prints its text, and nothing of what its HTML tried to run or load', async () => {
    const hostile = [
      '正常的第一段。',
      '<script>document.body.innerHTML = "PWNED-SCRIPT"</script>',
      '<p onmouseover="alert(1)" style="color:red">第二段。</p>',
      '<iframe src="file:///etc/passwd"></iframe>',
      '<object data="file:///etc/hostname"></object>',
      '<style>body::after { content: "PWNED-STYLE"; } @import url(file:///etc/passwd);</style>',
      '<link rel="stylesheet" href="file:///etc/passwd">',
      '<svg><image href="file:///etc/passwd"/><text>PWNED-SVG</text></svg>',
      '<a href="javascript:alert(1)">链接文字</a>',
      '{{organization}} {{{noteHtml}}}',
    ].join('\n\n');
    const dir = await minimalWorkspace({ 'items/a.md': item({ title: '测试<b>标题</b>{{issue.number}}', unit: '单位', date: '2026-11-01' }, hostile) });
    const output = path.join(dir, 'out.pdf');
    const result = await runCli(['build', 'issues/sr-1.md', '-o', output], dir);
    expect(result.code, result.stderr).toBe(0);
    const text = pdfText(output).replace(/\s+/g, '');
    expect(text).toContain('正常的第一段。');
    expect(text).toContain('第二段。');
    expect(text).toContain('链接文字');
    expect(text).toContain('测试<b>标题</b>{{issue.number}}'); // the title is text, escaped
    expect(text).toContain('{{organization}}{{{noteHtml}}}'); // not evaluated as a template
    expect(text).not.toMatch(/PWNED|root:x:0/);
    const passwdFirstLine = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!.replace(/\s+/g, '');
    expect(text).not.toContain(passwdFirstLine);
  });

  it('may not reach files outside the workspace through image paths', async () => {
    const dir = await minimalWorkspace({
      'items/a.md': item({ title: '图片', unit: '单位', date: '2026-11-01' }, '一段。\n\n![a](../../../../etc/hostname.png)\n\n![b](/etc/passwd.png)\n\n<img src="file:///etc/hostname.png">\n'),
    });
    const output = path.join(dir, 'out.pdf');
    writeFileSync(output, 'old');
    const result = await runCli(['build', 'issues/sr-1.md', '-o', output], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('items/a.md:8: 图片路径“../../../../etc/hostname.png”指向工作区之外');
    expect(result.stderr).toContain('items/a.md:10: 图片路径“/etc/passwd.png”指向工作区之外');
    expect(result.stderr).toContain('items/a.md:12: 不能引用网络或外部地址的图片“file:///etc/hostname.png”');
    expect(existsSync(output)).toBe(false);
  });
});
