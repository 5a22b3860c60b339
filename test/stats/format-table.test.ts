// The terminal table of the fixture's third quarter (expected.ts, written out literally).
import { describe, expect, it } from 'vitest';
import { collectAdoptions } from '../../src/stats/collect-adoptions.ts';
import { displayWidth } from '../../src/stats/display-width.ts';
import { formatTable } from '../../src/stats/format-table.ts';
import { statsPeriod } from '../../src/stats/stats-period.ts';
import { Q3_TABLE } from './expected.ts';
import { INSTRUCTION_POINTS, ISSUES, ITEMS, PUBLICATIONS } from './fixture.ts';

const q3 = collectAdoptions({ items: ITEMS, issues: ISSUES, publications: PUBLICATIONS, instructionPoints: INSTRUCTION_POINTS, period: statsPeriod(2026, 3) });

describe('formatTable', () => {
  it('prints the ranked tables, totals and notes, aligned', () => {
    expect(formatTable(q3)).toBe(Q3_TABLE);
  });

  it('ends every column at the same display column in each table', () => {
    const [units] = formatTable(q3).split('\n\n二、');
    const lines = units!.split('\n').slice(3); // header, rules, rows, totals
    // The last column is right-aligned, so every line is as wide as the rule.
    expect(new Set(lines.map(displayWidth))).toEqual(new Set([displayWidth(lines[1]!)]));
  });

  it('shows an empty period with zero totals', () => {
    const q1 = collectAdoptions({ items: ITEMS, issues: ISSUES, publications: PUBLICATIONS, instructionPoints: 3, period: statsPeriod(2026, 1) });
    const text = formatTable(q1);
    expect(text).toContain('2026年第一季度信息采用情况（2026-01-01 至 2026-03-31）');
    expect(text).toMatch(/^ {6}合计 +0 +0 +— +0 +0 +0 +0$/m);
  });
});
