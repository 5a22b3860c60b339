// The build cache's check of an issue's images, on real files: a settled image is checked by
// its file's stamp (size, times, inode) rather than hashed again, and any write to it is
// still seen, even one that keeps its size and puts its modification time back.
import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BuildCache } from '../../src/cache/build-cache.ts';

let root: string;
let output: string;
let photo: string;
const KEY = 'key-of-the-issue';
const TAKEN = new Date('2026-11-01T08:00:00Z');

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'bulletin-cache-'));
  output = path.join(root, 'dist', 'issue.pdf');
  photo = path.join(root, 'items', 'photo.jpg');
  await mkdir(path.dirname(output), { recursive: true });
  await mkdir(path.dirname(photo), { recursive: true });
  await writeFile(output, '%PDF-1.4 built');
  await writeFile(photo, 'photo: first version');
  // Whole seconds, which utimes can put back exactly (it rounds finer times).
  await utimes(photo, TAKEN, TAKEN);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Records the issue with its photo, saves the cache, and opens it again as the next build does. */
async function recordedAndReopened(): Promise<BuildCache> {
  const cache = await BuildCache.open(root);
  await cache.record(output, KEY, [photo]);
  await cache.save();
  return BuildCache.open(root);
}

async function savedPhotoRecord(): Promise<{ sha256?: string; stat?: unknown }> {
  const saved = JSON.parse(await readFile(path.join(root, '.cache', 'bulletin', 'builds.json'), 'utf8'));
  return saved[output].images[photo];
}

/** Rewrites the photo with other bytes of the same length, and puts its times back. */
async function rewriteKeepingSizeAndTimes(): Promise<void> {
  const before = await stat(photo);
  await writeFile(photo, 'photo: other version');
  await utimes(photo, before.atime, before.mtime);
  const after = await stat(photo);
  expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 2100));

describe('BuildCache and an issue’s images', () => {
  it('keeps the stamp of a settled image, and sees a rewrite that kept its size and time', async () => {
    await settle();
    const cache = await recordedAndReopened();
    expect((await savedPhotoRecord()).stat).toMatchObject({ size: 20, mtimeMs: TAKEN.getTime() });
    expect(await cache.isFresh(output, KEY)).toBe(true);
    await rewriteKeepingSizeAndTimes();
    expect(await cache.isFresh(output, KEY)).toBe(false);
  }, 10_000);

  it('hashes again an image changed just before it was recorded, rather than trust its stamp', async () => {
    const cache = await recordedAndReopened();
    const record = await savedPhotoRecord();
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.stat).toBeUndefined();
    expect(await cache.isFresh(output, KEY)).toBe(true);
    await rewriteKeepingSizeAndTimes();
    expect(await cache.isFresh(output, KEY)).toBe(false);
  });

  it('sees a settled image restored to its recorded bytes as unchanged', async () => {
    await settle();
    const cache = await recordedAndReopened();
    const original = await readFile(photo);
    await writeFile(photo, 'photo: other version');
    expect(await cache.isFresh(output, KEY)).toBe(false);
    await writeFile(photo, original);
    expect(await cache.isFresh(output, KEY)).toBe(true);
  }, 10_000);

  it('takes a cache file from an older version, or edited by hand, for stale without failing', async () => {
    const info = await stat(output);
    for (const recorded of ['0123abcd', null, 7, { sha256: 'not-the-hash', stat: null }]) {
      const entries = { [output]: { key: KEY, size: info.size, mtimeMs: info.mtimeMs, images: { [photo]: recorded } } };
      await mkdir(path.join(root, '.cache', 'bulletin'), { recursive: true });
      await writeFile(path.join(root, '.cache', 'bulletin', 'builds.json'), JSON.stringify(entries));
      const cache = await BuildCache.open(root);
      expect(await cache.isFresh(output, KEY)).toBe(false);
    }
  });
});
