import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveFonts } from '../../src/fonts/resolve-fonts.ts';
import { runCli } from './cli.ts';
import { MM } from './layout.ts';
import { pdfWords, type Word } from './pdf.ts';
import { REPO, tempDir } from './workspace.ts';

/** The two sample special reports: 007 has a marking on its first line, 008 has none. */
export interface SamplePdfs {
  /** 12 pages, `内部资料　注意保存` top left. */
  marked: string;
  /** 3 pages, no marking. */
  plain: string;
}

/** Builds the repository's two special reports with the real CLI (one Chromium run). */
export async function buildSamplePdfs(): Promise<SamplePdfs> {
  const out = await tempDir();
  const issues = ['issues/2026/special-report-2026-007.md', 'issues/2026/special-report-2026-008.md'];
  const result = await runCli(['build', ...issues, '--out', out], REPO);
  if (result.code !== 0) throw new Error(`build failed: ${result.stderr}`);
  return { marked: path.join(out, '2026', 'special-report-2026-007.pdf'), plain: path.join(out, '2026', 'special-report-2026-008.pdf') };
}

/** The bytes of the face `bulletin print` stamps digits with: the 宋体 role's file. */
export async function digitFont(): Promise<Uint8Array> {
  const fonts = await resolveFonts({ workspaceFonts: path.join(REPO, 'fonts') });
  const file = fonts.choices.find((c) => c.role === 'songti')?.file;
  if (!file) throw new Error('no 宋体 face: run npm start');
  return readFile(file);
}

/** Text of one page, or of the rectangle (pt from the top left) of it, without white space. */
export function pageText(file: string, page: number, crop?: { x: number; y: number; w: number; h: number }): string {
  const args = ['-f', String(page), '-l', String(page)];
  if (crop) args.push('-x', String(Math.round(crop.x)), '-y', String(Math.round(crop.y)), '-W', String(Math.round(crop.w)), '-H', String(Math.round(crop.h)));
  return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).replace(/\s+/g, '');
}

/** True when the page renders to white pixels only (nothing drawn at all, not just no text). */
export function pageIsBlank(file: string, page: number): boolean {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '20', '-f', String(page), '-l', String(page), file], { maxBuffer: 16 * 1024 * 1024 });
  // P5 header: magic, width height, maxval, each ended by white space; then the pixels.
  const header = /^P5\s+\d+\s+\d+\s+\d+\s/.exec(pgm.subarray(0, 40).toString('latin1'))![0].length;
  return pgm.subarray(header).every((v) => v === 255);
}

/** The six-digit words (copy numbers) of a PDF, with their pages and boxes. */
export function copyNumbers(file: string): Word[] {
  return pdfWords(file).filter((w) => /^\d{6}$/.test(w.text));
}

/** The first line of page 1's text block (GB/T 9704: top 37 mm, one 28.95 pt line). */
export const FIRST_LINE = { top: 37 * MM, centre: 37 * MM + 28.95 / 2, left: 28 * MM, right: (28 + 156) * MM } as const;
export { MM };
