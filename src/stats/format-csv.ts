import type { AdoptionStats } from './collect-adoptions.ts';
import { statsTable } from './stats-table.ts';

/** Excel reads a CSV file as the system's legacy code page (GBK) unless it opens with a BOM. */
const BOM = '\uFEFF';

/**
 * The report as one CSV table (RFC 4180: CRLF line ends, fields quoted when they hold a
 * comma, quote or line break, quotes doubled), UTF-8 with a BOM so Excel shows the Chinese.
 * Units and authors share the table so it sorts and filters as one sheet: the first column,
 * 类别, says which a row is (报送单位 or 信息员), and each part ends with its 合计 row.
 *
 * Columns: 类别, 排名, 名称, 所在单位 (authors only), 报送, 采用, 采用率 (`66.7%` or `—`),
 * one per periodical by its name, 批示, 积分.
 */
export function formatCsv(stats: AdoptionStats): string {
  const units = statsTable(stats, 'units');
  const authors = statsTable(stats, 'authors');
  // The units' table lacks 所在单位; give it an empty cell there so the columns line up.
  const unitRow = (cells: string[]) => ['报送单位', cells[0]!, cells[1]!, '', ...cells.slice(2)];
  const authorRow = (cells: string[]) => ['信息员', ...cells];
  const header = ['类别', '排名', '名称', '所在单位', ...units.columns.slice(2).map((c) => c.header)];
  const records = [
    header,
    ...units.rows.map(unitRow),
    unitRow(units.totals),
    ...authors.rows.map(authorRow),
    authorRow(authors.totals),
  ];
  return BOM + records.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** One field, quoted only when it must be. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
