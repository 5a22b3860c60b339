import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseFrontMatter } from '../load/front-matter.ts';
import { BUILTIN_TEMPLATES } from '../load/load-template.ts';
import { resolveInside, type WorkspacePaths } from '../load/workspace-paths.ts';

/**
 * What the preview of one issue depends on. Folders rather than single files are what gets
 * watched: a file watcher loses a file that an editor deletes and writes anew, but a folder
 * sees it come back.
 */
export interface WatchSources {
  /** Files any change to which changes the issue: config, the issue file, its items. */
  files: string[];
  /** Folders any direct entry of which matters: templates, image folders, issues/, fonts/. */
  folders: string[];
  /** False when the issue's item list could not be read (e.g. broken YAML): keep the old items. */
  complete: boolean;
}

/** Collects the sources of `issueFile` as they are on disk now; never throws on bad input. */
export async function watchSources(paths: WorkspacePaths, issueFile: string): Promise<WatchSources> {
  const files = new Set([paths.config, issueFile]);
  const folders = new Set<string>();
  // Other issues matter too: an issue without `total` continues the previous issue's 总第N期.
  for (const tree of [paths.templates, BUILTIN_TEMPLATES, paths.issues]) {
    for (const dir of await foldersOf(tree)) folders.add(dir);
  }
  folders.add(paths.fonts);

  const issue = await readDocument(issueFile);
  const listed = (issue?.data as { items?: unknown } | undefined)?.items;
  const complete = Array.isArray(listed);
  if (issue) imageFolders(paths.root, issueFile, issue.body).forEach((d) => folders.add(d));
  for (const entry of complete ? listed : []) {
    if (typeof entry !== 'string' || entry === '') continue;
    const item = resolveInside(paths.root, paths.root, entry);
    if (!item) continue;
    files.add(item);
    const doc = await readDocument(item);
    if (doc) imageFolders(paths.root, item, doc.body).forEach((d) => folders.add(d));
  }
  return {
    files: [...files],
    folders: [...folders].map((dir) => nearestExisting(paths.root, dir)),
    complete,
  };
}

/** The paths to hand the watcher (each watched without descending): the folders of it all. */
export function watchedPaths(sources: Pick<WatchSources, 'files' | 'folders'>): string[] {
  return [...new Set([...sources.files.map((f) => path.dirname(f)), ...sources.folders])];
}

/** Whether a change reported at `changed` concerns the issue; editors' scratch files do not. */
export function affectsIssue(sources: Pick<WatchSources, 'files' | 'folders'>, changed: string): boolean {
  const name = path.basename(changed);
  if (name.startsWith('.') || name.endsWith('~') || /\.sw[a-p]$|^4913$/.test(name)) return false; // vim, emacs
  return sources.files.includes(changed) || sources.folders.includes(changed) || sources.folders.includes(path.dirname(changed));
}

async function readDocument(file: string) {
  try {
    return parseFrontMatter(await readFile(file, 'utf8'), file);
  } catch {
    return undefined; // missing or unreadable: the build itself says so, with its own wording
  }
}

// Markdown images `![a](src)`, reference definitions `[id]: src`, and raw `<img src="…">`.
// A regular expression is enough here: watching one folder too many only costs a rebuild.
const IMAGE_REFERENCES = [/!\[[^\]]*\]\(\s*<?([^)\s>]+)/g, /^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)/gm, /<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/gi];

function imageFolders(root: string, document: string, markdown: string): string[] {
  const folders: string[] = [];
  for (const pattern of IMAGE_REFERENCES) {
    for (const match of markdown.matchAll(pattern)) {
      const src = match[1]!;
      if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(src)) continue;
      let decoded = src;
      try {
        decoded = decodeURI(src);
      } catch {
        /* keep as written, as the image resolver does */
      }
      const image = resolveInside(root, path.dirname(document), decoded);
      if (image) folders.push(path.dirname(image));
    }
  }
  return folders;
}

/** `dir` and every folder below it, when it exists. */
async function foldersOf(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return [dir, ...entries.filter((e) => e.isDirectory()).map((e) => path.join(e.parentPath, e.name))];
  } catch {
    return [dir];
  }
}

/**
 * A folder that does not exist yet cannot be watched; its nearest existing parent can, and
 * sees it appear. The rebuild that follows watches the folder itself.
 */
function nearestExisting(root: string, dir: string): string {
  let current = dir;
  while (!existsSync(current) && current !== root && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}
