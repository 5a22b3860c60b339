import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { simpleGit, type SimpleGit } from 'simple-git';
import { UsageError } from '../commands/usage-error.ts';

const run = promisify(execFile);

/** git refused a step of archiving; the message says which, in Chinese, and what git said. */
export class GitFailure extends Error {
  constructor(
    step: string,
    cause: unknown,
    /** Whether the commit was made before the failure. */
    readonly committed = false,
  ) {
    super(`git ${step}失败：${String((cause as Error)?.message ?? cause).trim().split('\n')[0]}`);
    this.name = 'GitFailure';
  }
}

/**
 * The workspace's git repository, driven through simple-git: arguments are passed as
 * arrays (no shell strings), and each failure an editor can meet has a Chinese message.
 */
export class GitRepository {
  private constructor(
    readonly top: string,
    private readonly realRoot: string,
    private readonly givenRoot: string,
    private readonly git: SimpleGit,
  ) {}

  /** Opens the repository the workspace is in; refuses a folder that is not in one. */
  static async open(workspaceRoot: string): Promise<GitRepository> {
    // git answers with real paths: reach the workspace by its real path too (it may be a link).
    const root = realpathSync(workspaceRoot);
    const git = simpleGit({ baseDir: root, binary: 'git' });
    let top: string;
    try {
      top = (await git.revparse(['--show-toplevel'])).trim();
    } catch {
      throw new UsageError(`工作区 ${root} 不在 git 仓库中；请先在工作区运行 git init，并提交现有文件`);
    }
    return new GitRepository(top, root, workspaceRoot, simpleGit({ baseDir: top, binary: 'git' }));
  }

  /** Refuses to commit without a name and e-mail: the archive records who published what. */
  async requireIdentity(): Promise<void> {
    const name = (await this.git.raw(['config', '--get', 'user.name']).catch(() => '')).trim();
    const email = (await this.git.raw(['config', '--get', 'user.email']).catch(() => '')).trim();
    if (!name || !email) {
      throw new UsageError('git 没有设置提交人；请运行 git config user.name "姓名" 和 git config user.email "邮箱" 后再归档');
    }
  }

  async tagExists(tag: string): Promise<boolean> {
    return (await this.git.tags(['--list', tag])).all.includes(tag);
  }

  /**
   * Commits exactly `files` (paths relative to the repository), whatever else is staged or
   * changed in the working tree, and tags the commit. Returns the commit id.
   */
  async commitAndTag(files: string[], message: string, tag: string, tagMessage: string): Promise<string> {
    try {
      await this.git.raw(['add', '--', ...files]);
      await this.git.raw(['commit', '--quiet', '--only', '-m', message, '--', ...files]);
    } catch (error) {
      await this.git.raw(['reset', '--quiet', '--', ...files]).catch(() => undefined);
      throw new GitFailure('提交归档', error);
    }
    const commit = (await this.git.revparse(['HEAD'])).trim();
    try {
      await this.git.raw(['tag', '-a', tag, '-m', tagMessage, commit]);
    } catch (error) {
      throw new GitFailure(`打标签 ${tag}（提交 ${commit.slice(0, 10)} 已完成）`, error, true);
    }
    return commit;
  }

  /** A read-only copy of the repository's files at `tag`, in a temporary folder. */
  async snapshot(tag: string): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bulletin-archive-'));
    const archive = path.join(dir, '.snapshot.tar');
    await this.git.raw(['archive', '--format=tar', '-o', archive, tag]);
    await run('tar', ['-xf', archive, '-C', dir]);
    return dir;
  }

  /** Path of `file` (under the workspace as given) relative to the repository top, as git wants it. */
  relative(file: string): string {
    const real = path.join(this.realRoot, path.relative(this.givenRoot, file));
    return path.relative(this.top, real).split(path.sep).join('/');
  }
}
