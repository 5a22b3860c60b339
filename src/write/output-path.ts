import path from 'node:path';
import type { WorkspacePaths } from '../load/workspace-paths.ts';

/** Where `build` writes an issue by default: its path under issues/, in the output folder. */
export function defaultOutput(paths: Pick<WorkspacePaths, 'issues'>, issueFile: string, outDir: string): string {
  const rel = path.relative(paths.issues, issueFile);
  const inside = !rel.startsWith('..') && !path.isAbsolute(rel);
  const name = (inside ? rel : path.basename(issueFile)).replace(/\.md$/, '.pdf');
  return path.join(outDir, name);
}
