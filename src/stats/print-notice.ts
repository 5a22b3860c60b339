import type { Browser } from 'puppeteer-core';
import { InputError } from '../diagnostics/diagnostic.ts';
import { postprocessPdf } from '../postprocess/postprocess-pdf.ts';
import { BlockedRequestError, printAllowingOnly } from '../print/print-pdf.ts';
import { TOOL_NAME } from '../version.ts';

export interface NoticeMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** The notice's date: the PDF's dates, so that printing it again gives the same bytes. */
  date: string;
}

export interface NoticeResources {
  /** The font URLs of the resolved fonts' CSS: all the notice's page may load. */
  fontUrls: readonly string[];
  /** The template's folder, named in the message if it asks for anything else. */
  templateFile: string;
}

/**
 * Prints the notice's HTML and writes its metadata with pdf-lib. Unlike an issue there is no
 * tail to move (postprocess-pdf.ts would take the last page for one), so only the metadata.
 */
export async function printNotice(browser: Browser, html: string, meta: NoticeMetadata, resources: NoticeResources): Promise<Uint8Array> {
  let printed: Uint8Array;
  try {
    printed = await printAllowingOnly(browser, html, resources.fontUrls);
  } catch (error) {
    if (!(error instanceof BlockedRequestError)) throw error;
    // Only a workspace's own stats-notice template can ask for more than the fonts.
    throw new InputError(
      error.urls.map((url) => ({
        severity: 'error' as const,
        file: resources.templateFile,
        message: `通报模板试图加载不允许的资源，已阻止：${url}`,
        hint: '采用情况通报的模板只能使用字体，不能引用其他文件或网址',
      })),
    );
  }
  // 08:00 in Beijing is 00:00 UTC: the notice's date in every reader's calendar east of UTC.
  const date = new Date(`${meta.date}T08:00:00+08:00`);
  return postprocessPdf(printed, { ...meta, creator: TOOL_NAME, date }, { hasTail: false });
}
