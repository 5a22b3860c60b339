import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { TOOL_ROOT } from './tool-root.ts';

const pkg = JSON.parse(readFileSync(path.join(TOOL_ROOT, 'package.json'), 'utf8')) as { version: string };

export const VERSION = pkg.version;
/** Written into every PDF's Creator and Producer. */
export const TOOL_NAME = `bulletin ${VERSION}`;

/**
 * The version and the tool's own source, hashed: part of every build's cache key, so a change
 * to the code (not only a new release) rebuilds what it may have changed.
 */
export function toolFingerprint(): string {
  const src = path.join(TOOL_ROOT, 'src'); // the sources, also when the compiled copy runs
  const hash = createHash('sha256').update(VERSION);
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const file of files) hash.update(file.slice(src.length)).update(readFileSync(file));
  return hash.digest('hex');
}
