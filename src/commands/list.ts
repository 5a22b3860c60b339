import { readArchiveRecords, recordFor } from '../archive/archive-record.ts';
import { ExitCode } from '../diagnostics/exit-codes.ts';
import { displayWidth, padToWidth } from '../stats/display-width.ts';
import { inPublicationOrder } from '../validate/numbering.ts';
import { openWorkspace } from '../workspace.ts';

export interface ListOptions {
  root: string;
  publication?: string;
  year?: string;
}

/**
 * `bulletin list`: the issues with number, running number, date, item count and whether they
 * are archived — and per periodical and year the line an editor writes in the annual summary
 * (`2026年编发《信息专报》26期，采用信息26条`).
 */
export async function listCommand(options: ListOptions): Promise<number> {
  const workspace = await openWorkspace(options.root);
  const records = await readArchiveRecords(workspace.paths.root);
  const headers = inPublicationOrder(
    workspace.headers.filter((h) => (!options.publication || h.publication === options.publication) && (!options.year || h.date.startsWith(options.year))),
  ).sort((a, b) => a.publication.localeCompare(b.publication) || 0);
  const rows = [['刊物', '期号', '总期号', '日期', '条数', '归档', '期文件']];
  for (const h of headers) {
    const name = workspace.config.publications.get(h.publication)?.name ?? h.publication;
    const record = recordFor(records, h.file);
    const total = workspace.totals.get(h.file);
    rows.push([name, `第${h.number}期`, total ? `总第${total}期` : '—', h.date, String(h.items.length), record ? `已归档 ${record.tag}` : '未归档', h.file]);
  }
  process.stdout.write(table(rows));
  const summary = new Map<string, { issues: number; items: number }>();
  for (const h of headers) {
    const key = `${h.date.slice(0, 4)}年编发《${workspace.config.publications.get(h.publication)?.name ?? h.publication}》`;
    const s = summary.get(key) ?? { issues: 0, items: 0 };
    summary.set(key, { issues: s.issues + 1, items: s.items + h.items.length });
  }
  for (const [key, s] of summary) process.stdout.write(`${key}${s.issues}期，采用信息${s.items}条\n`);
  return ExitCode.ok;
}

/** Aligned columns; a CJK character takes two columns of a terminal. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? ''))));
  return rows.map((r) => r.map((cell, i) => padToWidth(cell, widths[i]!, 'left')).join('  ').trimEnd()).join('\n') + '\n';
}
