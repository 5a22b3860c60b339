import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { convertCffToTrueType, hasCffOutlines } from './convert-cff.ts';
import { coverageTest, cssCoverage, fileCoverage, type Ranges } from './coverage.ts';
import { findByFamily, listSystemFonts, scanFontFiles, type FontFace } from './font-catalog.ts';
import { RARE_CHARACTER_FALLBACKS, ROLES, type FontRole, type RoleDefinition } from './font-roles.ts';
import { writeFileAtomic } from '../write/write-file-atomic.ts';

export type FontSource = 'system' | 'workspace' | 'substitute';

/** The face chosen for one role, and why: what `bulletin fonts` shows the editor. */
export interface FontChoice {
  role: FontRole;
  label: string;
  cssFamily: string;
  source: FontSource;
  name: string;
  /** The file Chromium loads (a converted copy for CFF faces); absent for fontsource CSS. */
  file?: string;
  reason: string;
  /** The @font-face rules for this role. */
  css: string;
}

export interface FontSet {
  choices: FontChoice[];
  /** @font-face rules for every role and the rare-character fallbacks. */
  css: string;
  /** Files every issue's PDF depends on (for cache keys and archive records). */
  files: string[];
  /** Roles with no face at all: the build cannot produce a correct PDF. */
  missing: RoleDefinition[];
  /** Whether some face of the chains has a glyph for a character. */
  covers: (codePoint: number) => boolean;
  /** Every font URL the CSS names: all that the printing page may load besides images. */
  urls: string[];
}

export interface FontOptions {
  /** The workspace's `fonts/` folder. */
  workspaceFonts: string;
  /** Where converted fonts and the fonts' coverages are kept; defaults to ~/.cache/bulletin/fonts. */
  cacheDir?: string;
}

export function defaultFontCache(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'bulletin', 'fonts');
}

/**
 * Picks a face for every role: an official face installed on the machine, else one the
 * workspace brings in `fonts/`, else an open substitute. CFF faces are converted to TrueType
 * once and cached, so no Type 3 font ever reaches the PDF.
 */
export async function resolveFonts(options: FontOptions): Promise<FontSet> {
  const cacheDir = options.cacheDir ?? defaultFontCache();
  const [system, workspace] = await Promise.all([listSystemFonts(), scanWorkspaceFonts(options.workspaceFonts)]);
  const choices: FontChoice[] = [];
  const missing: RoleDefinition[] = [];
  for (const role of ROLES) {
    const choice = await chooseFace(role, system, workspace, cacheDir);
    if (choice) choices.push(choice);
    else missing.push(role);
  }
  const rare = RARE_CHARACTER_FALLBACKS.filter((f) => existsSync(f.path));
  const rareCss = rare.map((f) => fontFace(f.cssFamily, f.path)).join('\n');
  const files = [...choices.flatMap((c) => (c.file ? [c.file] : [])), ...rare.map((f) => f.path)];
  const coverages = await Promise.all(files.map((f) => cachedCoverage(f, cacheDir).catch(() => [])));
  coverages.push(...choices.filter((c) => !c.file).map((c) => cssCoverage(c.css)));
  const css = [...choices.map((c) => c.css), rareCss].join('\n');
  return {
    choices,
    missing,
    css,
    files,
    covers: coverageTest(coverages),
    urls: [...css.matchAll(/url\("([^"]+)"\)/g)].map((m) => m[1]!),
  };
}

async function chooseFace(role: RoleDefinition, system: FontFace[], workspace: FontFace[], cacheDir: string): Promise<FontChoice | undefined> {
  const official = findByFamily(system, role.officialNames);
  if (official) {
    return faceChoice(role, 'system', official.name, official.face, cacheDir, `已安装正式字体“${official.name}”`);
  }
  const brought = findByFamily(workspace, role.officialNames);
  if (brought) {
    return faceChoice(role, 'workspace', brought.name, brought.face, cacheDir, `工作区 fonts/ 提供“${brought.name}”`);
  }
  for (const sub of role.substitutes) {
    const why = `未找到正式字体（${role.officialNames.slice(0, 2).join('、')}），使用开源替代字体`;
    if (sub.kind === 'fontsource') {
      const css = fontsourceCss(sub.packageName, sub.weight, role.cssFamily);
      if (css) return { role: role.role, label: role.label, cssFamily: role.cssFamily, source: 'substitute', name: sub.name, reason: why, css };
      continue;
    }
    const file = sub.paths.find((p) => existsSync(p));
    if (!file) continue;
    const face: FontFace = { file, families: [sub.name], postscriptName: sub.name, format: file.endsWith('.otf') ? 'CFF' : 'TrueType', index: 0 };
    return faceChoice(role, 'substitute', sub.name, face, cacheDir, why);
  }
  return undefined;
}

async function faceChoice(
  role: RoleDefinition,
  source: FontSource,
  name: string,
  face: FontFace,
  cacheDir: string,
  reason: string,
): Promise<FontChoice> {
  let file = face.file;
  let why = reason;
  if (face.format === 'CFF' || (file.endsWith('.otf') && hasCffOutlines(await readFile(file)))) {
    file = await convertedCopy(face.file, cacheDir);
    why += '；CFF 轮廓已转换为 TrueType（避免 Type 3 字体）';
  }
  return { role: role.role, label: role.label, cssFamily: role.cssFamily, source, name, file, reason: why, css: fontFace(role.cssFamily, file) };
}

/**
 * The characters a font file covers: asked of fontconfig once, then read from the cache by
 * the file's path, size and modification time. Every build needs them (to find a missing
 * glyph before printing), and fc-query on a large CJK font, with parsing its answer, took
 * a tenth of a second of the way to the first print.
 */
export async function cachedCoverage(file: string, cacheDir: string): Promise<Ranges> {
  const cached = path.join(cacheDir, `${path.basename(file)}-${await cacheKeyOf(file, 'coverage-v1')}.coverage.json`);
  try {
    const ranges: unknown = JSON.parse(await readFile(cached, 'utf8'));
    if (areRanges(ranges)) return ranges;
  } catch {
    // not cached yet, or unreadable: ask fontconfig
  }
  const ranges = await fileCoverage(file);
  // A concurrent build reads the whole file or none; one that cannot be written only makes the next build ask again.
  await writeFileAtomic(cached, JSON.stringify(ranges)).catch(() => undefined);
  return ranges;
}

/** Whether a cached coverage is what fileCoverage gives: pairs of code points, in order within each pair. */
function areRanges(value: unknown): value is Ranges {
  if (!Array.isArray(value)) return false;
  for (const range of value) {
    if (!Array.isArray(range) || range.length !== 2) return false;
    const [start, end] = range as unknown[];
    if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (start as number) > (end as number) || (end as number) > 0x10ffff) return false;
  }
  return true;
}

/**
 * The key of what the cache keeps for a font file (`version` names the kind and its format):
 * it changes when the file does, by its path, size and modification time.
 */
async function cacheKeyOf(file: string, version: string): Promise<string> {
  const info = await stat(file);
  return createHash('sha256').update(`${file}|${info.size}|${info.mtimeMs}|${version}`).digest('hex').slice(0, 16);
}

/** The TrueType copy of a CFF font, converted on first use and kept in the cache. */
export async function convertedCopy(source: string, cacheDir: string): Promise<string> {
  const target = path.join(cacheDir, `${path.basename(source, path.extname(source))}-${await cacheKeyOf(source, 'v2')}.ttf`);
  if (existsSync(target)) return target;
  // Atomic: a concurrent build sees the whole file or none.
  await writeFileAtomic(target, await convertCffToTrueType(await readFile(source)));
  return target;
}

async function scanWorkspaceFonts(dir: string): Promise<FontFace[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const files = names.filter((n) => /\.(ttf|otf|ttc|otc|woff2?)$/i.test(n)).map((n) => path.join(dir, n));
  return scanFontFiles(files);
}

function fontFace(family: string, file: string): string {
  return `@font-face { font-family: "${family}"; src: url("${pathToFileURL(file).href}"); }`;
}

/**
 * The @font-face rules of a fontsource package (woff2 files with TrueType outlines, split by
 * unicode-range so Chromium loads only the pieces a page uses), renamed to our family.
 */
function fontsourceCss(packageName: string, weight: number, family: string): string | undefined {
  const require = createRequire(import.meta.url);
  let cssPath: string;
  try {
    cssPath = require.resolve(`${packageName}/${weight}.css`);
  } catch {
    return undefined;
  }
  const dir = path.dirname(cssPath);
  return readFileSync(cssPath, 'utf8')
    .replace(/font-family:\s*'[^']*'/g, `font-family: "${family}"`)
    .replace(/font-weight:\s*\d+/g, 'font-weight: normal')
    .replace(/url\(\.\/([^)]+)\)/g, (_m, rel: string) => `url("${pathToFileURL(path.join(dir, rel)).href}")`)
    .replace(/,\s*url\("[^"]+\.woff"\) format\('woff'\)/g, '');
}
