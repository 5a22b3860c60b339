/**
 * A synthetic workspace for the benchmark: the config of the sample workspace (both
 * periodicals), N issues of about four A4 pages each, and the items they adopt, written
 * from the phrase pool in phrases.ts with a seeded generator, so the same options always
 * give the same files.
 *
 * Every third issue is a 信息专报 (one long item with 一、（一）1.（1） headings and an
 * editor's note); the others are 工作动态 with 4–6 short items of every category. Some items
 * carry a GFM table, a footnote or the sample chart. Each item is adopted by exactly one
 * issue, so editing one item touches exactly one issue. Numbers run from 1 in each
 * periodical, 总第N期 is written on the first issue and continued, and the dates are spread
 * over 2026.
 *
 *   node --import tsx bench/generate-workspace.ts --issues 10 [--seed 7] DIR
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom, type Random } from './random.ts';
import * as P from './phrases.ts';

export const DEFAULT_SEED = 20261118;
const YEAR = 2026;
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE_CHART = path.join(REPO, 'items/2026/11/img/grain-output.svg');

const CONFIG = `organization: 中共云川市委办公室
instruction_points: 3
publications:
  special-report:
    name: 信息专报
    template: special-report
    copies: 40
    points: 5
    distribution:
      报: 省委办公厅
      送: 市委书记、市长，市委副书记，市委常委，市人大常委会主任，市政协主席
      发: 各区县委办公室
  work-dynamics:
    name: 云川工作动态
    template: work-dynamics
    copies: 60
    points: 2
    distribution:
      报: 省委办公厅、省政府办公厅
      送: 市委、市人大常委会、市政府、市政协领导同志
      发: 各区县委、区县人民政府，云川高新区党工委、管委会，市委各部委，市级国家机关各部门党组（党委）
`;

/** Characters of text in an issue of about four pages (tuned by building and counting pages). */
const SPECIAL_REPORT_CHARS = 800;
const WORK_DYNAMICS_CHARS = 720;

export interface GeneratedIssue {
  /** Relative to the workspace, e.g. `issues/2026/work-dynamics-2026-003.md`. */
  file: string;
  /** Where `bulletin build` writes it by default, relative to the workspace. */
  pdf: string;
  publication: 'special-report' | 'work-dynamics';
  items: string[];
}

export interface GeneratedWorkspace {
  root: string;
  seed: number;
  issues: GeneratedIssue[];
  itemCount: number;
}

export async function generateWorkspace(options: { root: string; issues: number; seed?: number }): Promise<GeneratedWorkspace> {
  const { root } = options;
  const seed = options.seed ?? DEFAULT_SEED;
  const rand = createRandom(seed);
  await mkdir(path.join(root, 'items/img'), { recursive: true });
  await writeFile(path.join(root, 'bulletin.config.yml'), CONFIG);
  await writeChart(path.join(root, 'items/img/grain-output.svg'));

  const issues: GeneratedIssue[] = [];
  const numbers = { 'special-report': 0, 'work-dynamics': 0 };
  let itemCount = 0;
  for (let i = 0; i < options.issues; i++) {
    const publication = i % 3 === 0 ? 'special-report' : 'work-dynamics';
    const number = ++numbers[publication];
    const date = dayOfYear(Math.floor(((i + 0.5) * 365) / options.issues));
    const long = publication === 'special-report' ? longItem(rand, date) : undefined;
    const drafts = long ? [long.text] : shortItems(rand, date);
    const items: string[] = [];
    for (const draft of drafts) {
      itemCount++;
      const rel = `items/${YEAR}/${date.slice(5, 7)}/item-${String(itemCount).padStart(4, '0')}.md`;
      await mkdir(path.join(root, path.dirname(rel)), { recursive: true });
      await writeFile(path.join(root, rel), draft);
      items.push(rel);
    }
    const name = `${publication}-${YEAR}-${String(number).padStart(3, '0')}`;
    const file = `issues/${YEAR}/${name}.md`;
    await mkdir(path.join(root, path.dirname(file)), { recursive: true });
    const note = long ? fill(rand, rand.pick(P.NOTES), long.slots) : '';
    await writeFile(path.join(root, file), issueFile(rand, { publication, number, date, items, note }));
    issues.push({ file, pdf: `dist/${YEAR}/${name}.pdf`, publication, items });
  }
  return { root, seed, issues, itemCount };
}

/** Edits the first item of the middle issue (a new closing paragraph); returns what changed. */
export async function editOneItem(workspace: GeneratedWorkspace): Promise<{ item: string; issue: GeneratedIssue }> {
  const issue = workspace.issues[Math.floor(workspace.issues.length / 2)]!;
  const item = issue.items[0]!;
  const file = path.join(workspace.root, item);
  const text = await readFile(file, 'utf8');
  await writeFile(file, `${text.trimEnd()}\n\n（编辑部补充）据报送单位最新反馈，上述工作仍在持续推进，后续情况将及时续报。\n`);
  return { item, issue };
}

async function writeChart(target: string): Promise<void> {
  if (existsSync(SAMPLE_CHART)) return copyFile(SAMPLE_CHART, target);
  const bars = [186, 189, 191, 192, 196]
    .map((v, i) => `<rect x="${100 + i * 95}" y="${300 - v * 1.2}" width="50" height="${v * 1.2}" fill="#9e2a2b"/>`)
    .join('');
  await writeFile(target, `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="360" viewBox="0 0 600 360">${bars}</svg>\n`);
}

function dayOfYear(offset: number): string {
  return new Date(Date.UTC(YEAR, 0, 1 + offset)).toISOString().slice(0, 10);
}

function issueFile(rand: Random, issue: { publication: string; number: number; date: string; items: string[]; note: string }): string {
  const special = issue.publication === 'special-report';
  const lines = ['---', `publication: ${issue.publication}`, `number: ${issue.number}`];
  if (issue.number === 1) lines.push(`total: ${special ? 124 : 1169}`);
  lines.push(`date: ${issue.date}`, `editor: ${rand.pick(P.EDITORS)}`, `approver: ${rand.pick(P.APPROVERS)}`);
  if (special && rand.chance(0.5)) lines.push('classification: 内部资料　注意保存');
  lines.push('items:', ...issue.items.map((item) => `  - ${item}`), '---');
  return `${lines.join('\n')}\n${issue.note}${issue.note ? '\n' : ''}`;
}

/** What fills the {…} slots of one item: its unit, subject, place and month. */
interface Slots {
  unit: string;
  topic: string;
  place: string;
  town: string;
  village: string;
  incident: readonly [string, string];
  month: number;
  /** The item's date of submission, and the day before it (the event of an urgent report). */
  submitted: string;
  eventDay: string;
}

function slots(rand: Random, issueDate: string): Slots {
  const { unit, topics } = rand.pick(P.UNITS);
  // A county's office writes about its county; a city bureau about any of them.
  const place = P.PLACES.find((p) => unit.startsWith(p.slice(0, 2))) ?? rand.pick(P.PLACES);
  const month = Number(issueDate.slice(5, 7)) - 1;
  const day = Date.parse(`${issueDate}T00:00:00Z`) - rand.int(2, 12) * 86_400_000;
  const event = new Date(day - 86_400_000);
  return {
    unit,
    topic: rand.pick(topics),
    place,
    town: rand.pick(P.TOWNS),
    village: rand.pick(P.VILLAGES),
    incident: rand.pick(P.INCIDENTS),
    month: month === 0 ? 12 : month,
    submitted: new Date(day).toISOString().slice(0, 10),
    eventDay: `${event.getUTCMonth() + 1}月${event.getUTCDate()}日`,
  };
}

/** An urgent report comes from the office of the county where it happened. */
function slotsFor(rand: Random, issueDate: string, category: string): Slots {
  const s = slots(rand, issueDate);
  if (category !== '紧急信息') return s;
  return { ...s, unit: s.place.endsWith('高新区') ? `${s.place}管委会` : `${s.place}委办公室` };
}

function fill(rand: Random, template: string, s: Slots): string {
  return template.replace(/\{([^}]+)\}/g, (_m, slot: string) => {
    switch (slot) {
      case '地': return s.place;
      case '镇': return s.town;
      case '村': return s.village;
      case '事': return s.topic;
      case '单位': return s.unit;
      case '险情': return s.incident[0];
      case '起因': return s.incident[1];
      case '事发': return s.eventDay;
      case 'k': return String(rand.int(20, 120));
      case 'n': return String(rand.int(100, 3000));
      case 'm': return String(rand.int(2, 20));
      case 'p': return rand.decimal(8, 68);
      case 'r': return rand.decimal(85, 99.8);
      case 'd': return rand.decimal(0.5, 9.9);
      case 'y': return rand.decimal(1.2, 48);
      case 'w': return String(rand.int(120, 9800));
      case '月': return String(s.month);
      default: throw new Error(`unknown slot {${slot}} in the phrase pool`);
    }
  });
}

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const textLength = (markdown: string) => markdown.replace(/[#|*\-:\s\[\]^]/g, '').length;

function frontMatter(rand: Random, s: Slots, title: string, category: string): string {
  const authors = rand.sample(P.AUTHORS, rand.int(1, 3));
  return ['---', `title: ${title}`, `unit: ${s.unit}`, `date: ${s.submitted}`, `authors: [${authors.join(', ')}]`, `category: ${category}`, '---', ''].join('\n');
}

function table(rand: Random, s: Slots): string {
  const rows = P.PLACES.map((place) => `| ${place} | ${rand.int(8, 96)} | ${rand.decimal(1.5, 40)} | ${rand.decimal(-3, 15)}% | ${rand.decimal(60, 99.9)}% |`);
  return [`${s.place === '云川高新区' ? '全市' : '各区县'}${s.topic}主要指标完成情况如下：`, '', `| 地区 | ${P.TABLE_COLUMNS.join(' | ')} |`, '| :--- | ---: | ---: | ---: | ---: |', ...rows].join('\n');
}

const FOOTNOTE = '[^1]: 数据来源于市统计局和各区县报送材料，统计口径为全市{m}个乡镇和街道，不含云川高新区代管区域。';

/** One long item for a 信息专报: sections 一、 with （一） subsections, some with 1. and （1）. */
function longItem(rand: Random, issueDate: string): { text: string; slots: Slots } {
  const category = rand.pick(['调研信息', '调研信息', '问题反映', '建议', '紧急信息']);
  const s = slotsFor(rand, issueDate, category);
  const plan: Record<string, { title: string; sections: Array<[string, ReadonlyArray<readonly [string, string]>]> }> = {
    调研信息: { title: `关于我市${s.topic}情况的调研报告`, sections: [['基本情况', P.MEASURES], ['存在的主要问题', P.PROBLEMS], ['对策建议', P.SUGGESTIONS]] },
    问题反映: { title: `当前${s.topic}中存在的问题需引起重视`, sections: [['基本情况', P.MEASURES], ['主要问题', P.PROBLEMS], ['意见建议', P.SUGGESTIONS]] },
    建议: { title: `关于进一步加强${s.topic}工作的建议`, sections: [['当前工作开展情况', P.MEASURES], ['面临的困难和问题', P.PROBLEMS], ['几点建议', P.SUGGESTIONS]] },
    紧急信息: { title: `${s.place}${s.town}${s.village}发生一起${s.incident[0]}`, sections: [['处置情况', P.MEASURES], ['暴露出的问题', P.PROBLEMS], ['下一步工作建议', P.SUGGESTIONS]] },
  };
  const { title, sections } = plan[category]!;
  const blocks: string[] = category === '紧急信息' ? P.URGENT.slice(0, 2).map((t) => fill(rand, t, s)) : [fill(rand, rand.pick(P.OPENINGS), s)];
  const footnote = rand.chance(0.4);
  if (footnote) blocks[0] = blocks[0]!.replace(/。$/, '[^1]。');
  const withTable = rand.chance(0.4);
  let budget = SPECIAL_REPORT_CHARS - (withTable ? 250 : 0);
  const perSection = Math.floor(budget / sections.length);
  sections.forEach(([heading, pool], si) => {
    blocks.push(`## ${ORDINALS[si]}、${heading}`);
    if (si === 0 && withTable) blocks.push(table(rand, s));
    const start = textLength(blocks.join(''));
    const entries = rand.sample(pool, pool.length);
    for (let k = 0; textLength(blocks.join('')) - start < perSection && k < entries.length; k++) {
      const [label, sentence] = entries[k]!;
      blocks.push(`### （${ORDINALS[k]}）${label}`);
      if (k === 1 && rand.chance(0.6)) {
        blocks.push(fill(rand, sentence, s));
        const subs = rand.sample(entries.slice(k + 1), 4);
        subs.slice(0, 2).forEach(([subLabel, subSentence], j) => {
          blocks.push(`#### ${j + 1}.${subLabel}`, fill(rand, subSentence, s));
          if (j === 0 && rand.chance(0.5)) {
            subs.slice(2).forEach(([leaf, leafSentence], l) => blocks.push(`##### （${l + 1}）${leaf}`, fill(rand, leafSentence, s) + fill(rand, rand.pick(P.RESULTS), s)));
          }
        });
      } else {
        blocks.push(fill(rand, sentence, s) + fill(rand, rand.pick(P.RESULTS), s) + fill(rand, rand.pick(pool)[1], s));
      }
    }
  });
  blocks.push(fill(rand, rand.pick(P.CLOSINGS), s));
  if (footnote) blocks.push(fill(rand, FOOTNOTE, s));
  return { text: frontMatter(rand, s, title, category) + blocks.join('\n\n') + '\n', slots: s };
}

/** Four to six short items for a 工作动态, of every category. */
function shortItems(rand: Random, issueDate: string): string[] {
  const count = rand.int(4, 6);
  return Array.from({ length: count }, () => shortItem(rand, issueDate, Math.floor(WORK_DYNAMICS_CHARS / count)));
}

function shortItem(rand: Random, issueDate: string, budget: number): string {
  const category = rand.pick(['工作动态', '工作动态', '经验做法', '经验做法', '问题反映', '建议', '紧急信息']);
  const s = slotsFor(rand, issueDate, category);
  const titles: Record<string, string> = {
    工作动态: `${s.place}多措并举扎实推进${s.topic}`,
    经验做法: `${s.place}${s.town}探索“${rand.pick(P.MEASURES)[0]}”新路径推动${s.topic}提质增效`,
    问题反映: `${s.topic}中存在的几个问题值得关注`,
    建议: `关于完善${s.topic}长效机制的建议`,
    紧急信息: `${s.place}${s.town}妥善处置一起${s.incident[0]}`,
  };
  const blocks: string[] = [];
  const image = category === '工作动态' && rand.chance(0.15);
  const withTable = !image && category === '工作动态' && rand.chance(0.25);
  const room = budget - (image ? 250 : 0) - (withTable ? 150 : 0);
  if (category === '紧急信息') {
    blocks.push(...P.URGENT.map((t) => fill(rand, t, s)));
  } else {
    blocks.push(fill(rand, rand.pick(P.OPENINGS), s));
    if (image) blocks.push(`![2022—2026年全市粮食产量（万吨）](../../img/grain-output.svg)`);
    if (withTable) blocks.push(table(rand, s));
    const pool = category === '问题反映' ? P.PROBLEMS : category === '建议' ? P.SUGGESTIONS : P.MEASURES;
    const entries = rand.sample(pool, pool.length);
    for (let k = 0; textLength(blocks.join('')) < room - 60 && k < 6; k++) {
      const [label, sentence] = entries[k]!;
      blocks.push(`${ORDINALS[k]}是${label}。${fill(rand, sentence, s)}`);
    }
    blocks.push(fill(rand, rand.pick(P.CLOSINGS), s));
  }
  const footnote = category === '问题反映' && rand.chance(0.5);
  if (footnote) blocks[0] = blocks[0]!.replace(/。$/, '[^1]。');
  if (footnote) blocks.push(fill(rand, FOOTNOTE, s));
  return frontMatter(rand, s, titles[category]!, category) + blocks.join('\n\n') + '\n';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const at = args.indexOf(name);
    return at >= 0 ? Number(args.splice(at, 2)[1]) : fallback;
  };
  const issues = option('--issues', 10);
  const seed = option('--seed', DEFAULT_SEED);
  const root = path.resolve(args[0] ?? 'bench-workspace');
  const ws = await generateWorkspace({ root, issues, seed });
  process.stdout.write(`${root}: ${ws.issues.length} issues, ${ws.itemCount} items (seed ${seed})\n`);
}
