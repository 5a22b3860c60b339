/**
 * One small office's year, used by the unit tests (as data) and the end-to-end tests (as a
 * workspace on disk). Two periodicals (信息专报 5 points, 测试工作动态 2 points; a leader's
 * instruction adds 3), items and issues in the third and fourth quarters of 2026, with the
 * edge cases the rules name: an item in both periodicals, an item submitted in one quarter and
 * adopted in the next, issues on the first and last day of a quarter, an instruction in a
 * later quarter than the adoption, an item adopted only the next year, items by several
 * authors and one by none. The expected figures are counted by hand in each test.
 */
import path from 'node:path';
import type { StatsIssue, StatsItem, StatsPublication } from '../../src/stats/collect-adoptions.ts';
import { tempDir, writeFiles } from '../helpers/workspace.ts';

interface FixtureItem extends StatsItem {
  title: string;
  instructions: Array<{ leader: string; date: string }>;
}

const BEIHU = '北湖区委办公室';
const NANLING = '南岭县委办公室';
const FGW = '市发展改革委';
const DONGJIANG = '东江区委办公室';
const XISHAN = '西山县委办公室';

export const PUBLICATIONS: StatsPublication[] = [
  { key: 'special-report', name: '信息专报', points: 5 },
  { key: 'work-dynamics', name: '测试工作动态', points: 2 },
];
export const INSTRUCTION_POINTS = 3;

const item = (file: string, title: string, unit: string, date: string, authors: string[], instructions: FixtureItem['instructions'] = []): FixtureItem => ({
  file: `items/${file}.md`,
  title,
  unit,
  date,
  authors,
  instructions,
});

export const ITEMS: FixtureItem[] = [
  item('a1', '北湖区推进老旧小区改造', BEIHU, '2026-07-10', ['周立新']),
  item('a2', '北湖区夏粮收购进展顺利', BEIHU, '2026-08-05', ['周立新', '林晓']),
  item('a3', '北湖区开展防汛演练', BEIHU, '2026-09-28', ['林晓']),
  item('b1', '南岭县农村集体经济调研', NANLING, '2026-07-20', ['王堃'], [
    { leader: '陈志远', date: '2026-08-10' },
    { leader: '李华', date: '2026-10-12' },
  ]),
  item('b2', '南岭县调解矛盾纠纷', NANLING, '2026-09-15', ['王堃', '陈晓燕']),
  item('c1', '上半年全市投资运行情况', FGW, '2026-06-20', ['吴海涛']),
  item('c2', '前三季度全市经济运行分析', FGW, '2026-10-09', ['吴海涛', '钱蕾'], [{ leader: '陈志远', date: '2026-10-20' }]),
  item('d1', '东江区企业服务专员制度', DONGJIANG, '2026-09-30', []),
  item('d2', '东江区老旧小区物业管理', DONGJIANG, '2026-11-03', ['黄思远']),
  item('e1', '西山县冬春森林防火', XISHAN, '2026-12-01', ['马骏'], [{ leader: '陈志远', date: '2026-12-20' }]),
];

const issue = (file: string, publication: string, date: string, items: string[]): StatsIssue & { number: number } => ({
  file: `issues/${file}.md`,
  publication,
  date,
  number: Number(/\d+$/.exec(file)![0]),
  items: items.map((i) => `items/${i}.md`),
});

export const ISSUES = [
  issue('sr-2026-1', 'special-report', '2026-08-01', ['a1']),
  issue('wd-2026-1', 'work-dynamics', '2026-08-03', ['a1', 'b1']),
  issue('sr-2026-2', 'special-report', '2026-08-08', ['b1']),
  issue('wd-2026-2', 'work-dynamics', '2026-09-30', ['a2', 'c1', 'd1']),
  issue('wd-2026-3', 'work-dynamics', '2026-10-01', ['a3', 'b2']),
  issue('sr-2026-3', 'special-report', '2026-10-15', ['c2']),
  issue('wd-2026-4', 'work-dynamics', '2026-12-31', ['c2', 'd2']),
  issue('sr-2027-1', 'special-report', '2027-01-05', ['e1']),
];

export const CONFIG = `organization: 中共测试市委办公室
instruction_points: ${INSTRUCTION_POINTS}
publications:
  special-report:
    name: 信息专报
    template: special-report
    points: 5
  work-dynamics:
    name: 测试工作动态
    template: work-dynamics
    points: 2
`;

/** The fixture as a workspace folder: bulletin.config.yml, items/*.md, issues/*.md. */
export async function fixtureWorkspace(): Promise<string> {
  const dir = await tempDir('bulletin-stats-');
  const files: Record<string, string> = { 'bulletin.config.yml': CONFIG };
  for (const i of ITEMS) {
    const lines = ['---', `title: ${i.title}`, `unit: ${i.unit}`, `date: ${i.date}`];
    if (i.authors.length > 0) lines.push(`authors: [${i.authors.join(', ')}]`);
    if (i.instructions.length > 0) {
      lines.push('instructions:', ...i.instructions.flatMap((x) => [`  - leader: ${x.leader}`, `    date: ${x.date}`, '    text: 请有关部门研究落实。']));
    }
    files[i.file] = `${lines.join('\n')}\n---\n${i.title}的正文。\n`;
  }
  for (const i of ISSUES) {
    files[i.file] = `---\npublication: ${i.publication}\nnumber: ${i.number}\ndate: ${i.date}\nitems:\n${i.items.map((f) => `  - ${f}`).join('\n')}\n---\n`;
  }
  await writeFiles(dir, files);
  return path.resolve(dir);
}
