import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FontSet } from '../fonts/resolve-fonts.ts';
import { BUILTIN_TEMPLATES, loadTemplate } from '../load/load-template.ts';
import { displayPath } from '../load/workspace-paths.ts';
import { chromiumPath } from '../print/with-browser.ts';
import type { Issue } from '../validate/model.ts';
import { VERSION, toolFingerprint } from '../version.ts';
import { sha256, sha256File, type ArchiveRecord } from './archive-record.ts';

const run = promisify(execFile);

/** Everything an issue's PDF was made from, hashed: the body of an archive record. */
export async function describeBuild(
  root: string,
  issue: Issue,
  resources: Set<string>,
  fonts: FontSet,
): Promise<Pick<ArchiveRecord, 'files' | 'templates' | 'fonts' | 'tool' | 'chromium'>> {
  const files: Record<string, string> = {};
  files[issue.file] = await sha256File(issue.absPath);
  for (const item of issue.items) files[item.file] = await sha256File(item.absPath);
  for (const url of resources) {
    if (!url.startsWith('file:')) continue;
    const file = fileURLToPath(url);
    const rel = displayPath(root, file);
    if (rel !== file) files[rel] = await sha256File(file); // an image inside the workspace
  }
  const templates: Record<string, string> = {};
  const template = await loadTemplate(issue.publication.template, path.join(root, 'templates'));
  for (const file of template?.files ?? []) {
    const name = file.startsWith(BUILTIN_TEMPLATES) ? `builtin:${path.relative(BUILTIN_TEMPLATES, file)}` : displayPath(root, file);
    templates[name] = await sha256File(file);
  }
  const fontRecords = [];
  for (const choice of fonts.choices) {
    if (choice.file) fontRecords.push({ role: choice.role, name: choice.name, file: choice.file, sha256: await sha256File(choice.file) });
    else fontRecords.push({ role: choice.role, name: choice.name, file: '@fontsource/noto-serif-sc', sha256: sha256(Buffer.from(choice.css)) });
  }
  const { stdout } = await run(chromiumPath(), ['--version']).catch(() => ({ stdout: 'unknown' }));
  return { files, templates, fonts: fontRecords, tool: { version: VERSION, fingerprint: toolFingerprint() }, chromium: stdout.trim() };
}
