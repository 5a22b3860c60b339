// The printing page's allowlist, with real Chromium: what is not allowed is never loaded.
import { describe, expect, it } from 'vitest';
import { BlockedRequestError, printPdf } from '../../src/print/print-pdf.ts';
import { withBrowser } from '../../src/print/with-browser.ts';

const HTML = '<p>正文</p><img src="file:///etc/hostname"><img src="http://127.0.0.1:9/x.png">';

describe('printPdf', () => {
  it('refuses a page that asks for a file or a URL it was not given', async () => {
    const error = await withBrowser((browser) => printPdf(browser, HTML)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlockedRequestError);
    expect([...(error as BlockedRequestError).urls].sort()).toEqual(['file:///etc/hostname', 'http://127.0.0.1:9/x.png']);
  });

  it('prints when every request is allowed', async () => {
    const pdf = await withBrowser((browser) => printPdf(browser, '<p>正文</p>', { allow: () => false }));
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
  });

  it('says when the page has its document, before the PDF comes back, once', async () => {
    const events: string[] = [];
    await withBrowser(async (browser) => {
      const printing = printPdf(browser, '<p>正文</p>', { onLoading: () => events.push('loading') });
      events.push('called');
      await printing;
      events.push('printed');
    });
    expect(events).toEqual(['called', 'loading', 'printed']);
  });
});
