#!/usr/bin/env node
// Runs a CommonJS bundle that exports `main(args)` as the `bulletin` command runs its compiled
// copy: through V8's code cache (scripts/code-cache.js), kept under the bundle's own name.
// The benchmark's limit is run this way, so that it starts as the build does.
//
//   node scripts/run-bundle.js BUNDLE.cjs [ARGS…]
import path from 'node:path';
import { loadBundle } from './code-cache.js';

const [file, ...args] = process.argv.slice(2);
const bundle = loadBundle(path.resolve(file), path.basename(file, '.cjs'));
process.exitCode = await bundle.exports.main(args);
if (process.exitCode === 0) bundle.saveCache();
