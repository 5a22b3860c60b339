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
  /** The images the build loaded, with their hashes: checked again before skipping. */
  images: Record<string, string>;
}

/**
 * Incremental builds. An issue's key is a hash of everything its PDF is made from: the tool
 * (its source), Chromium, the npm packages, the fonts, every template file, the config, the
 * issue file as the loader reads it, its 总第N期 (which may follow from other issues), its
 * items, and where it was built from (the workspace, or an archive tag). The images are the
 * ones the previous build actually loaded, hashed again: an unchanged issue and items cannot
 * name other images. A PDF is up to date when all of these are unchanged and the file is
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
    for (const [image, hash] of Object.entries(entry.images ?? {})) {
      if ((await hashFile(image)) !== hash) return false;
    }
    try {
      const info = await stat(output);
      return info.size === entry.size && info.mtimeMs === entry.mtimeMs;
    } catch {
      return false;
    }
  }

  async record(output: string, key: string, images: string[]): Promise<void> {
    const info = await stat(output);
    const hashes: Record<string, string> = {};
    for (const image of images) hashes[image] = await hashFile(image);
    this.entries[output] = { key, size: info.size, mtimeMs: info.mtimeMs, images: hashes };
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
