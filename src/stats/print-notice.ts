import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'puppeteer-core';
import { InputError } from '../diagnostics/diagnostic.ts';
import { BlockedRequestError, printPdf } from '../print/print-pdf.ts';
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
  const allowed = new Set(resources.fontUrls.map(normalUrl));
  let printed: Uint8Array;
  try {
    printed = await printPdf(browser, html, { allow: (url) => allowed.has(normalUrl(url)) });
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
  const doc = await PDFDocument.load(printed, { updateMetadata: false });
  // 08:00 in Beijing is 00:00 UTC: the notice's date in every reader's calendar east of UTC.
  const date = new Date(`${meta.date}T08:00:00+08:00`);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(TOOL_NAME);
  doc.setProducer(TOOL_NAME);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage('zh-CN');
  return doc.save({ useObjectStreams: true, addDefaultPage: false });
}

/** Chromium asks for a file URL percent-encoded; the fonts' CSS may name it either way. */
function normalUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
