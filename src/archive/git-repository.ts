import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { simpleGit, type SimpleGit } from 'simple-git';
import { UsageError } from '../commands/usage-error.ts';

const run = promisify(execFile);

/**
 * The workspace's git repository, driven through simple-git: arguments are passed as
 * arrays (no shell strings), and each failure an editor can meet has a Chinese message.
 */
export class GitRepository {
  private constructor(
    readonly top: string,
    private readonly git: SimpleGit,
  ) {}

  /** Opens the repository the workspace is in; refuses a folder that is not in one. */
  static async open(root: string): Promise<GitRepository> {
    const git = simpleGit({ baseDir: root, binary: 'git' });
    let top: string;
    try {
      top = (await git.revparse(['--show-toplevel'])).trim();
    } catch {
      throw new UsageError(`工作区 ${root} 不在 git 仓库中；请先在工作区运行 git init，并提交现有文件`);
    }
    return new GitRepository(top, simpleGit({ baseDir: top, binary: 'git' }));
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
    await this.git.raw(['add', '--', ...files]);
    await this.git.raw(['commit', '--quiet', '--only', '-m', message, '--', ...files]);
    const commit = (await this.git.revparse(['HEAD'])).trim();
    await this.git.raw(['tag', '-a', tag, '-m', tagMessage, commit]);
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

  /** Path of `file` relative to the repository top, as git wants it. */
  relative(file: string): string {
    return path.relative(this.top, file).split(path.sep).join('/');
  }
}
