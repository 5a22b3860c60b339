import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { BUILTIN_TEMPLATES } from '../load/load-template.ts';
import { resolveInside } from '../load/workspace-paths.ts';
import { writeFileAtomic } from '../write/write-file-atomic.ts';

/** What a built PDF was made from, and the file it became. */
interface Entry {
  key: string;
  size: number;
  mtimeMs: number;
}

const IMAGE_REFERENCE = /!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img[^>]*\ssrc\s*=\s*["']?([^"'\s>]+)/gi;

/**
 * Incremental builds. An issue's key is a hash of everything its PDF is made from: the tool's
 * version, the fonts, every template file, the config, the issue file, its 总第N期 (which may be
 * continued from other issues), its items and their images. A PDF is up to date when its key
 * is unchanged and the file is still the one written. Reading these files costs far less than
 * rendering, so an unchanged year of issues is checked in well under a second.
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

  async isFresh(output: string, key: string): Promise<boolean> {
    const entry = this.entries[output];
    if (!entry || entry.key !== key) return false;
    try {
      const info = await stat(output);
      return info.size === entry.size && info.mtimeMs === entry.mtimeMs;
    } catch {
      return false;
    }
  }

  async record(output: string, key: string): Promise<void> {
    const info = await stat(output);
    this.entries[output] = { key, size: info.size, mtimeMs: info.mtimeMs };
  }

  forget(output: string): void {
    delete this.entries[output];
  }

  async save(): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(this.entries, null, 1));
  }
}

/** What every issue of a run shares: tool, fonts, templates, config. */
export async function sharedInputKey(parts: { root: string; config: string; fontFiles: string[]; fontCss: string; version: string }): Promise<string> {
  const hash = createHash('sha256').update(parts.version).update(parts.fontCss).update(await readFile(parts.config));
  for (const file of parts.fontFiles) {
    const info = await stat(file).catch(() => undefined);
    hash.update(`${file}|${info?.size}|${info?.mtimeMs}`);
  }
  for (const dir of [BUILTIN_TEMPLATES, path.join(parts.root, 'templates')]) {
    for (const file of await listFiles(dir)) hash.update(file).update(await readFile(file));
  }
  return hash.digest('hex');
}

/** The key of one issue: the shared key plus its own files. */
export async function issueInputKey(shared: string, root: string, issueFile: string, total: number | undefined): Promise<string> {
  const hash = createHash('sha256').update(shared).update(String(total));
  const issueText = await readFile(issueFile, 'utf8');
  hash.update(issueText);
  await hashImages(hash, root, issueFile, issueText);
  for (const entry of listedItems(issueText)) {
    const file = resolveInside(root, root, entry);
    const text = file ? await readFile(file, 'utf8').catch(() => '\0missing') : '\0outside';
    hash.update(`\0${entry}\0`).update(text);
    if (file) await hashImages(hash, root, file, text);
  }
  return hash.digest('hex');
}

/** The item paths of an issue's front-matter, read leniently: a bad file just misses the cache. */
function listedItems(issueText: string): string[] {
  const block = /^---\r?\n([\s\S]*?)\r?\n---/.exec(issueText)?.[1] ?? '';
  return [...block.matchAll(/^\s*-\s*["']?([^"'\n#]+?\.md)["']?\s*$/gm)].map((m) => m[1]!.trim());
}

async function hashImages(hash: ReturnType<typeof createHash>, root: string, documentPath: string, text: string): Promise<void> {
  for (const m of text.matchAll(IMAGE_REFERENCE)) {
    const src = m[1] ?? m[2]!;
    const file = resolveInside(root, path.dirname(documentPath), safeDecode(src));
    hash.update(`\0${src}\0`);
    if (file) hash.update(await readFile(file).catch(() => Buffer.from('\0missing')));
  }
}

function safeDecode(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
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
