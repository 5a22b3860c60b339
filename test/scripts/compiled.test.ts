// When the `bulletin` command may run the compiled copy of src/ (a bundle of the sources and
// the npm packages), and when it must run the sources: never a copy older than any source
// file, its recipe or the packages installed.
import { spawnSync } from 'node:child_process';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript (Node built-ins only, run before npm install), without types
import { bundleScript, compiledIsFresh, compiledPaths } from '../../scripts/compiled.js';
import { REPO, tempDir } from '../helpers/workspace.ts';

/** What the copy is made from besides src/: the recipe, the lock file, what npm installed. */
const INPUTS = ['scripts/compiled.js', 'scripts/code-cache.js', 'scripts/command-name.js', 'scripts/quiet-debug.js', 'package-lock.json', 'node_modules/.package-lock.json'];

async function tool(): Promise<{ root: string; at: (file: string, seconds: number) => Promise<void> }> {
  const root = await tempDir();
  const { entry, stamp } = compiledPaths(root) as { entry: string; stamp: string };
  for (const file of ['src/cli.ts', 'src/load/deep.ts', ...INPUTS, entry, stamp]) {
    await mkdir(path.dirname(path.resolve(root, file)), { recursive: true });
    await writeFile(path.resolve(root, file), '');
  }
  const at = (file: string, seconds: number) => utimes(path.resolve(root, file), seconds, seconds);
  for (const file of ['src/cli.ts', 'src/load/deep.ts', ...INPUTS, entry]) await at(file, 1000);
  await at(stamp, 2000);
  return { root, at };
}

describe('the compiled copy', () => {
  it('is run while no source is newer than its stamp', async () => {
    const { root } = await tool();
    expect(compiledIsFresh(root)).toBe(true);
  });

  it('is not run once a source file, however deep, the recipe, the lock file or the installed packages changed after it', async () => {
    for (const file of ['src/load/deep.ts', ...INPUTS]) {
      const { root, at } = await tool();
      await at(file, 3000);
      expect(compiledIsFresh(root), file).toBe(false);
    }
  });

  it('is run where the packages were never installed by npm (no node_modules/.package-lock.json)', async () => {
    const { root } = await tool();
    const { rm } = await import('node:fs/promises');
    await rm(path.join(root, 'node_modules'), { recursive: true });
    expect(compiledIsFresh(root)).toBe(true);
  });

  it('is not run without its stamp (a compilation that did not finish) or without its entry', async () => {
    for (const which of ['stamp', 'entry'] as const) {
      const { root } = await tool();
      const { rm } = await import('node:fs/promises');
      await rm((compiledPaths(root) as Record<string, string>)[which]!);
      expect(compiledIsFresh(root), which).toBe(false);
    }
  });
});

describe("the compiled copy's `debug` package (Puppeteer's logs)", () => {
  /** A logger made by scripts/quiet-debug.js in a fresh Node with the given DEBUG: whether it is on, and what it wrote. */
  const logger = (debugEnv: string | undefined) => {
    const env = { ...process.env };
    delete env.DEBUG;
    if (debugEnv !== undefined) env.DEBUG = debugEnv;
    const script = "import('./scripts/quiet-debug.js').then(({ default: debug }) => { const log = debug('puppeteer:protocol:SEND'); log('消息'); process.stdout.write(`${log.enabled} ${typeof debug.formatters}`); })";
    const run = spawnSync(process.execPath, ['-e', script], { cwd: REPO, env, encoding: 'utf8' });
    return { stdout: run.stdout, stderr: run.stderr };
  };

  it('makes loggers that do nothing while DEBUG is unset, with the surface packages configure', () => {
    expect(logger(undefined)).toEqual({ stdout: 'false object', stderr: '' });
  });

  it('is the real package when DEBUG is set: the logs come out', () => {
    const { stdout, stderr } = logger('puppeteer:*');
    expect(stdout).toBe('true object');
    expect(stderr).toContain('puppeteer:protocol:SEND 消息');
  });
});

describe('the bundle', () => {
  it('runs in strict mode, as the sources do as ES modules (through tsx)', async () => {
    const dir = await tempDir();
    const entry = path.join(dir, 'probe.ts');
    await writeFile(entry, 'export async function main(): Promise<number> {\n  const frozen = Object.freeze({ a: 1 });\n  try {\n    (frozen as { a: number }).a = 2;\n    return 1;\n  } catch {\n    return 0;\n  }\n}\n');
    const bundle = path.join(dir, 'probe.cjs');
    bundleScript(REPO, entry, bundle);
    const run = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'run-bundle.js'), bundle], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0); // writing to a frozen object threw
  });
});
