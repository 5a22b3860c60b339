import path from 'node:path';
import { loadTemplate } from '../load/load-template.ts';
import { displayPath } from '../load/workspace-paths.ts';
import { resolveFonts } from '../fonts/resolve-fonts.ts';
import { EnvironmentError, withBrowser } from '../print/with-browser.ts';
import type { Workspace } from '../workspace.ts';
import { writeFileAtomic } from '../write/write-file-atomic.ts';
import type { AdoptionStats } from './collect-adoptions.ts';
import { compileNotice } from './compile-notice.ts';
import { noticeContext, noticeTitle } from './notice-context.ts';
import { printNotice } from './print-notice.ts';

export interface NoticeBuild {
  /** Where the PDF goes; written atomically. */
  output: string;
  /** Date of the notice, YYYY-MM-DD: the signature's date and the PDF's dates. */
  date: string;
}

/**
 * Typesets the 采用情况通报 of `stats` into a PDF at `output`: the stats-notice template
 * (a workspace's templates/stats-notice/ overrides it, as for issues) with the resolved
 * fonts, printed by Chromium, its metadata written by pdf-lib.
 */
export async function buildNotice(workspace: Pick<Workspace, 'paths' | 'config'>, stats: AdoptionStats, build: NoticeBuild): Promise<void> {
  const fonts = await resolveFonts({ workspaceFonts: workspace.paths.fonts });
  if (fonts.missing.length > 0) {
    throw new EnvironmentError(`缺少字体：${fonts.missing.map((r) => r.label).join('、')}；请运行 npm start 安装开源替代字体`);
  }
  const files = await loadTemplate('stats-notice', workspace.paths.templates);
  if (!files) throw new Error('the built-in template stats-notice is missing from templates/');
  const main = files.files.find((f) => f.endsWith(path.join('stats-notice', 'issue.hbs')))!;
  const templateFile = displayPath(workspace.paths.root, main);
  const organization = workspace.config.organization;
  const html = compileNotice(files)(noticeContext(stats, { organization, date: build.date, fontCss: fonts.css }));
  const meta = {
    title: noticeTitle(stats.period),
    author: organization,
    subject: `${stats.period.label}各单位和信息员信息采用情况（${stats.period.from}至${stats.period.to}）`,
    keywords: ['信息采用情况通报', stats.period.label, ...stats.publications.map((p) => p.name)],
    date: build.date,
  };
  const pdf = await withBrowser((browser) => printNotice(browser, html, meta, { fontUrls: fonts.urls, templateFile }));
  await writeFileAtomic(build.output, pdf);
}
