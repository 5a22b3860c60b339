// The characters a font covers are asked of fontconfig once per font file, then read from the
// cache: by the file's path, size and modification time, so a changed font is asked again.
import { copyFile, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileCoverage } from '../../src/fonts/coverage.ts';
import { cachedCoverage } from '../../src/fonts/resolve-fonts.ts';
import { tempDir } from '../helpers/workspace.ts';

const WENKAI = '/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf';

describe('font coverage cache', () => {
  it('answers as fontconfig does, then from the cache, and asks again when the font or the cache file changes', async () => {
    const dir = await tempDir();
    const font = path.join(dir, 'kai.ttf');
    await copyFile(WENKAI, font);
    const cacheDir = path.join(dir, 'cache');
    const fresh = await fileCoverage(font);
    expect(fresh.length).toBeGreaterThan(100);

    expect(await cachedCoverage(font, cacheDir)).toEqual(fresh);
    const [cached, ...others] = await readdir(cacheDir);
    expect(others).toEqual([]);
    expect(JSON.parse(await readFile(path.join(cacheDir, cached!), 'utf8'))).toEqual(fresh);

    // What the cache says is what a build goes by: fontconfig is not asked again.
    await writeFile(path.join(cacheDir, cached!), '[[65,90]]');
    expect(await cachedCoverage(font, cacheDir)).toEqual([[65, 90]]);

    // An unreadable cache file is asked again, and mended.
    await writeFile(path.join(cacheDir, cached!), '[[65,');
    expect(await cachedCoverage(font, cacheDir)).toEqual(fresh);
    expect(JSON.parse(await readFile(path.join(cacheDir, cached!), 'utf8'))).toEqual(fresh);

    // A font changed since (here: its modification time) has a cache file of its own.
    await writeFile(path.join(cacheDir, cached!), '[[65,90]]');
    await utimes(font, new Date('2025-01-01'), new Date('2025-01-01'));
    expect(await cachedCoverage(font, cacheDir)).toEqual(fresh);
    expect((await readdir(cacheDir)).length).toBe(2);
  });
});
