import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * What was published, recorded in the repository beside the issue (archive/<key>/<year>/<NNN>.json).
 * The PDF itself is not committed: builds are reproducible (the same inputs, fonts, templates
 * and Chromium give the same bytes), so its SHA-256 and the inputs' hashes let `bulletin
 * verify` rebuild it from the tagged commit and prove it unchanged — without a year of
 * binary PDFs in the history.
 */
export interface ArchiveRecord {
  title: string;
  publication: string;
  number: number;
  total?: number;
  date: string;
  tag: string;
  revision: number;
  /** The issue file, relative to the workspace. */
  issue: string;
  /** Why a corrected revision was made; absent for the first. */
  correction?: string;
  /** The issue file, its items and their images: path relative to the workspace → SHA-256. */
  files: Record<string, string>;
  /** Template files used (built-in ones as `builtin:…`) → SHA-256. */
  templates: Record<string, string>;
  fonts: Array<{ role: string; name: string; file: string; sha256: string }>;
  tool: { version: string; fingerprint: string };
  chromium: string;
  pdf: { file: string; sha256: string; bytes: number };
}

/** archive/special-report/2026/007.json; a correction: 007-r2.json. */
export function recordPath(root: string, publication: string, date: string, number: number, revision = 1): string {
  const suffix = revision > 1 ? `-r${revision}` : '';
  return path.join(root, 'archive', publication, date.slice(0, 4), `${String(number).padStart(3, '0')}${suffix}.json`);
}

/** special-report/2026/007; a correction: special-report/2026/007-r2. */
export function issueTag(publication: string, date: string, number: number, revision = 1): string {
  return `${publication}/${date.slice(0, 4)}/${String(number).padStart(3, '0')}${revision > 1 ? `-r${revision}` : ''}`;
}

export async function sha256File(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every archive record of the workspace. */
export async function readArchiveRecords(root: string): Promise<Array<{ file: string; record: ArchiveRecord }>> {
  const dir = path.join(root, 'archive');
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return Promise.all(
    names.map(async (name) => ({ file: path.join(dir, name), record: JSON.parse(await readFile(path.join(dir, name), 'utf8')) as ArchiveRecord })),
  );
}

/** The record of the issue file `issueFile` (workspace-relative), if it was archived. */
export function recordFor(records: Array<{ record: ArchiveRecord }>, issueFile: string): ArchiveRecord | undefined {
  // The latest revision: a correction supersedes what it corrects.
  return records
    .map((r) => r.record)
    .filter((r) => r.issue === issueFile)
    .sort((a, b) => b.revision - a.revision)[0];
}

/** The files of a record that no longer match what was archived: edited, or gone. */
export async function changedFiles(root: string, record: ArchiveRecord): Promise<string[]> {
  const changed: string[] = [];
  for (const [file, hash] of Object.entries(record.files)) {
    const now = await sha256File(path.join(root, file)).catch(() => undefined);
    if (now !== hash) changed.push(file);
  }
  return changed;
}
