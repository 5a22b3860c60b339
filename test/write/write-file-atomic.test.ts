import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/write/write-file-atomic.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bulletin-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes a new file, creating its folder, and leaves nothing else behind', async () => {
    const file = path.join(dir, 'dist', '2026', 'issue.html');
    await writeFileAtomic(file, '<p>第一期</p>');
    expect(await readFile(file, 'utf8')).toBe('<p>第一期</p>');
    expect(await readdir(path.dirname(file))).toEqual(['issue.html']);
  });

  it('writes bytes as given', async () => {
    const file = path.join(dir, 'a.bin');
    const bytes = new Uint8Array([0, 1, 2, 255, 0x25, 0x50, 0x44, 0x46]);
    await writeFileAtomic(file, bytes);
    expect(new Uint8Array(await readFile(file))).toEqual(bytes);
  });

  it('replaces an existing file and leaves no temporary file', async () => {
    const file = path.join(dir, 'a.pdf');
    await writeFile(file, 'old content that is longer than the new one');
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['a.pdf']);
  });

  it('writes a new file with exclusive: true', async () => {
    const file = path.join(dir, 'issues', 'sr-8.md');
    await writeFileAtomic(file, '---\nnumber: 8\n---\n', { exclusive: true });
    expect(await readFile(file, 'utf8')).toBe('---\nnumber: 8\n---\n');
    expect(await readdir(path.dirname(file))).toEqual(['sr-8.md']);
  });

  it('with exclusive: true refuses to overwrite (EEXIST), keeps the old content and cleans up', async () => {
    const file = path.join(dir, 'sr-8.md');
    await writeFile(file, 'written by someone else');
    await expect(writeFileAtomic(file, 'mine', { exclusive: true })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(file, 'utf8')).toBe('written by someone else');
    expect(await readdir(dir)).toEqual(['sr-8.md']);
  });

  it('lets only one of two concurrent exclusive writers win', async () => {
    const file = path.join(dir, 'race.md');
    const results = await Promise.allSettled([
      writeFileAtomic(file, 'first', { exclusive: true }),
      writeFileAtomic(file, 'second', { exclusive: true }),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toMatchObject({ code: 'EEXIST' });
    expect(['first', 'second']).toContain(await readFile(file, 'utf8'));
    expect(await readdir(dir)).toEqual(['race.md']);
  });

  it('fails, leaving no temporary file, when the target is a folder', async () => {
    const target = path.join(dir, 'taken');
    await writeFileAtomic(path.join(target, 'inner.txt'), 'x');
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['taken']);
  });
});
