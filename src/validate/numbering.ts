import type { Diagnostic } from '../diagnostics/diagnostic.ts';

/** What numbering needs of an issue: its file and its header fields. */
export interface IssueHeader {
  file: string;
  publication: string;
  number: number;
  total?: number;
  date: string;
  items: string[];
  /** Line of a field in the issue file, for messages. */
  lineOf: (field: string) => number;
}

const year = (h: IssueHeader) => h.date.slice(0, 4);

/** Issues of one periodical in publication order: by date, then by number. */
export function inPublicationOrder(headers: readonly IssueHeader[]): IssueHeader[] {
  return [...headers].sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number || a.file.localeCompare(b.file));
}

/**
 * 总第N期 for every issue: as written, or one more than the issue before it in the same
 * periodical (across years). Unknown when no earlier issue has one.
 */
export function continueTotals(headers: readonly IssueHeader[]): Map<string, number> {
  const totals = new Map<string, number>();
  const last = new Map<string, number>();
  for (const h of inPublicationOrder(headers)) {
    const previous = last.get(h.publication);
    const total = h.total ?? (previous !== undefined ? previous + 1 : undefined);
    if (total !== undefined) {
      totals.set(h.file, total);
      last.set(h.publication, total);
    }
  }
  return totals;
}

/** The next `number` and `total` of a periodical for an issue dated `date`. */
export function nextNumbers(headers: readonly IssueHeader[], publication: string, date: string): { number: number; total?: number } {
  const same = headers.filter((h) => h.publication === publication);
  const inYear = same.filter((h) => year(h) === date.slice(0, 4));
  const number = Math.max(0, ...inYear.map((h) => h.number)) + 1;
  const totals = continueTotals(same);
  const known = [...totals.values()];
  return { number, total: known.length > 0 ? Math.max(...known) + 1 : undefined };
}

/** Repeated or skipped numbers in a year, and items adopted twice by one periodical. */
export function numberingProblems(headers: readonly IssueHeader[]): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const groups = new Map<string, IssueHeader[]>();
  for (const h of headers) {
    const key = `${h.publication}|${year(h)}`;
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => a.number - b.number || a.file.localeCompare(b.file));
    sorted.forEach((h, i) => {
      const previous = sorted[i - 1];
      if (previous && previous.number === h.number) {
        problems.push({
          severity: 'error',
          file: h.file,
          line: h.lineOf('number'),
          field: 'number',
          message: `期号重复：${year(h)}年第${h.number}期已由 ${previous.file} 使用`,
          hint: '改为未用过的期号，或用 bulletin new 生成新一期',
        });
      } else if (i === 0 ? h.number !== 1 : previous && h.number > previous.number + 1) {
        const from = i === 0 ? 1 : previous!.number + 1;
        problems.push({
          // Earlier issues of the year may predate the workspace; a gap between two is a mistake.
          severity: i === 0 ? 'warning' : 'error',
          file: h.file,
          line: h.lineOf('number'),
          field: 'number',
          message: `期号不连续：${year(h)}年缺少第${from === h.number - 1 ? from : `${from}—${h.number - 1}`}期`,
          hint: i === 0 ? '若前几期不在本工作区，可忽略此提示' : '检查期号是否写错，或补上缺少的一期',
        });
      }
    });
  }
  const adopted = new Map<string, IssueHeader>();
  for (const h of inPublicationOrder(headers)) {
    h.items.forEach((item) => {
      const key = `${h.publication}|${item}`;
      const first = adopted.get(key);
      if (first) {
        problems.push({
          severity: 'error',
          file: h.file,
          line: h.lineOf('items'),
          field: 'items',
          message: `信息“${item}”已被同一刊物的 ${first.file} 采用过`,
          hint: '同一条信息在一种刊物中只能采用一次',
        });
      } else adopted.set(key, h);
    });
  }
  return problems;
}
