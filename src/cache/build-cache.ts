import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { TOOL_ROOT } from '../tool-root.ts';
import path from 'node:path';
import { BUILTIN_TEMPLATES } from '../load/load-template.ts';
import type { SourceFiles } from '../load/source-files.ts';
import { resolveInside } from '../load/workspace-paths.ts';
import { writeFileAtomic } from '../write/write-file-atomic.ts';

/** What a built PDF was made from, and the file it became. */
interface Entry {
  key: string;
  size: number;
  mtimeMs: number;
  /** The images the build loaded: checked again before skipping. */
  images: Record<string, ImageRecord>;
}

/**
 * An image as it was when its issue was built: the hash of its bytes and, when they can be
 * trusted, its file's size, times and inode. A photo is megabytes: a year of issues with
 * photos is hundreds of megabytes to hash again on every build, when nothing changed.
 */
interface ImageRecord {
  sha256: string;
  stat?: FileStamp;
}

/** What the file system says of a file; any write to it changes ctime, whatever mtime says. */
interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/**
 * A file changed again within its file system's timestamp resolution after it was read keeps
 * the same stamp. So a stamp is only kept if the file was last changed well before it was
 * read; a file changed more recently is hashed again next time (git's "racy" entries).
 */
const SETTLED_MS = 2000;

/**
 * Incremental builds. An issue's key is a hash of everything its PDF is made from: the tool
 * (its source), Chromium, the npm packages, the fonts, every template file, the config, the
 * issue file as the loader reads it, its 总第N期 (which may follow from other issues), its
 * items, and where it was built from (the workspace, or an archive tag). The images are the
 * ones the previous build actually loaded, checked again (by their files' stamps when those
 * can be trusted, else by hashing them): an unchanged issue and items cannot name other
 * images. A PDF is up to date when all of these are unchanged and the file is
 * still the one written. Reading them costs far less than rendering.
 */
export class BuildCache {
  private constructor(
    private readonly file: string,
    private readonly entries: Record<string, Entry>,
  ) {}

  static async open(root: string): Promise<BuildCache> {
    const file = path.join(root, '.cache', 'bulletin', 'builds.json');
    try {
      return new BuildCache(file, JSON.parse(await readFile(file, 'utf8')) as Record<string, Entry>);
    } catch {
      return new BuildCache(file, {});
    }
  }

  /** Whether `output` was recorded at all: a PDF never recorded is stale whatever its key. */
  knows(output: string): boolean {
    return output in this.entries;
  }

  async isFresh(output: string, key: string): Promise<boolean> {
    const entry = this.entries[output];
    if (!entry || entry.key !== key) return false;
    // The PDF first, a stat: a deleted or replaced one is stale whatever its images are.
    try {
      const info = await stat(output);
      if (info.size !== entry.size || info.mtimeMs !== entry.mtimeMs) return false;
    } catch {
      return false;
    }
    for (const [image, recorded] of Object.entries(entry.images ?? {})) {
      if (!(await imageUnchanged(image, recorded))) return false;
    }
    return true;
  }

  async record(output: string, key: string, images: string[]): Promise<void> {
    const info = await stat(output);
    const records: Record<string, ImageRecord> = {};
    for (const image of images) records[image] = await recordImage(image);
    this.entries[output] = { key, size: info.size, mtimeMs: info.mtimeMs, images: records };
  }

  forget(output: string): void {
    delete this.entries[output];
  }

  async save(): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(this.entries, null, 1));
  }
}

/** What every issue of a run shares: tool, Chromium, packages, fonts, templates, config. */
export async function sharedInputKey(parts: {
  root: string;
  config: string;
  fontFiles: string[];
  fontCss: string;
  tool: string;
  chromium: string;
}): Promise<string> {
  // Everything is asked of the file system at once and hashed in a fixed order (the order it
  // always had, so that caches stay valid): it is on the way to the first print.
  const require = createRequire(import.meta.url);
  const manifests = [path.join(TOOL_ROOT, 'package-lock.json'), require.resolve('@fontsource/noto-serif-sc/package.json')];
  const templateFiles = (await Promise.all([BUILTIN_TEMPLATES, path.join(parts.root, 'templates')].map(listFiles))).flat();
  const [config, chromium, manifestBytes, fontInfo, templateBytes] = await Promise.all([
    readFile(parts.config),
    stat(parts.chromium).catch(() => undefined),
    Promise.all(manifests.map((manifest) => readFile(manifest).catch(() => Buffer.from(manifest)))),
    Promise.all(parts.fontFiles.map((file) => stat(file).catch(() => undefined))),
    Promise.all(templateFiles.map((file) => readFile(file))),
  ]);
  const hash = createHash('sha256').update(parts.tool).update(parts.fontCss).update(config);
  hash.update(`${parts.chromium}|${chromium?.size}|${chromium?.mtimeMs}`);
  // The installed dependencies (Markdown, PDF, fonts packages) by the lock file.
  for (const bytes of manifestBytes) hash.update(bytes);
  parts.fontFiles.forEach((file, i) => hash.update(`${file}|${fontInfo[i]?.size}|${fontInfo[i]?.mtimeMs}`));
  templateFiles.forEach((file, i) => hash.update(file).update(templateBytes[i]!));
  return hash.digest('hex');
}

/**
 * The key of one issue: the shared key, how it is built, and its own files, read through the
 * run's `sources`, so that the key is made of the very bytes the issue is rendered from.
 */
export async function issueInputKey(
  shared: string,
  sources: SourceFiles,
  issueFile: string,
  extra: { total?: number; source: string; preflight: boolean },
): Promise<string> {
  const root = sources.paths.root;
  const hash = createHash('sha256').update(shared).update(JSON.stringify(extra));
  hash.update(await sources.bytes(issueFile));
  // The items as the loader reads them (BOM, comments, flow lists and all), not a second parser.
  const listed = ((await sources.document(issueFile)).data as { items?: unknown } | undefined)?.items;
  for (const entry of Array.isArray(listed) ? listed : []) {
    const file = typeof entry === 'string' ? resolveInside(root, root, entry) : undefined;
    hash.update(`\0${String(entry)}\0`).update(file ? await sources.bytes(file).catch(() => Buffer.from('\0missing')) : '\0outside');
  }
  return hash.digest('hex');
}

/** Hashes an image, its stamp taken first: a write after the stamp changes it. */
async function recordImage(file: string): Promise<ImageRecord> {
  const stamp = await stampOf(file);
  const sha256 = await hashFile(file);
  const settled = stamp !== undefined && Date.now() - Math.max(stamp.mtimeMs, stamp.ctimeMs) > SETTLED_MS;
  return settled ? { sha256, stat: stamp } : { sha256 };
}

/** The same stamp as recorded means the same bytes; otherwise the bytes are hashed again. */
async function imageUnchanged(file: string, recorded: ImageRecord): Promise<boolean> {
  // (A cache file from an older version, or edited by hand, may hold anything here.)
  if (recorded?.stat) {
    const now = await stampOf(file);
    if (now && sameStamp(now, recorded.stat)) return true;
  }
  return (await hashFile(file)) === recorded?.sha256;
}

async function stampOf(file: string): Promise<FileStamp | undefined> {
  try {
    const info = await stat(file);
    return { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino };
  } catch {
    return undefined;
  }
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

async function hashFile(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file).catch(() => Buffer.from('\0missing')))
    .digest('hex');
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
  } catch {
    return [];
  }
}
