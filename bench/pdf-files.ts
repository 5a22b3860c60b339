/**
 * The PDFs a run leaves: which of an issue's PDFs a build (re)wrote, read from the file's
 * inode, mtime and size (a rewrite is a temp file renamed over the old one), so it does not
 * depend on what the build prints; and how many pages they have.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { GeneratedWorkspace } from './generate-workspace.ts';

export type Stamp = { ino: bigint; mtimeNs: bigint; size: bigint };

/** The identity of each issue's PDF as it is now: a rewrite (temp file + rename) changes it. */
export function snapshot(workspace: GeneratedWorkspace): Map<string, Stamp> {
  const stamps = new Map<string, Stamp>();
  for (const { pdf } of workspace.issues) {
    try {
      const s = statSync(path.join(workspace.root, pdf), { bigint: true });
      stamps.set(pdf, { ino: s.ino, mtimeNs: s.mtimeNs, size: s.size });
    } catch {
      /* not built */
    }
  }
  return stamps;
}

export function changed(before: Stamp | undefined, after: Stamp | undefined): boolean {
  if (!after) return false;
  return !before || before.ino !== after.ino || before.mtimeNs !== after.mtimeNs || before.size !== after.size;
}

export function pdfsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => path.join(dir, f));
}

export async function countPages(files: string[]): Promise<number> {
  let pages = 0;
  for (const file of files) {
    try {
      pages += (await PDFDocument.load(await readFile(file), { updateMetadata: false, ignoreEncryption: true })).getPageCount();
    } catch {
      /* unreadable: not counted */
    }
  }
  return pages;
}
