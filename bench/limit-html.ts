/**
 * The limit's input, made untimed: every issue of the workspace rendered to HTML by the
 * pipeline's own first stages (issueToHtml), written to DIR/html, with DIR/jobs.json listing
 * each page and the PDF print-limit.ts is to print it to (in DIR/pdf).
 *
 *   node --import tsx bench/limit-html.ts --root WORKSPACE --out DIR
 *
 * Prints one JSON line: { issues, htmlSeconds }.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { issueToHtml, prepareBuild } from '../src/build-issue.ts';
import { listMarkdown } from '../src/load/list-markdown.ts';
import { openWorkspace } from '../src/workspace.ts';
import { option, type LimitJob } from './limit-jobs.ts';

const args = process.argv.slice(2);
const root = option(args, '--root');
const outDir = option(args, '--out');

const started = process.hrtime.bigint();
const workspace = await openWorkspace(root);
const context = await prepareBuild(workspace);
const jobs: LimitJob[] = [];
await mkdir(path.join(outDir, 'html'), { recursive: true });
for (const file of await listMarkdown(workspace.paths.issues)) {
  const { html } = await issueToHtml(context, file);
  const name = path.relative(workspace.paths.issues, file).replace(/[\\/]/g, '__').replace(/\.md$/, '');
  const htmlFile = path.join(outDir, 'html', `${name}.html`);
  await writeFile(htmlFile, html);
  jobs.push({ url: pathToFileURL(htmlFile).href, pdf: path.join(outDir, 'pdf', `${name}.pdf`) });
}
await writeFile(path.join(outDir, 'jobs.json'), JSON.stringify(jobs));
const htmlSeconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(`${JSON.stringify({ issues: jobs.length, htmlSeconds })}\n`);
