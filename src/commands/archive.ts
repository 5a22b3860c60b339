import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GitFailure, GitRepository } from '../archive/git-repository.ts';
import { EnvironmentError } from '../print/with-browser.ts';
import { rm } from 'node:fs/promises';
import { issueTag, readArchiveRecords, recordFor, recordPath, sha256, type ArchiveRecord } from '../archive/archive-record.ts';
import { describeBuild } from '../archive/describe-build.ts';
import { formatDiagnostic } from '../diagnostics/diagnostic.ts';
import { ExitCode } from '../diagnostics/exit-codes.ts';
import { displayPath, resolveIssueArgument } from '../load/workspace-paths.ts';
import { issueTitle } from '../template/issue-context.ts';
import { openWorkspace } from '../workspace.ts';
import { defaultOutput } from '../write/output-path.ts';
import { writeFileAtomic } from '../write/write-file-atomic.ts';
import { checkWorkspace } from './check.ts';
import { UsageError } from './usage-error.ts';

export interface ArchiveOptions {
  root: string;
  issue: string;
  /** Why an archived issue is archived again (a deliberate, recorded correction). */
  correction?: string;
}

/**
 * `bulletin archive ISSUE`: checks the issue, builds it, and records what was published — the
 * issue file, its items and images, and a record of templates, fonts, tool, Chromium and the
 * PDF's SHA-256 — as one commit `归档：信息专报 2026年第7期` tagged `special-report/2026/007`.
 */
export async function archiveCommand(options: ArchiveOptions): Promise<number> {
  const issueFile = resolveIssueArgument(options.root, options.issue);
  const workspace = await openWorkspace(options.root);
  const root = workspace.paths.root;
  const git = await GitRepository.open(root);
  await git.requireIdentity();

  const rel = displayPath(root, issueFile);
  const header = workspace.headers.find((h) => h.file === rel);
  const previous = recordFor(await readArchiveRecords(root), rel);
  if (previous && !options.correction) {
    throw new UsageError(`${rel} 已于标签 ${previous.tag} 归档；如确需更正，请用 --correct "更正理由" 另行归档`);
  }
  const concerns = (file: string) => file === rel || (header?.items ?? []).includes(file) || file === 'bulletin.config.yml';
  // A correction is exactly an edit of archived files: that one problem does not block it.
  const blocking = (await checkWorkspace(root)).filter((d) => d.severity === 'error' && concerns(d.file) && !(options.correction && d.code === 'frozen'));
  if (!header || blocking.length > 0) {
    for (const d of blocking) process.stderr.write(`${formatDiagnostic(d)}\n`);
    if (!header) process.stderr.write(`${rel}: 期文件无效或不在 issues/ 下，无法归档\n`);
    process.stderr.write('未通过检查，没有归档；请先修正上述问题（bulletin check）\n');
    return ExitCode.invalidInput;
  }

  const revision = previous ? previous.revision + 1 : 1;
  const tag = issueTag(header.publication, header.date, header.number, revision);
  if (await git.tagExists(tag)) throw new UsageError(`标签 ${tag} 已存在；请检查 archive/ 下的归档记录是否被删除`);

  const { buildIssue, prepareBuild } = await import('../build-issue.ts');
  const { withBrowser } = await import('../print/with-browser.ts');
  const context = await prepareBuild(workspace);
  const output = defaultOutput(workspace.paths, issueFile, workspace.paths.dist);
  const built = await withBrowser((browser) => buildIssue(context, browser, issueFile, output));
  const pdf = await readFile(output);
  const title = issueTitle(built.issue);
  const record: ArchiveRecord = {
    title,
    publication: header.publication,
    number: header.number,
    total: built.issue.total,
    date: header.date,
    tag,
    revision,
    issue: rel,
    ...(options.correction ? { correction: options.correction } : {}),
    ...(await describeBuild(root, built.issue, built.resources, context.fonts)),
    pdf: { file: displayPath(root, output), sha256: sha256(pdf), bytes: pdf.length },
  };
  const recordFile = recordPath(root, header.publication, header.date, header.number, revision);
  await writeFileAtomic(recordFile, `${JSON.stringify(record, null, 2)}\n`, { exclusive: true });

  // The commit holds what the issue is made of and nothing else: its files, the config, the
  // workspace's own templates it used, and the record. Other changes stay uncommitted.
  const ownTemplates = Object.keys(record.templates).filter((t) => !t.startsWith('builtin:'));
  const files = [...Object.keys(record.files), 'bulletin.config.yml', ...ownTemplates].map((f) => git.relative(path.join(root, f)));
  files.push(git.relative(recordFile));
  const message = options.correction ? `归档更正：${title}（第${revision}版）\n\n更正理由：${options.correction}` : `归档：${title}`;
  let commit: string;
  try {
    commit = await git.commitAndTag(files, message, tag, message);
  } catch (error) {
    // No record may claim an archive that git did not make.
    if (!(error instanceof GitFailure && error.committed)) await rm(recordFile, { force: true });
    if (error instanceof GitFailure) throw new EnvironmentError(error.message);
    throw error;
  }
  process.stdout.write(`${tag}\n`);
  process.stderr.write(`已归档 ${title}：提交 ${commit.slice(0, 10)}，标签 ${tag}，PDF SHA-256 ${record.pdf.sha256.slice(0, 16)}…\n`);
  return ExitCode.ok;
}
