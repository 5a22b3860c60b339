import { realpathSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { openWorkspace, type Workspace } from '../workspace.ts';
import { GitRepository } from './git-repository.ts';

/**
 * The workspace as it was when an issue was archived: a snapshot of the tagged commit, opened
 * as a workspace, so an archived issue is always built from what was published.
 */
export async function archivedWorkspace(
  root: string,
  tag: string,
): Promise<{ workspace: Workspace; mapPath: (file: string) => string; cleanup: () => Promise<void> }> {
  const git = await GitRepository.open(root);
  const snapshot = await git.snapshot(tag);
  const cleanup = () => rm(snapshot, { recursive: true, force: true });
  try {
    const snapshotRoot = path.join(snapshot, path.relative(git.top, realpathSync(root)));
    const workspace = await openWorkspace(snapshotRoot);
    return { workspace, mapPath: (file) => path.join(snapshotRoot, path.relative(root, file)), cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

