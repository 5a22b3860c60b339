import { describe, expect, it } from 'vitest';
import type { RawConfig, RawIssue, SourceDocument } from '../../src/load/load-workspace.ts';
import { parseFrontMatter, parseYaml } from '../../src/load/front-matter.ts';
import { validateConfig, validateIssue, validateItem, type ValidConfig } from '../../src/validate/validate-workspace.ts';

// Objects shaped exactly as src/load/load-workspace.ts builds them, without the disk.
const rawConfig = (text: string): RawConfig => ({ file: 'bulletin.config.yml', ...parseYaml(text, 'bulletin.config.yml') });
const doc = (file: string, text: string): SourceDocument => ({ file, absPath: `/ws/${file}`, text, ...parseFrontMatter(text, file) });
const rawIssue = (issue: SourceDocument, items: SourceDocument[]): RawIssue => ({
  doc: issue,
  items: new Map(items.map((i) => [i.file, i])),
  diagnostics: [],
});

const CONFIG = `organization: 中共测试市委办公室
publications:
  special-report:
    name: 信息专报
    template: special-report
    copies: 30
    distribution:
      送: 市委领导同志
      报: 省委办公厅
      发: 各区县委办公室
  work-dynamics:
    name: 测试工作动态
    template: work-dynamics
  digest:
    name: 信息摘报
    template: special-report
    unit_position: end
`;

function config(): ValidConfig {
  const result = validateConfig(rawConfig(CONFIG));
  expect(result.diagnostics).toEqual([]);
  return result.value!;
}

const ITEM_A = doc('items/a.md', '---\ntitle: 标题甲\nunit: 甲区委办公室\ndate: 2026-11-01\nauthors: [张三, 李四]\ncategory: 建议\n---\n正文甲。\n');
const ITEM_B = doc('items/b.md', '---\ntitle: 标题乙\nunit: 乙区委办公室\ndate: 2026-11-02\n---\n正文乙。\n');

const issueText = (...fields: string[]) =>
  ['---', ...fields, 'items:', '  - items/a.md', '  - items/b.md', '---', '编者按：本期刊发两条信息。', ''].join('\n');

describe('validateConfig', () => {
  it('fills in the publication defaults', () => {
    const { organization, publications } = config();
    expect(organization).toBe('中共测试市委办公室');
    expect([...publications.keys()]).toEqual(['special-report', 'work-dynamics', 'digest']);
    expect(publications.get('special-report')).toMatchObject({
      key: 'special-report',
      name: '信息专报',
      template: 'special-report',
      copies: 30,
      distribution: [
        { label: '送', text: '市委领导同志' },
        { label: '报', text: '省委办公厅' },
        { label: '发', text: '各区县委办公室' },
      ],
      unitPosition: 'title',
    });
    const wd = publications.get('work-dynamics')!;
    expect(wd.copies).toBeUndefined();
    expect(wd.distribution).toEqual([]);
    expect(wd.unitPosition).toBe('end');
  });

  it('lets unit_position override the template default', () => {
    const digest = config().publications.get('digest')!;
    expect(digest.template).toBe('special-report');
    expect(digest.unitPosition).toBe('end');
    const text = 'organization: 单位\npublications:\n  wd:\n    name: 动态\n    template: work-dynamics\n    unit_position: title\n';
    expect(validateConfig(rawConfig(text)).value!.publications.get('wd')!.unitPosition).toBe('title');
  });

  it('passes YAML errors through without validating', () => {
    const result = validateConfig(rawConfig('organization: 单位\norganization: 又一个\npublications: {}\n'));
    expect(result.value).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.message).toMatch(/^YAML 语法错误：同一字段写了两次/);
    expect(result.diagnostics[0]!.line).toBe(2);
  });

  it('returns no value when the config is invalid', () => {
    const result = validateConfig(rawConfig('publications:\n  sr:\n    name: 专报\n    template: special-report\n'));
    expect(result.value).toBeUndefined();
    expect(result.diagnostics.map((d) => d.field)).toEqual(['organization']);
  });
});

describe('validateItem', () => {
  it('builds an item from a valid document', () => {
    const result = validateItem(ITEM_A);
    expect(result.diagnostics).toEqual([]);
    expect(result.value).toMatchObject({
      file: 'items/a.md',
      absPath: '/ws/items/a.md',
      title: '标题甲',
      unit: '甲区委办公室',
      date: '2026-11-01',
      authors: ['张三', '李四'],
      category: '建议',
      source: ITEM_A.text,
    });
  });

  it('gives an item without authors an empty list', () => {
    expect(validateItem(ITEM_B).value?.authors).toEqual([]);
  });

  it('keeps the warnings of a valid item', () => {
    const result = validateItem(doc('items/c.md', '---\ntitle: 标题\nunit: 单位\ndate: 2026-11-01\nautors: 张三\n---\n'));
    expect(result.value).toBeDefined();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'warning', field: 'autors', line: 5, hint: '是否应为 authors？' });
  });

  it('reports a missing front-matter once, on line 1', () => {
    const result = validateItem(doc('items/plain.md', '只有正文，没有字段区。\n'));
    expect(result.value).toBeUndefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', file: 'items/plain.md', line: 1, message: '信息文件开头缺少“---”包围的字段区（front-matter）' }),
    ]);
  });

  it('reports the problems of an invalid item with their lines', () => {
    const result = validateItem(doc('items/bad.md', '---\ntitle: 标题\nunit: 单位\ndate: 2026-02-30\n---\n'));
    expect(result.value).toBeUndefined();
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'error', field: 'date', line: 4 })]);
  });

    it('reports only the YAML error of an item whose front-matter does not parse', () => {
    const result = validateItem(doc('items/dup.md', '---\ntitle: 甲\ntitle: 乙\nunit: 单位\ndate: 2026-11-01\n---\n'));
    expect(result.value).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.message).toMatch(/^YAML 语法错误/);
  });
});

describe('validateIssue', () => {
  it('resolves the publication and takes its distribution and copies by default', () => {
    const issue = doc('issues/sr-7.md', issueText('publication: special-report', 'number: 7', 'date: 2026-11-18', 'editor: 王五'));
    const result = validateIssue(rawIssue(issue, [ITEM_A, ITEM_B]), config(), 57);
    expect(result.diagnostics).toEqual([]);
    const value = result.value!;
    expect(value.organization).toBe('中共测试市委办公室');
    expect(value.publication.key).toBe('special-report');
    expect(value.number).toBe(7);
    expect(value.total).toBe(57); // from numbering, as the issue names none
    expect(value.date).toBe('2026-11-18');
    expect(value.editor).toBe('王五');
    expect(value.copies).toBe(30);
    expect(value.distribution.map((l) => l.label)).toEqual(['送', '报', '发']);
    expect(value.items.map((i) => i.title)).toEqual(['标题甲', '标题乙']);
    expect(value.note).toBe('编者按：本期刊发两条信息。\n');
    expect(value.source).toBe(issue.text);
  });

  it('lets the issue override distribution and copies, keeping its order', () => {
    const issue = doc(
      'issues/sr-8.md',
      issueText('publication: special-report', 'number: 8', 'total: 100', 'date: 2026-11-25', 'copies: 5', 'distribution:', '  发: 甲单位', '  报: 乙单位'),
    );
    const value = validateIssue(rawIssue(issue, [ITEM_A, ITEM_B]), config(), 58).value!;
    expect(value.copies).toBe(5);
    expect(value.total).toBe(100); // written in the issue: wins over the continued total
    expect(value.distribution).toEqual([
      { label: '发', text: '甲单位' },
      { label: '报', text: '乙单位' },
    ]);
    // The publication itself is untouched.
    expect(value.publication.distribution.map((l) => l.label)).toEqual(['送', '报', '发']);
  });

  it('leaves copies and distribution empty when neither the issue nor the publication has them', () => {
    const issue = doc('issues/wd-1.md', issueText('publication: work-dynamics', 'number: 1', 'date: 2026-11-18'));
    const value = validateIssue(rawIssue(issue, [ITEM_A, ITEM_B]), config()).value!;
    expect(value.copies).toBeUndefined();
    expect(value.distribution).toEqual([]);
    expect(value.total).toBeUndefined();
    expect(value.publication.unitPosition).toBe('end');
  });

  it('rejects an unknown publication, naming the known ones', () => {
    const issue = doc('issues/x.md', issueText('number: 1', 'publication: special-reprot', 'date: 2026-11-18'));
    const result = validateIssue(rawIssue(issue, [ITEM_A, ITEM_B]), config());
    expect(result.value).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    const [d] = result.diagnostics;
    expect(d).toMatchObject({ severity: 'error', file: 'issues/x.md', line: 3, field: 'publication' });
    expect(d!.message).toBe('字段 publication：未知的刊物“special-reprot”');
    expect(d!.hint).toContain('special-report、work-dynamics、digest');
  });

  it('collects the problems of its items and of the loader', () => {
    const badItem = doc('items/b.md', '---\ntitle: 标题乙\ndate: 2026-11-31\n---\n');
    const issue = doc('issues/sr-9.md', issueText('publication: special-report', 'number: 9', 'date: 2026-12-01'));
    const raw = rawIssue(issue, [ITEM_A, badItem]);
    raw.diagnostics.push({ severity: 'error', file: 'issues/sr-9.md', line: 7, message: '找不到信息文件“items/c.md”' });
    const result = validateIssue(raw, config());
    expect(result.value).toBeUndefined();
    expect(result.diagnostics.map((d) => `${d.file}:${d.field ?? '-'}`).sort()).toEqual([
      'issues/sr-9.md:-',
      'items/b.md:date',
      'items/b.md:unit',
    ]);
  });

  it('skips an item the loader could not read (the loader reported it)', () => {
    const issue = doc('issues/sr-10.md', issueText('publication: special-report', 'number: 10', 'date: 2026-12-01'));
    const result = validateIssue(rawIssue(issue, [ITEM_A]), config());
    expect(result.diagnostics).toEqual([]);
    expect(result.value!.items.map((i) => i.file)).toEqual(['items/a.md']);
  });
});
