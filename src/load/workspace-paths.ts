import path from 'node:path';
import { existsSync, realpathSync } from 'node:fs';

/** The files and folders of a workspace (CONTRACT.md). */
export interface WorkspacePaths {
  root: string;
  config: string;
  items: string;
  issues: string;
  templates: string;
  fonts: string;
  dist: string;
}

export function workspacePaths(root: string): WorkspacePaths {
  const abs = path.resolve(root);
  return {
    root: abs,
    config: path.join(abs, 'bulletin.config.yml'),
    items: path.join(abs, 'items'),
    issues: path.join(abs, 'issues'),
    templates: path.join(abs, 'templates'),
    fonts: path.join(abs, 'fonts'),
    dist: path.join(abs, 'dist'),
  };
}

/** The path as the editor writes it: relative to the workspace, with forward slashes. */
export function displayPath(root: string, file: string): string {
  const rel = path.relative(root, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}

/**
 * Resolves `relative` against `base` and returns it only if the result, links followed,
 * stays inside `root`: an item or image must never reach `../../etc/passwd`.
 */
export function resolveInside(root: string, base: string, relative: string): string | undefined {
  if (relative.includes('\0')) return undefined;
  const resolved = path.resolve(base, relative);
  if (!isInside(root, resolved)) return undefined;
  try {
    const real = realpathSync(resolved);
    return isInside(realpathSync(root), real) ? resolved : undefined;
  } catch {
    return resolved; // does not exist: the caller reports that, with its own wording
  }
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * An issue file named on the command line: relative to the current folder as usual, or, when
 * nothing is there, to the workspace given with --root (`bulletin build issues/…/x.md --root ws`).
 */
export function resolveIssueArgument(root: string, given: string): string {
  const fromHere = path.resolve(given);
  if (existsSync(fromHere) || path.isAbsolute(given)) return fromHere;
  const fromRoot = path.resolve(root, given);
  return existsSync(fromRoot) ? fromRoot : fromHere;
}
