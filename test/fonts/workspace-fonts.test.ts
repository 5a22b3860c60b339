// The font chain: a face the workspace brings in fonts/, named like an official face, is
// chosen over the open substitute, shown by `bulletin fonts`, and embedded in the PDF.
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Font } from 'fonteditor-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultFontCache } from '../../src/fonts/resolve-fonts.ts';
import { runCli } from '../helpers/cli.ts';
import { pdfFonts } from '../helpers/pdf.ts';
import { minimalWorkspace } from '../helpers/workspace.ts';

let ws: string;

/** A TrueType font renamed to the official 仿宋_GB2312 (made from the converted FandolSong). */
async function officialLookalike(): Promise<Buffer> {
  const cache = defaultFontCache();
  const song = (await readdir(cache)).find((f) => f.startsWith('FandolSong-Regular') && f.endsWith('.ttf'));
  if (!song) throw new Error('run npm start first: no converted FandolSong in the font cache');
  const font = Font.create(await readFile(path.join(cache, song)), { type: 'ttf' });
  const names = font.get().name;
  names.fontFamily = '仿宋_GB2312';
  names.fullName = '仿宋_GB2312';
  names.postScriptName = 'FangSong_GB2312';
  return Buffer.from(font.write({ type: 'ttf' }) as ArrayBuffer);
}

beforeAll(async () => {
  ws = await minimalWorkspace();
  await mkdir(path.join(ws, 'fonts'));
  await writeFile(path.join(ws, 'fonts', 'fangsong.ttf'), await officialLookalike());
});

describe('fonts the workspace brings', () => {
  it('serve their role, and bulletin fonts says so', async () => {
    const result = await runCli(['fonts', '--root', ws]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('仿宋（正文）：仿宋_GB2312［工作区 fonts/］');
    expect(result.stdout).toContain('工作区 fonts/ 提供“仿宋_GB2312”');
    // the other roles still use their substitutes
    expect(result.stdout).toMatch(/楷体（二级标题、按语）：LXGW WenKai［开源替代］/);
  });

  it('are embedded in the PDF instead of the substitute', async () => {
    const output = path.join(ws, 'out.pdf');
    const result = await runCli(['build', 'issues/sr-1.md', '-o', output], ws);
    expect(result.code, result.stderr).toBe(0);
    const names = pdfFonts(output).map((f) => f.name);
    expect(names.some((n) => n.endsWith('+FangSong_GB2312'))).toBe(true);
    expect(names.some((n) => n.includes('FandolFang'))).toBe(false);
  });
});
