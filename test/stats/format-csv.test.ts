// The CSV export read back as Excel would: BOM, RFC 4180 records, one sheet for units and authors.
import { describe, expect, it } from 'vitest';
import { collectAdoptions } from '../../src/stats/collect-adoptions.ts';
import { csvField, formatCsv } from '../../src/stats/format-csv.ts';
import { statsPeriod } from '../../src/stats/stats-period.ts';
import { INSTRUCTION_POINTS, ISSUES, ITEMS, PUBLICATIONS } from './fixture.ts';
import { parseCsv } from './parse-csv.ts';
import { Q3_CSV } from './expected.ts';

const stats = (items = ITEMS) =>
  collectAdoptions({ items, issues: ISSUES, publications: PUBLICATIONS, instructionPoints: INSTRUCTION_POINTS, period: statsPeriod(2026, 3) });

describe('formatCsv', () => {
  it('starts with a UTF-8 BOM and ends every record with CRLF', () => {
    const csv = formatCsv(stats());
    expect(csv.startsWith('\uFEFF类别,排名,名称,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('reads back to the hand-counted table', () => {
    expect(parseCsv(formatCsv(stats()).slice(1))).toEqual(Q3_CSV);
  });

  it('quotes a field with a comma, a quote or a line break, and only then', () => {
    expect(csvField('北湖区委办公室')).toBe('北湖区委办公室');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('他说"好"')).toBe('"他说""好"""');
    expect(csvField('两\n行')).toBe('"两\n行"');
    const odd = ITEMS.map((i) => (i.unit === '北湖区委办公室' ? { ...i, unit: '北湖区委办公室,"督查室"' } : i));
    const rows = parseCsv(formatCsv(stats(odd)).slice(1));
    expect(rows.find((r) => r[1] === '2')![2]).toBe('北湖区委办公室,"督查室"');
    expect(rows.find((r) => r[2] === '周立新')![3]).toBe('北湖区委办公室,"督查室"');
  });
});
