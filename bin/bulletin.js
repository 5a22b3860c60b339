#!/usr/bin/env node
// Entry point of the `bulletin` command. Runs the compiled copy of src/ that `npm start`
// makes while it is up to date (it starts faster), and otherwise the TypeScript sources
// through tsx: the repository works as it is checked out, with no build step to forget.
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
let main;
if (compiledIsFresh(root)) {
  ({ main } = await import(pathToFileURL(compiledPaths(root).entry).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli.ts'));
}
process.exitCode = await main(process.argv.slice(2));
