import { mkdtempSync } from 'node:fs';
import { cp, mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Temporary folders made by the running test file: removed after it (see cleanup.ts). */
export const madeTempDirs: string[] = [];

/** A fresh temporary folder, removed once the test file has run. */
export async function tempDir(prefix = 'bulletin-test-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  madeTempDirs.push(dir);
  return dir;
}

/** The same, synchronously. */
export function tempDirSync(prefix = 'bulletin-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  madeTempDirs.push(dir);
  return dir;
}

/** A copy of the repository's sample workspace (config, items, issues) in a temp folder. */
export async function copySampleWorkspace(): Promise<string> {
  const dir = await tempDir();
  for (const entry of ['bulletin.config.yml', 'items', 'issues']) {
    await cp(path.join(REPO, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

/** Writes files (path → text) under `dir`, creating folders. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
}

export const MINIMAL_CONFIG = `organization: 中共测试市委办公室
publications:
  special-report:
    name: 信息专报
    template: special-report
    copies: 30
    distribution:
      报: 省委办公厅
      送: 市委领导同志
  work-dynamics:
    name: 测试工作动态
    template: work-dynamics
`;

export function item(fields: Record<string, string>, body = '正文一段。'): string {
  const lines = Object.entries(fields).map(([k, v]) => `${k}: ${v}`);
  return `---\n${lines.join('\n')}\n---\n${body}\n`;
}

/** A minimal valid workspace with one item and one special-report issue. */
export async function minimalWorkspace(extra: Record<string, string> = {}): Promise<string> {
  const dir = await tempDir();
  await writeFiles(dir, {
    'bulletin.config.yml': MINIMAL_CONFIG,
    'items/a.md': item({ title: '测试信息标题', unit: '测试区委办公室', date: '2026-11-01', authors: '[张三]' }, '这是测试信息的正文。'),
    'issues/sr-1.md': `---\npublication: special-report\nnumber: 1\ndate: 2026-11-02\nitems:\n  - items/a.md\n---\n`,
    ...extra,
  });
  return dir;
}
