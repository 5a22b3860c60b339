import { describe, expect, it } from 'vitest';
import { collectAdoptions } from '../../src/stats/collect-adoptions.ts';
import { noticeContext, noticeTitle, periodText } from '../../src/stats/notice-context.ts';
import { statsPeriod } from '../../src/stats/stats-period.ts';
import { INSTRUCTION_POINTS, ISSUES, ITEMS, PUBLICATIONS } from './fixture.ts';

describe('noticeContext', () => {
  it('names the notice and its period as a notice does', () => {
    expect(noticeTitle(statsPeriod(2026, 3))).toBe('2026年第三季度信息采用情况通报');
    expect(noticeTitle(statsPeriod(2026))).toBe('2026年度信息采用情况通报');
    expect(periodText(statsPeriod(2026, 3))).toBe('2026年7月1日至9月30日');
    expect(periodText({ from: '2025-12-01', to: '2026-01-31' })).toBe('2025年12月1日至2026年1月31日');
  });

  it('gives the template plain text cells, numbers marked, and a one-line organization name', () => {
    const stats = collectAdoptions({ items: ITEMS, issues: ISSUES, publications: PUBLICATIONS, instructionPoints: INSTRUCTION_POINTS, period: statsPeriod(2026, 3) });
    const context = noticeContext(stats, { organization: '中共测试市委办公室', date: '2026-10-09', fontCss: '' });
    expect(context.dateText).toBe('2026年10月9日');
    const units = context.sections[0]!.table;
    expect(units.columns.map((c) => c.header)).toEqual(['排名', '报送单位', '报送', '采用', '采用率', '信息专报', '测试工作动态', '批示', '积分']);
    expect(units.columns.filter((c) => c.wrap).map((c) => c.header)).toEqual(['信息专报', '测试工作动态']);
    expect(units.rows[0]!.map((c) => c.text)).toEqual(['1', '南岭县委办公室', '2', '1', '50.0%', '1', '1', '1', '10']);
    expect(units.totals.map((c) => c.text)).toEqual(['', '合计', '6', '5', '83.3%', '2', '5', '1', '23']);
    expect(context.organizationSize).toBe(42); // 9 characters fit at the masthead's size
    const long = noticeContext(stats, { organization: '中共云川市委办公室云川市人民政府办公室', date: '2026-10-09', fontCss: '' });
    expect(long.organizationSize).toBeLessThan(21); // 19 characters × 1.12 em within 156 mm (442 pt)
    expect(long.organizationSize * 19 * 1.12).toBeLessThanOrEqual(442);
  });
});
