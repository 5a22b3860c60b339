import type { AdoptionStats } from './collect-adoptions.ts';
import { displayWidth, padToWidth } from './display-width.ts';
import { statsNotes } from './stats-notes.ts';
import { statsTable, type StatsTable } from './stats-table.ts';

/**
 * The report as plain text for the terminal: a heading, the units' table, the authors' table
 * and the notes. Columns are aligned by display width (a 汉字 takes two columns), numbers to
 * the right; two spaces between columns, a dashed rule under the headers and above 合计.
 */
export function formatTable(stats: AdoptionStats): string {
  const { period } = stats;
  const lines = [
    `${period.label}信息采用情况（${period.from} 至 ${period.to}）`,
    '',
    '一、报送单位',
    ...tableLines(statsTable(stats, 'units')),
    '',
    '二、信息员',
    ...tableLines(statsTable(stats, 'authors')),
    '',
    '说明：',
    ...statsNotes(stats).map((note, i) => `${i + 1}. ${note}`),
  ];
  return `${lines.join('\n')}\n`;
}

function tableLines(table: StatsTable): string[] {
  const all = [table.columns.map((c) => c.header), ...table.rows, table.totals];
  const widths = table.columns.map((_, i) => Math.max(...all.map((row) => displayWidth(row[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => padToWidth(cell, widths[i]!, table.columns[i]!.align))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(all[0]!), rule, ...table.rows.map(line), rule, line(table.totals)];
}
