#!/usr/bin/env node
// Entry point of the `bulletin` command. Runs the compiled copy of src/ that `npm start`
// makes while it is up to date (it starts faster, more so through V8's code cache), and
// otherwise the TypeScript sources through tsx: the repository works as it is checked out,
// with no build step to forget.
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { loadBundle } from '../scripts/code-cache.js';
import { compiledIsFresh, compiledPaths } from '../scripts/compiled.js';
import { V8_FLAGS } from '../scripts/v8-flags.js';

// `bulletin list | head`: the reader went away; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// Before any of the tool's code is loaded: see scripts/v8-flags.js.
for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
if (compiledIsFresh(root)) {
  // A code cache per command (a build compiles other functions than a check), kept by the
  // first run of that command that succeeds.
  const command = /^[a-z]+$/.test(args[0] ?? '') ? args[0] : 'other';
  const bundle = loadBundle(compiledPaths(root).entry, command);
  process.exitCode = await bundle.exports.main(args);
  if (process.exitCode === 0) bundle.saveCache();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../src/cli.ts');
  process.exitCode = await main(args);
}
