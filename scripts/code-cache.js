// Runs a CommonJS bundle (the compiled copy of src/, the benchmark's limit) through V8's code
// cache: the bytecode of every function a command compiled, kept from the first successful
// run of that command and handed back to V8 on the next, so that Node neither parses the
// bundle nor compiles the functions again. A 4-issue build's main thread needs about a
// quarter of a second less CPU. This is what Node 22 does with `module.enableCompileCache()`,
// which Node 20 does not have for any kind of module, and which vm.Script offers for a
// script: hence a CommonJS bundle.
// Node built-ins only: bin/bulletin.js loads this before anything else.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** A cache file: the SHA-256 of the bundle it was made from, of its V8 data, then the data. */
const HASH_BYTES = 32;
const sha256 = (bytes) => createHash('sha256').update(bytes).digest();

/**
 * Loads `file`, a CommonJS bundle, with the code cache kept under `cacheName` (one per
 * command: a build and a check use different code). Returns its exports; `usedCache`, true
 * when V8 took the cache; and `saveCache`, to be called once the command succeeded: it
 * writes the cache when there was none or it was not taken, and does nothing otherwise.
 */
export function loadBundle(file, cacheName) {
  const bundle = readFileSync(file);
  const bundleHash = sha256(bundle); // about 6 ms: what the cache is checked against
  const cacheFile = path.join(path.dirname(file), 'v8-cache', `${path.basename(file)}.${cacheName}.${process.version}.bin`);
  const cachedData = verifiedCache(cacheFile, bundleHash);
  // The same wrapper as Node's own for a CommonJS file, on the source's first line so that
  // line numbers in stack traces stay the bundle's.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${bundle.toString('utf8')}\n})`, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  const usedCache = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports,
    usedCache,
    saveCache() {
      if (usedCache) return;
      const temporary = `${cacheFile}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
      try {
        const data = script.createCachedData();
        mkdirSync(path.dirname(cacheFile), { recursive: true });
        writeFileSync(temporary, Buffer.concat([bundleHash, sha256(data), data]));
        renameSync(temporary, cacheFile); // whole or not at all: another run may be reading it
      } catch {
        rmSync(temporary, { force: true }); // a read-only install runs without a cache
      }
    },
  };
}

/**
 * The V8 data of a cache file made from this very bundle and arrived whole, else undefined.
 * V8 itself checks only the source's length, its own version and flags: it would run the
 * bytecode of another bundle of the same length, and Node 20's V8 does not check the data's
 * checksum, so a damaged file could crash every run (a test shows both).
 */
function verifiedCache(cacheFile, bundleHash) {
  let bytes;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return undefined; // none yet
  }
  const data = bytes.subarray(2 * HASH_BYTES);
  const madeFrom = bytes.subarray(0, HASH_BYTES);
  const dataHash = bytes.subarray(HASH_BYTES, 2 * HASH_BYTES);
  return data.length > 0 && madeFrom.equals(bundleHash) && dataHash.equals(sha256(data)) ? data : undefined;
}
