import { PAGE } from '../page-geometry.ts';
import { chineseDate } from '../template/chinese-date.ts';
import type { AdoptionStats } from './collect-adoptions.ts';
import type { StatsPeriod } from './stats-period.ts';
import { statsNotes } from './stats-notes.ts';
import { statsTable, type StatsTable } from './stats-table.ts';

/** The notice's title, also its PDF Title: `2026年第三季度信息采用情况通报`, `2026年度信息采用情况通报`. */
export function noticeTitle(period: Pick<StatsPeriod, 'label'>): string {
  return `${period.label}信息采用情况通报`;
}

/** `2026年7月1日至9月30日`: the year is not repeated within one year. */
export function periodText(period: Pick<StatsPeriod, 'from' | 'to'>): string {
  const to = chineseDate(period.to);
  return `${chineseDate(period.from)}至${period.from.slice(0, 4) === period.to.slice(0, 4) ? to.replace(/^\d+年/, '') : to}`;
}

export interface NoticeOptions {
  /** The office issuing the notice: red at the head, and the signature (落款). */
  organization: string;
  /** Date of the notice, YYYY-MM-DD, written under the signature. */
  date: string;
  /** @font-face rules of the resolved fonts. */
  fontCss: string;
}

/**
 * The values the stats-notice template sees. As for issues, everything arrives as plain text
 * for Handlebars to escape; the only markup is the template's own.
 */
export function noticeContext(stats: AdoptionStats, options: NoticeOptions) {
  const title = noticeTitle(stats.period);
  const table = (t: StatsTable) => ({
    // A periodical's name may wrap in its header; the short headers (排名, 采用率) must not.
    columns: t.columns.map((c) => ({ header: c.header, numeric: c.align === 'right', wrap: c.publication !== undefined })),
    rows: t.rows.map((cells) => cells.map((text, i) => ({ text, numeric: t.columns[i]!.align === 'right' }))),
    totals: t.totals.map((text, i) => ({ text, numeric: t.columns[i]!.align === 'right' })),
    span: t.columns.length,
  });
  return {
    documentTitle: title,
    title,
    organization: options.organization,
    organizationSize: mastheadSize(options.organization),
    periodText: periodText(stats.period),
    intro: `现将${stats.period.label}各单位信息报送、采用和信息员采用积分情况通报如下。`,
    sections: [
      { heading: '一、各单位信息报送和采用情况', empty: '本期没有报送或采用的信息', table: table(statsTable(stats, 'units')) },
      { heading: '二、信息员采用情况', empty: '本期没有署名信息员的信息', table: table(statsTable(stats, 'authors')) },
    ],
    notesHeading: '三、有关说明',
    notes: statsNotes(stats).map((text, i) => `${i + 1}. ${text}`),
    dateText: chineseDate(options.date),
    fontCss: options.fontCss,
  };
}
export type NoticeContext = ReturnType<typeof noticeContext>;

/**
 * Font size of the red organization name at the head, in pt: the masthead's 42 pt, smaller
 * for a long name so that it stays on one line of the text block (its letter-spacing is 0.12em).
 */
function mastheadSize(organization: string): number {
  const chars = [...organization].length;
  return Math.min(42, Math.floor(((PAGE.textWidth - 4) / (chars * 1.12)) * 2) / 2);
}
