import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export const VERSION = pkg.version;
/** Written into every PDF's Creator and Producer. */
export const TOOL_NAME = `bulletin ${VERSION}`;
