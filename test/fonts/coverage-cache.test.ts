// The characters a font covers are asked of fontconfig once per font file, then read from the
// cache: by the file's path, size and modification time, so a changed font is asked again.
import { copyFile, mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileCoverage } from '../../src/fonts/coverage.ts';
import { cachedCoverage, defaultFontCache, resolveFonts } from '../../src/fonts/resolve-fonts.ts';
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

    // An unreadable cache file, or one that is not a list of ranges, is asked again, and mended.
    for (const broken of ['[[65,', '[[1,2,3]]', '[[90,65]]', '{"a":1}']) {
      await writeFile(path.join(cacheDir, cached!), broken);
      expect(await cachedCoverage(font, cacheDir), broken).toEqual(fresh);
      expect(JSON.parse(await readFile(path.join(cacheDir, cached!), 'utf8'))).toEqual(fresh);
    }

    // A font changed since (here: its modification time) has a cache file of its own.
    await writeFile(path.join(cacheDir, cached!), '[[65,90]]');
    await utimes(font, new Date('2025-01-01'), new Date('2025-01-01'));
    expect(await cachedCoverage(font, cacheDir)).toEqual(fresh);
    expect((await readdir(cacheDir)).length).toBe(2);
  });

  it("is what a build's font resolution uses: one cache file per font file it checks", async () => {
    const dir = await tempDir();
    const cacheDir = path.join(dir, 'cache');
    // The CFF fonts' converted copies, when the machine has them, spare converting them again.
    await mkdir(cacheDir);
    const converted = await readdir(defaultFontCache()).catch(() => [] as string[]);
    for (const name of converted.filter((n) => n.endsWith('.ttf'))) await copyFile(path.join(defaultFontCache(), name), path.join(cacheDir, name));
    const fonts = await resolveFonts({ workspaceFonts: path.join(dir, 'no-fonts'), cacheDir });
    const cachedFiles = (await readdir(cacheDir)).filter((f) => f.endsWith('.coverage.json'));
    expect(cachedFiles.length).toBe(new Set(fonts.files).size);
    for (const file of fonts.files) expect(cachedFiles.some((f) => f.startsWith(`${path.basename(file)}-`)), file).toBe(true);
  });
});
