import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'puppeteer-core';
import { printPdf } from '../print/print-pdf.ts';
import { TOOL_NAME } from '../version.ts';

export interface NoticeMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** The notice's date: the PDF's dates, so that printing it again gives the same bytes. */
  date: string;
}

/**
 * Prints the notice's HTML and writes its metadata with pdf-lib. Unlike an issue there is no
 * tail to move (postprocess-pdf.ts would take the last page for one), so only the metadata.
 */
export async function printNotice(browser: Browser, html: string, meta: NoticeMetadata): Promise<Uint8Array> {
  const printed = await printPdf(browser, html);
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
