// The compiled copy runs through V8's code cache (scripts/code-cache.js): the cache must be
// taken when it belongs to the very bundle being run, and never run code of another one.
import { spawnSync } from 'node:child_process';
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/workspace.ts';

const LOADER = path.join(REPO, 'scripts', 'code-cache.js');

/** Runs `bundle` in a fresh Node as bin/bulletin.js does: what main() returned, and whether the cache was used. */
function run(bundle: string, cacheName = 'build'): { result: string; usedCache: boolean } {
  const script = `import { loadBundle } from ${JSON.stringify(LOADER)};
    const b = loadBundle(${JSON.stringify(bundle)}, ${JSON.stringify(cacheName)});
    const result = await b.exports.main([]);
    b.saveCache();
    process.stdout.write(JSON.stringify({ result, usedCache: b.usedCache }));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as { result: string; usedCache: boolean };
}

/** A CommonJS bundle of some functions, its main returning `answer`: of the same length for answers of the same length. */
async function bundle(dir: string, answer: string, mtimeSeconds: number): Promise<string> {
  const file = path.join(dir, 'cli.cjs');
  const helpers = Array.from({ length: 50 }, (_, i) => `function helper${i}(x) { return x + ${i}; }`);
  const calls = helpers.map((_, i) => `n = helper${i}(n);`).join(' ');
  await writeFile(file, `${helpers.join('\n')}\nexports.main = async () => { let n = 0; ${calls} return ${JSON.stringify(answer)} + (n > 0 ? '' : '!'); };\n`);
  await utimes(file, mtimeSeconds, mtimeSeconds);
  return file;
}

/** A copy with one bit flipped at `at`. */
function flipAt(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x10;
  return copy;
}

describe('the code cache of a compiled bundle', () => {
  it('is written by the first run and taken by the next', async () => {
    const dir = await tempDir();
    const file = await bundle(dir, 'first', 1000);
    expect(run(file)).toEqual({ result: 'first', usedCache: false });
    expect(await readdir(path.join(dir, 'v8-cache'))).toHaveLength(1);
    expect(run(file)).toEqual({ result: 'first', usedCache: true });
  });

  it('is kept per command', async () => {
    const dir = await tempDir();
    const file = await bundle(dir, 'first', 1000);
    run(file, 'build');
    expect(run(file, 'check').usedCache).toBe(false);
    expect(run(file, 'check').usedCache).toBe(true);
    expect(await readdir(path.join(dir, 'v8-cache'))).toHaveLength(2);
  });

  it('is never taken for another bundle, even of the same length, path and time: the new code runs', async () => {
    const dir = await tempDir();
    const old = await bundle(dir, 'first', 1000);
    run(old);
    // V8 alone would take it (it checks the source's length): the old code would run
    const remade = await bundle(dir, 'other', 1000);
    expect(run(remade)).toEqual({ result: 'other', usedCache: false });
    expect(run(remade)).toEqual({ result: 'other', usedCache: true });
  });

  it('is not taken when damaged anywhere, the bundle runs without it and the cache is written anew', async () => {
    const dir = await tempDir();
    const file = await bundle(dir, 'first', 1000);
    run(file);
    const [name] = await readdir(path.join(dir, 'v8-cache'));
    const cache = path.join(dir, 'v8-cache', name!);
    const whole = await readFile(cache);
    // Node 20's V8 does not check its data: bytes changed in it crashed Node, or were run
    expect(whole.length).toBeGreaterThan(200);
    const dataAt = 64; // after the two hashes
    const damages = [Buffer.alloc(4096, 7), flipAt(whole, 0), flipAt(whole, dataAt + 100), flipAt(whole, whole.length - 1), whole.subarray(0, whole.length >> 1)];
    for (const damaged of damages) {
      await writeFile(cache, damaged);
      expect(run(file)).toEqual({ result: 'first', usedCache: false });
      expect(run(file)).toEqual({ result: 'first', usedCache: true });
    }
  });
});
