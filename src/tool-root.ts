import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The tool's own folder (where package.json, src/ and templates/ are): the nearest folder
 * above this module whose package.json names the tool. Found rather than written as a
 * relative path, because this module runs from src/ through tsx and from the compiled copy
 * that `npm start` makes (see bin/bulletin.js) elsewhere.
 */
export const TOOL_ROOT = findToolRoot(path.dirname(fileURLToPath(import.meta.url)));

function findToolRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'bulletin') return dir;
    if (path.dirname(dir) === dir) throw new Error(`bulletin's package.json not found above ${from}`);
  }
}
