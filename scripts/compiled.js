// The compiled copy of src/: the same TypeScript as JavaScript (tsc, tsconfig.build.json),
// which starts in half the time of running the sources through tsx (no loader thread, no
// transform per module). `npm start` and `npm test` make it (scripts/setup.js); the
// `bulletin` command runs it only while it is newer than every source file, and the
// sources through tsx otherwise, so an edit to src/ is never run stale.
// Node built-ins only: setup runs this before the npm packages are installed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where the compiled copy goes (outDir of tsconfig.build.json, inside the tool's folder), and its stamp. */
export function compiledPaths(root) {
  const dir = path.join(root, '.compiled');
  return { lib: path.join(dir, 'lib'), entry: path.join(dir, 'lib', 'cli.js'), stamp: path.join(dir, 'stamp') };
}

/** True when the compiled copy exists and no source file changed since it was made. */
export function compiledIsFresh(root) {
  const { entry, stamp } = compiledPaths(root);
  if (!existsSync(entry) || !existsSync(stamp)) return false;
  const madeAt = statSync(stamp).mtimeMs;
  const src = path.join(root, 'src');
  for (const file of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (file.isFile() && statSync(path.join(file.parentPath, file.name)).mtimeMs > madeAt) return false;
  }
  return statSync(path.join(root, 'tsconfig.build.json')).mtimeMs <= madeAt;
}

/** Compiles src/ when the copy is missing or stale; false when that failed (tsx is used then). */
export function compile(root) {
  if (compiledIsFresh(root)) return true;
  const { lib, stamp } = compiledPaths(root);
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) return false;
  rmSync(lib, { recursive: true, force: true }); // no module of a deleted source left behind
  rmSync(stamp, { force: true });
  const startedAt = new Date();
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    return false;
  }
  // Stamped with the time the compilation started: a source saved during it counts as newer.
  mkdirSync(path.dirname(stamp), { recursive: true });
  writeFileSync(stamp, `${startedAt.toISOString()}\n`);
  utimesSync(stamp, startedAt, startedAt);
  return true;
}
