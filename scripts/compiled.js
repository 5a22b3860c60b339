// The compiled copy of src/: the TypeScript sources and the npm packages they use bundled by
// esbuild into one CommonJS script. Node then reads one file where it resolved and linked
// some eight hundred modules (a cold build reaches its first print about a third of a second
// sooner), and runs it through V8's code cache (scripts/code-cache.js), which Node 20 offers
// for scripts and not for ES modules: another third of a second. Modules the CLI imports
// lazily stay lazy: esbuild evaluates each when it is first imported. `npm start` and
// `npm test` make it (scripts/setup.js); the `bulletin` command runs it only while it is
// newer than every source file, this recipe and the installed packages, and the sources
// through tsx otherwise, so an edit to src/ is never run stale.
// Node built-ins only: setup runs this before the npm packages are installed.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the compiled copy goes (inside the tool's folder), and its stamp. */
export function compiledPaths(root) {
  const dir = path.join(root, '.compiled');
  return { lib: path.join(dir, 'lib'), entry: path.join(dir, 'lib', 'cli.cjs'), stamp: path.join(dir, 'stamp') };
}

/**
 * What the copy is made from besides src/: this recipe, the lock file, and what npm last
 * installed (node_modules/.package-lock.json), since the packages are bundled into it.
 */
function compiledInputs(root) {
  return [path.join(root, 'scripts', 'compiled.js'), path.join(root, 'scripts', 'code-cache.js'), path.join(root, 'scripts', 'command-name.js'), path.join(root, 'scripts', 'quiet-debug.js'), path.join(root, 'package-lock.json'), path.join(root, 'node_modules', '.package-lock.json')];
}

/** True when the compiled copy exists and none of its inputs changed since it was made. */
export function compiledIsFresh(root) {
  const { entry, stamp } = compiledPaths(root);
  if (!existsSync(entry) || !existsSync(stamp)) return false;
  const madeAt = statSync(stamp).mtimeMs;
  const src = path.join(root, 'src');
  for (const file of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (file.isFile() && statSync(path.join(file.parentPath, file.name)).mtimeMs > madeAt) return false;
  }
  return compiledInputs(root).every((file) => !existsSync(file) || statSync(file).mtimeMs <= madeAt);
}

/**
 * Packages left out of the bundle, loaded from node_modules as they are: fonteditor-core finds
 * its WebAssembly beside its own files (__dirname), which a bundle does not have; fsevents is
 * macOS only.
 */
const EXTERNAL = ['fonteditor-core', 'fsevents'];

/** Bundles src/ when the copy is missing or stale; false when that failed (tsx is used then). */
export function compile(root) {
  if (compiledIsFresh(root)) return true;
  const { lib, entry, stamp } = compiledPaths(root);
  let esbuild;
  try {
    esbuild = createRequire(path.join(root, 'package.json'))('esbuild');
  } catch {
    return false; // not installed yet
  }
  rmSync(lib, { recursive: true, force: true }); // nor the code caches of an earlier bundle
  rmSync(stamp, { force: true });
  const startedAt = new Date();
  try {
    esbuild.buildSync({
      ...bundleOptions(root),
      entryPoints: [path.join(root, 'src', 'cli.ts')],
      outfile: entry,
    });
  } catch {
    return false; // esbuild printed why
  }
  // Stamped with the time the bundling started: a source saved during it counts as newer.
  mkdirSync(path.dirname(stamp), { recursive: true });
  writeFileSync(stamp, `${startedAt.toISOString()}\n`);
  utimesSync(stamp, startedAt, startedAt);
  return true;
}

/**
 * Bundles one script of the repository (the benchmark's limit) into `outfile` as the tool
 * itself is bundled, so that it starts as fast, run as the tool is (scripts/run-bundle.js):
 * throws if esbuild is missing or fails.
 */
export function bundleScript(root, entry, outfile) {
  const esbuild = createRequire(path.join(root, 'package.json'))('esbuild');
  esbuild.buildSync({ ...bundleOptions(root), entryPoints: [entry], outfile });
}

function bundleOptions(root) {
  return {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // A third less code for Node to read and parse at every start (a cold build reaches its
    // first print some 60 ms sooner). Names are kept, so a --debug stack trace still names
    // the functions; run the sources (remove .compiled/) to see their lines.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    // What the sources' `import.meta.url` stands for in a CommonJS script: its own URL. The
    // banner comes before esbuild's own "use strict", which then is no longer a directive:
    // hence its own, for the strict mode the sources have as ES modules.
    banner: { js: "'use strict'; var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__bundleUrl' },
    // import() of an external package or a built-in as require(): a script run through
    // vm.Script (scripts/code-cache.js) has no loader for import().
    supported: { 'dynamic-import': false },
    external: EXTERNAL,
    // Puppeteer's logger, quiet unless DEBUG is set: see quiet-debug.js.
    alias: { debug: path.join(root, 'scripts', 'quiet-debug.js') },
  };
}

// `node scripts/compiled.js`: bundle now (setup does it too).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  process.exit(compile(root) ? 0 : 1);
}
