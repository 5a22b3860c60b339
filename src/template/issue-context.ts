import type { Issue } from '../validate/model.ts';
import { chineseDate } from './chinese-date.ts';

/** The title a PDF carries and a listing shows: `信息专报 2026年第7期`. */
export function issueTitle(issue: Pick<Issue, 'publication' | 'date' | 'number'>): string {
  return `${issue.publication.name} ${issue.date.slice(0, 4)}年第${issue.number}期`;
}

/** Whether the issue has a tail (报尾) to print: distribution, copies or credits. */
export function hasTail(issue: Pick<Issue, 'distribution' | 'copies' | 'editor' | 'approver'>): boolean {
  return issue.distribution.length > 0 || issue.copies !== undefined || Boolean(issue.editor || issue.approver);
}

export interface RenderedHtml {
  noteHtml: string;
  itemHtml: string[];
}

/**
 * The values a template sees. Everything an editor wrote arrives as plain text (Handlebars
 * escapes it); only the sanitised Markdown output and our own CSS are passed as HTML.
 */
export function issueContext(issue: Issue, rendered: RenderedHtml, fontCss: string, unitPosition: 'title' | 'end') {
  return {
    documentTitle: issueTitle(issue),
    organization: issue.organization,
    publication: { key: issue.publication.key, name: issue.publication.name },
    issue: {
      number: issue.number,
      total: issue.total,
      date: issue.date,
      dateText: chineseDate(issue.date),
      editor: issue.editor,
      approver: issue.approver,
      classification: issue.classification,
    },
    noteHtml: rendered.noteHtml,
    items: issue.items.map((item, i) => ({
      title: item.title,
      titleLines: item.titleLines,
      unit: item.unit,
      authors: item.authors,
      category: item.category,
      credit: [item.unit, ...item.authors].join('　'),
      // Credited after the body, the unit is the body's last paragraph: a sibling of the text
      // it follows, so it is never carried alone to the top of the next page.
      html: unitPosition === 'end' ? `${rendered.itemHtml[i]}\n<p class="item-unit-end">（${escapeHtml([item.unit, ...item.authors].join('　'))}）</p>` : rendered.itemHtml[i],
    })),
    distribution: issue.distribution,
    copies: issue.copies,
    hasTail: hasTail(issue),
    unitPosition,
    fontCss,
  };
}
export type IssueContext = ReturnType<typeof issueContext>;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
