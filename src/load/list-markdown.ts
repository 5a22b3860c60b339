import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Every `*.md` below `dir`, at any depth, in file-name order; none when `dir` is missing. */
export async function listMarkdown(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // code-unit order: the same on every machine
}
