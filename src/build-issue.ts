/**
 * The pipeline, one issue at a time:
 *
 *   load       read the issue file and the items it lists (front-matter parsed, lines kept)
 *   validate   check them against the schema and resolve them against the config
 *   markdown   turn the editor's note and each item into sanitised HTML
 *   template   put it all into the periodical's Handlebars template with its CSS and fonts
 *   print      Chromium lays the page out and prints the PDF
 *   postprocess pdf-lib moves the tail into place and writes the metadata
 *   write      the file lands atomically at its path
 *
 * What is costly and the same for every issue (fonts, the Markdown processor, compiled
 * templates, the browser) is prepared once per run in a BuildContext.
 */
import { rm } from 'node:fs/promises';
import type { Browser } from 'puppeteer-core';
import { InputError, throwIfErrors, type Diagnostic } from './diagnostics/diagnostic.ts';
import { missingGlyphs } from './fonts/coverage.ts';
import { resolveFonts, type FontSet } from './fonts/resolve-fonts.ts';
import { loadIssue } from './load/load-workspace.ts';
import { loadTemplate } from './load/load-template.ts';
import { imageResolverFor } from './load/resolve-image.ts';
import { displayPath } from './load/workspace-paths.ts';
import { createMarkdownRenderer } from './markdown/render-markdown.ts';
import type { ImageResolver } from './markdown/rehype-bulletin.ts';
import type { PdfMetadata } from './postprocess/postprocess-pdf.ts';
import type { Finishing } from './finish-pdf.ts';
import { BlockedRequestError, printAllowingOnly, type PrintOptions } from './print/print-pdf.ts';
import { compileTemplate, type CompiledTemplate } from './template/apply-template.ts';
import { hasTail, issueContext, issueTitle } from './template/issue-context.ts';
import type { Issue } from './validate/model.ts';
import { validateIssue } from './validate/validate-workspace.ts';
import type { Workspace } from './workspace.ts';
import { TOOL_NAME } from './version.ts';

export interface BuildContext {
  workspace: Workspace;
  fonts: FontSet;
  render: ReturnType<typeof createMarkdownRenderer>;
  templates: Map<string, Promise<CompiledTemplate>>;
}

export async function prepareBuild(workspace: Workspace, resolved?: FontSet): Promise<BuildContext> {
  const fonts = resolved ?? (await resolveFonts({ workspaceFonts: workspace.paths.fonts }));
  return { workspace, fonts, render: createMarkdownRenderer(), templates: new Map() };
}

export interface BuiltIssue {
  issue: Issue;
  output: string;
  warnings: Diagnostic[];
  /** The fonts and images the page loaded. */
  resources: Set<string>;
}

export interface IssueHtml {
  issue: Issue;
  html: string;
  warnings: Diagnostic[];
  /** The only URLs the printing page may load: its fonts and the items' images. */
  resources: Set<string>;
}

/** Reads, checks and renders an issue to HTML: every stage before the browser. */
export async function issueToHtml(context: BuildContext, issueFile: string): Promise<IssueHtml> {
  const { workspace } = context;
  const root = workspace.paths.root;
  const raw = await loadIssue(workspace.sources, issueFile);
  const total = workspace.totals.get(displayPath(root, issueFile));
  const validated = validateIssue(raw, workspace.config, total);
  throwIfErrors(validated.diagnostics);
  const issue = validated.value!;
  const written = (raw.doc.data as { total?: unknown } | undefined)?.total;
  // Only a broken issue that may come before this one of the same periodical matters.
  const broken = workspace.brokenIssues
    .filter((b) => b.file !== issue.file && (b.publication === undefined || b.publication === issue.publication.key) && !(b.date !== undefined && b.date > issue.date))
    .map((b) => b.file);
  if (written === undefined && broken.length > 0) {
    // 总第N期 follows from the issues before; one that cannot be read could change it.
    throw new InputError([
      {
        severity: 'error',
        file: issue.file,
        line: 1,
        field: 'total',
        message: `无法推算总期号：${broken.join('、')} 有错误，本期的总第N期可能因此不对`,
        hint: '先修正这些期文件（bulletin check），或在本期写明 total',
      },
    ]);
  }

  const diagnostics: Diagnostic[] = [...validated.diagnostics];
  const texts = [{ file: issue.file, text: issue.source }, ...issue.items.map((i) => ({ file: i.file, text: i.source }))];
  diagnostics.push(...missingGlyphs(texts, context.fonts.covers));
  const resources = new Set(context.fonts.urls);
  const images = (documentPath: string): ImageResolver => {
    const resolve = imageResolverFor(root, documentPath);
    return (src) => {
      const result = resolve(src);
      if ('url' in result) resources.add(result.url);
      return result;
    };
  };
  const note = context.render({ file: issue.file, source: issue.source, idPrefix: 'note-', resolveImage: images(issue.absPath) });
  diagnostics.push(...note.diagnostics);
  const noteHtml = editorsNote(issue.note, note.html);
  const itemHtml = issue.items.map((item, i) => {
    const out = context.render({ file: item.file, source: item.source, idPrefix: `item${i + 1}-`, resolveImage: images(item.absPath) });
    diagnostics.push(...out.diagnostics);
    return out.html;
  });
  throwIfErrors(diagnostics);

  const template = await compiledTemplate(context, issue);
  const html = template(issueContext(issue, { noteHtml, itemHtml }, context.fonts.css, issue.publication.unitPosition));
  return { issue, html, warnings: diagnostics, resources };
}

/**
 * Builds one issue file into `output`. On any failure nothing is left at `output`: not a
 * partial file, and not a stale one from an earlier build that would pass for this one.
 */
export async function buildIssue(
  context: BuildContext,
  browser: Browser,
  issueFile: string,
  output: string,
  options: { preflight?: boolean; timeout?: number } = {},
): Promise<BuiltIssue> {
  try {
    const prepared = await issueToHtml(context, issueFile);
    const printed = await printIssue(browser, prepared, { timeout: options.timeout });
    return await finishIssue(prepared, printed, output, options);
  } catch (error) {
    await rm(output, { force: true });
    throw error;
  }
}

/** Prints an issue's HTML, letting the page load only its resources; anything else it asks for refuses the issue. */
export async function printIssue(browser: Browser, prepared: IssueHtml, options: Omit<PrintOptions, 'allow'> = {}): Promise<Uint8Array> {
  try {
    return await printAllowingOnly(browser, prepared.html, prepared.resources, options);
  } catch (error) {
    if (!(error instanceof BlockedRequestError)) throw error;
    throw new InputError(
      error.urls.map((url) => ({
        severity: 'error' as const,
        file: prepared.issue.file,
        message: `排版页面试图加载不允许的资源，已阻止：${url}`,
        hint: '信息中只能引用工作区内的图片',
      })),
    );
  }
}

/**
 * The stages after the browser: post-processing, the atomic write and preflight. On any
 * failure nothing is left at `output`.
 */
async function finishIssue(prepared: IssueHtml, printed: Uint8Array, output: string, options: { preflight?: boolean } = {}): Promise<BuiltIssue> {
  const { issue, warnings, resources } = prepared;
  try {
    const { finishPdf, writeFinished } = await import('./finish-pdf.ts'); // pdf-lib: loaded once there is a PDF
    await writeFinished(output, await finishPdf(printed, finishingOf(issue, options)));
    return { issue, output, warnings, resources };
  } catch (error) {
    await rm(output, { force: true });
    throw error;
  }
}

export function finishingOf(issue: Issue, options: { preflight?: boolean } = {}): Finishing {
  return { meta: pdfMetadata(issue), hasTail: hasTail(issue), preflight: options.preflight !== false };
}

function pdfMetadata(issue: Issue): PdfMetadata {
  return {
    title: issueTitle(issue),
    author: issue.organization,
    subject: `${issue.publication.name}：${issue.items.map((i) => i.title).join('；')}`,
    keywords: [issue.publication.name, `第${issue.number}期`, ...(issue.total ? [`总第${issue.total}期`] : []), ...new Set(issue.items.map((i) => i.unit))],
    creator: TOOL_NAME,
    // 08:00 in Beijing is 00:00 UTC: the issue date in every reader's calendar east of UTC.
    date: new Date(`${issue.date}T08:00:00+08:00`),
  };
}

/**
 * The editor's note as printed: none when the body is only blank (a full-width space
 * included), and without the label when the editor typed it (the template prints 编者按：).
 */
function editorsNote(markdown: string, html: string): string {
  if (markdown.replace(/[\s\u3000]/g, '') === '') return '';
  return html.replace(/^(\s*<p>)\s*(?:【编者按】|编者按|按语|按)\s*[：:]?\s*/, '$1');
}

async function compiledTemplate(context: BuildContext, issue: Issue): Promise<CompiledTemplate> {
  const name = issue.publication.template;
  let compiled = context.templates.get(name);
  if (!compiled) {
    compiled = loadTemplate(name, context.workspace.paths.templates).then((files) => {
      if (!files) {
        throw new InputError([
          {
            severity: 'error',
            file: 'bulletin.config.yml',
            field: `publications.${issue.publication.key}.template`,
            message: `刊物“${issue.publication.name}”的模板“${name}”不存在`,
            hint: '内置模板有 special-report、work-dynamics；自定义模板放在工作区 templates/<名称>/issue.hbs',
          },
        ]);
      }
      return compileTemplate(files);
    });
    context.templates.set(name, compiled);
  }
  return compiled;
}

export { defaultOutput } from './write/output-path.ts';
