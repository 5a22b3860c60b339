// Runs a CommonJS bundle (the compiled copy of src/, the benchmark's limit) through V8's code
// cache: the bytecode of every function a command compiled, kept from the first successful
// run of that command and handed back to V8 on the next, so that Node neither parses the
// bundle nor compiles the functions again. A cold `bulletin build` reaches its first print
// about a third of a second sooner; `bulletin check` answers about 0.1 s sooner. This is
// what Node 22 does with `module.enableCompileCache()`, which Node 20 does not have for any
// kind of module, and which vm.Script offers for a script: hence a CommonJS bundle.
// Node built-ins only: bin/bulletin.js loads this before anything else.
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * Loads `file`, a CommonJS bundle, with the code cache kept under `cacheName` (one per
 * command: a build and a check use different code). Returns its exports; `usedCache`, true
 * when V8 took the cache; and `saveCache`, to be called once the command succeeded: it
 * writes the cache when there was none or V8 refused it (another Node, other V8 flags, a
 * damaged file), and does nothing otherwise.
 */
export function loadBundle(file, cacheName) {
  // Read and stat through one descriptor: the cache is named after this very file (its inode,
  // size and time), so a bundle made again, even of the same length, never meets the cache
  // of the one before. V8 itself checks only the source's length, its own version and flags.
  const fd = openSync(file, 'r');
  let source;
  let identity;
  try {
    const stat = fstatSync(fd);
    identity = `${stat.ino}-${stat.size}-${Math.trunc(stat.mtimeMs)}`;
    source = readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
  const cacheFile = path.join(path.dirname(file), 'v8-cache', `${path.basename(file)}.${cacheName}.${process.version}.${identity}.bin`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // none yet
  }
  // The same wrapper as Node's own for a CommonJS file, on the source's first line so that
  // line numbers in stack traces stay the bundle's.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    usedCache: cachedData !== undefined && !script.cachedDataRejected,
    saveCache() {
      if (cachedData && !script.cachedDataRejected) return;
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        mkdirSync(path.dirname(cacheFile), { recursive: true });
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile); // whole or not at all: another run may be reading it
      } catch {
        rmSync(temporary, { force: true }); // a read-only install runs without a cache
      }
    },
  };
}
