import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { archivedWorkspace } from '../archive/archived-build.ts';
import { changedFiles, readArchiveRecords, sha256, type ArchiveRecord } from '../archive/archive-record.ts';
import { describeBuild } from '../archive/describe-build.ts';
import { ExitCode } from '../diagnostics/exit-codes.ts';
import { resolveFonts } from '../fonts/resolve-fonts.ts';

/**
 * `bulletin verify`: rebuilds every archived issue from its tagged commit and compares the PDF
 * with the archived SHA-256. A mismatch is explained by what differs from the record: the
 * templates, the fonts, the tool or Chromium.
 */
export async function verifyCommand(root: string): Promise<number> {
  const all = await readArchiveRecords(path.resolve(root));
  if (all.length === 0) {
    process.stderr.write('没有已归档的期（archive/ 为空）\n');
    return ExitCode.ok;
  }
  const { buildIssue, prepareBuild } = await import('../build-issue.ts');
  const { withBrowser } = await import('../print/with-browser.ts');
  const workspaceRoot = path.resolve(root);
  const fonts = await resolveFonts({ workspaceFonts: path.join(workspaceRoot, 'fonts') });
  const out = await mkdtemp(path.join(os.tmpdir(), 'bulletin-verify-'));
  let failed = 0;
  try {
    await withBrowser(async (browser) => {
      for (const { record } of all) {
        const archived = await archivedWorkspace(workspaceRoot, record.tag);
        try {
          const context = await prepareBuild(archived.workspace, fonts);
          const output = path.join(out, `${record.tag.replaceAll('/', '-')}.pdf`);
          const built = await buildIssue(context, browser, archived.mapPath(path.join(workspaceRoot, record.issue)), output, { preflight: false });
          const now = sha256(await readFile(output));
          const edited = await changedFiles(workspaceRoot, record);
          const note = edited.length > 0 ? `（工作区中 ${edited.join('、')} 归档后被修改过，不影响归档内容）` : '';
          if (now === record.pdf.sha256) {
            process.stdout.write(`一致：${record.title}（${record.tag}）${note}\n`);
            continue;
          }
          failed++;
          const reasons = explain(record, await describeBuild(archived.workspace.paths.root, built.issue, built.resources, fonts));
          process.stdout.write(`不一致：${record.title}（${record.tag}）：重新编排的 PDF 与归档时不同${reasons.length ? `；原因：${reasons.join('；')}` : ''}${note}\n`);
        } finally {
          await archived.cleanup();
        }
      }
    });
  } finally {
    await rm(out, { recursive: true, force: true });
  }
  process.stderr.write(`核对完成：${all.length} 期归档，${failed} 期不一致\n`);
  return failed > 0 ? ExitCode.verifyMismatch : ExitCode.ok;
}

/** What differs between the record and the build just made. */
function explain(record: ArchiveRecord, now: Pick<ArchiveRecord, 'files' | 'templates' | 'fonts' | 'tool' | 'chromium'>): string[] {
  const reasons: string[] = [];
  for (const [file, hash] of Object.entries(record.files)) if (now.files[file] !== hash) reasons.push(`${file} 与归档不符`);
  const templates = new Set([...Object.keys(record.templates), ...Object.keys(now.templates)]);
  for (const file of templates) if (record.templates[file] !== now.templates[file]) reasons.push(`模板 ${file} 已变化`);
  for (const font of record.fonts) {
    const current = now.fonts.find((f) => f.role === font.role);
    if (!current || current.name !== font.name || current.sha256 !== font.sha256) {
      reasons.push(`字体 ${font.name} 已变化${current ? `（现为 ${current.name}）` : ''}`);
    }
  }
  if (record.tool.fingerprint !== now.tool.fingerprint) reasons.push(`bulletin 程序已变化（${record.tool.version} → ${now.tool.version}）`);
  if (record.chromium !== now.chromium) reasons.push(`Chromium 版本已变化（${record.chromium} → ${now.chromium}）`);
  return reasons;
}
