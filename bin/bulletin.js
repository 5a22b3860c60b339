#!/usr/bin/env node
// Entry point of the `bulletin` command. Runs the compiled copy of src/ that `npm start`
// makes while it is up to date (it starts faster, more so through V8's code cache), and
// otherwise the TypeScript sources through tsx: the repository works as it is checked out,
// with no build step to forget.
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { loadBundle } from '../scripts/code-cache.js';
import { commandName } from '../scripts/command-name.js';
import { compiledIsFresh, compiledPaths } from '../scripts/compiled.js';
import { v8FlagsFor } from '../scripts/v8-flags.js';

// `bulletin list | head`: the reader went away; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const command = commandName(args);

// Before any of the tool's code is loaded: see scripts/v8-flags.js.
for (const flag of v8FlagsFor(command)) v8.setFlagsFromString(flag);

if (compiledIsFresh(root)) {
  // A code cache per command (a build compiles other functions than a check), kept by the
  // first run of that command that succeeds.
  const bundle = loadBundle(compiledPaths(root).entry, /^[a-z]+$/.test(command ?? '') ? command : 'other');
  process.exitCode = await bundle.exports.main(args);
  if (process.exitCode === 0) bundle.saveCache();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../src/cli.ts');
  process.exitCode = await main(args);
}
