import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { EnvironmentError } from '../print/with-browser.ts';

const run = promisify(execFile);

/** One printed page as an image the preview page shows. */
export interface PageImage {
  png: Buffer;
  /** Pixel size, written on the <img> so the page keeps its layout while images load. */
  width: number;
  height: number;
}

export interface RenderOptions {
  /** Folder under which a scratch folder for pdftoppm's output is made and removed again. */
  tempDir: string;
  /** Resolution; 80 dpi puts an A4 page at about 660 × 935 px, a screen's width. */
  dpi?: number;
}

/**
 * Rasterises every page of `pdfFile` to PNG with poppler's pdftoppm and returns the images,
 * in page order, held in memory: the server then answers from memory and never maps a URL
 * to a path on disk.
 */
export async function renderPages(pdfFile: string, options: RenderOptions): Promise<PageImage[]> {
  const dir = await mkdtemp(path.join(options.tempDir, 'pages-'));
  try {
    try {
      await run('pdftoppm', ['-png', '-r', String(options.dpi ?? 80), pdfFile, path.join(dir, 'page')]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new EnvironmentError('找不到 pdftoppm（poppler-utils），请先运行 npm start 完成安装');
      }
      throw error;
    }
    // pdftoppm pads the page number to the width of the last one (page-01.png … page-10.png).
    const files = (await readdir(dir))
      .map((name) => ({ name, n: Number(/^page-(\d+)\.png$/.exec(name)?.[1]) }))
      .filter((f) => Number.isInteger(f.n))
      .sort((a, b) => a.n - b.n);
    return await Promise.all(
      files.map(async (f) => {
        const png = await readFile(path.join(dir, f.name));
        return { png, ...pngSize(png) };
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Width and height from the IHDR chunk, which a PNG always has first, at bytes 16–23. */
function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('pdftoppm 输出的不是 PNG 文件');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
