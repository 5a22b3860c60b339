import { describe, expect, it } from 'vitest';
import { parseFrontMatter, parseYaml } from '../../src/load/front-matter.ts';
import { ConfigSchema, IssueSchema, ItemSchema, isRealDate, knownKeys } from '../../src/validate/schema.ts';
import { validate } from '../../src/validate/validate.ts';

/** Validates a Markdown file's front-matter the way the pipeline does. */
function checkFile<S extends typeof ItemSchema | typeof IssueSchema>(schema: S, text: string, file = 'items/a.md') {
  const parsed = parseFrontMatter(text, file);
  expect(parsed.diagnostics).toEqual([]); // the YAML itself is fine in these tests
  return validate(schema, parsed.data, file, parsed.locate);
}

const fm = (...lines: string[]) => ['---', ...lines, '---', '正文。', ''].join('\n');

describe('validate with ItemSchema', () => {
  it('accepts a valid item and normalises a single author to a list', () => {
    const result = checkFile(ItemSchema, fm('title: 标题', 'unit: 市农业农村局', 'date: 2026-11-01', 'authors: 张三'));
    expect(result.diagnostics).toEqual([]);
    expect(result.value).toMatchObject({ title: '标题', unit: '市农业农村局', date: '2026-11-01', authors: ['张三'] });
    expect(result.value!.category).toBeUndefined();
  });

  it('reports a missing required field by name and label', () => {
    const result = checkFile(ItemSchema, fm('title: 标题', 'date: 2026-11-01'));
    expect(result.value).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    const [d] = result.diagnostics;
    expect(d).toMatchObject({ severity: 'error', file: 'items/a.md', field: 'unit' });
    expect(d!.message).toContain('缺少必填字段');
    expect(d!.message).toContain('unit');
    expect(d!.message).toContain('报送单位');
    expect(d!.hint).toContain('unit: …');
  });

  it('reports a value of the wrong type on its line, showing the value', () => {
    const result = checkFile(ItemSchema, fm('title: 42', 'unit: 单位', 'date: 2026-11-01'));
    expect(result.diagnostics).toEqual([
      { severity: 'error', file: 'items/a.md', line: 2, field: 'title', message: '字段 title：标题应为一段文字，现为“42”' },
    ]);
  });

  it('reports a blank text field as empty', () => {
    const result = checkFile(ItemSchema, fm('title: "   "', 'unit: 单位', 'date: 2026-11-01'));
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.message).toContain('标题不能为空');
  });

  it('reports an impossible date exactly once', () => {
    const result = checkFile(ItemSchema, fm('title: 标题', 'unit: 单位', 'date: 2026-02-30'));
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', line: 4, field: 'date' });
    expect(result.diagnostics[0]!.message).toBe('字段 date：报送日期不是日历上存在的日期，现为“2026-02-30”');
  });

  it('reports a date without zero padding exactly once, as a format problem', () => {
    const result = checkFile(ItemSchema, fm('title: 标题', 'unit: 单位', 'date: 2026-1-1'));
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', line: 4, field: 'date' });
    expect(result.diagnostics[0]!.message).toContain('报送日期应为 YYYY-MM-DD 格式的日期');
    expect(result.diagnostics[0]!.message).toContain('现为“2026-1-1”');
  });

  it('warns about an unknown field and suggests the likely spelling', () => {
    const result = checkFile(ItemSchema, fm('titel: 标题', 'unit: 单位', 'date: 2026-11-01'));
    const warning = result.diagnostics.find((d) => d.severity === 'warning');
    expect(warning).toEqual({
      severity: 'warning',
      file: 'items/a.md',
      line: 2,
      field: 'titel',
      message: '未知字段 titel，将被忽略',
      hint: '是否应为 title？',
    });
    // The real title is then missing, which is an error of its own.
    const error = result.diagnostics.find((d) => d.severity === 'error');
    expect(error?.message).toContain('缺少必填字段 title');
  });

  it('lists the known fields when an unknown one resembles none of them', () => {
    const result = checkFile(ItemSchema, fm('title: 标题', 'unit: 单位', 'date: 2026-11-01', 'priority: high'));
    expect(result.value).toBeDefined(); // a warning does not reject the item
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'warning', field: 'priority', line: 5 });
    const hint = result.diagnostics[0]!.hint!;
    expect(hint).toBe(`可用的字段：${knownKeys(ItemSchema).join('、')}`);
    expect(hint).toMatch(/^可用的字段：title、unit、date、authors、category/);
  });

  it('reports every problem at once, each on its own line', () => {
    const result = checkFile(
      ItemSchema,
      fm('title: 42', 'unit: [市农业农村局]', 'date: 20261101', 'authors: [张三, ""]', 'catgory: 建议'),
    );
    expect(result.value).toBeUndefined();
    const summary = result.diagnostics.map((d) => [d.severity, d.field, d.line]);
    expect(summary).toEqual([
      ['error', 'title', 2],
      ['error', 'unit', 3],
      ['error', 'date', 4],
      ['error', 'authors.1', 5],
      ['warning', 'catgory', 6],
    ]);
    expect(result.diagnostics[4]!.hint).toBe('是否应为 category？');
  });

  it('rejects data that is not a mapping with one diagnostic on line 1', () => {
    for (const data of [undefined, null, 'text', ['a', 'b']]) {
      const result = validate(ItemSchema, data, 'items/a.md', () => 99);
      expect(result.value).toBeUndefined();
      expect(result.diagnostics).toHaveLength(1);
      expect(result.diagnostics[0]).toMatchObject({ severity: 'error', line: 1 });
      expect(result.diagnostics[0]!.message).toContain('front-matter');
    }
  });
});

describe('validate with IssueSchema', () => {
  it('accepts a valid issue', () => {
    const result = checkFile(
      IssueSchema,
      fm('publication: special-report', 'number: 7', 'date: 2026-11-18', 'items:', '  - items/a.md'),
      'issues/sr-7.md',
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.value).toMatchObject({ publication: 'special-report', number: 7, date: '2026-11-18', items: ['items/a.md'] });
    expect(result.value!.total).toBeUndefined();
  });

  it('reports several bad fields as several diagnostics', () => {
    const result = checkFile(
      IssueSchema,
      fm('publication: special-report', 'number: 0', 'total: 1.5', 'date: 2026-13-01', 'items: []', 'copies: "30"'),
      'issues/bad.md',
    );
    expect(result.value).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.field, d.line])).toEqual([
      ['number', 3],
      ['total', 4],
      ['date', 5],
      ['items', 6],
      ['copies', 7],
    ]);
    expect(result.diagnostics.every((d) => d.severity === 'error')).toBe(true);
    expect(result.diagnostics[0]!.message).toBe('字段 number：期号应为正整数，如 7，现为“0”');
    expect(result.diagnostics[2]!.message).toContain('出刊日期不是日历上存在的日期');
    expect(result.diagnostics[3]!.message).toContain('采用的信息（items）至少要有一条');
    expect(result.diagnostics[4]!.message).toContain('印数应为正整数');
  });

  it('points a bad list entry at its own line', () => {
    const result = checkFile(
      IssueSchema,
      fm('publication: special-report', 'number: 2', 'date: 2026-11-01', 'items:', '  - items/a.md', '  - 3'),
      'issues/x.md',
    );
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ field: 'items.1', line: 7 });
  });

  it('reports all missing required fields', () => {
    const result = checkFile(IssueSchema, fm('editor: 李四'), 'issues/x.md');
    const missing = result.diagnostics.filter((d) => d.message.startsWith('缺少必填字段'));
    expect(missing.map((d) => d.field)).toEqual(['publication', 'number', 'date', 'items']);
  });
});

describe('validate with ConfigSchema', () => {
  const check = (text: string) => {
    const parsed = parseYaml(text, 'bulletin.config.yml');
    expect(parsed.diagnostics).toEqual([]);
    return validate(ConfigSchema, parsed.data, 'bulletin.config.yml', parsed.locate);
  };

  it('accepts a valid config', () => {
    const result = check('organization: 中共测试市委办公室\npublications:\n  special-report:\n    name: 信息专报\n    template: special-report\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.value?.publications['special-report']?.name).toBe('信息专报');
  });

  it('reports each bad field of a publication at its nested line', () => {
    const result = check(
      [
        'organization: 单位',
        'publications:',
        '  special:',
        '    name: 专报',
        '    template: Bad Template',
        '    copies: -1',
        '    unit_position: middle',
        '',
      ].join('\n'),
    );
    const byField = Object.fromEntries(result.diagnostics.map((d) => [d.field, d]));
    expect(Object.keys(byField).sort()).toEqual([
      'publications.special.copies',
      'publications.special.template',
      'publications.special.unit_position',
    ]);
    expect(byField['publications.special.template']!.line).toBe(5);
    expect(byField['publications.special.copies']!.line).toBe(6);
    expect(byField['publications.special.unit_position']!.line).toBe(7);
    expect(byField['publications.special.unit_position']!.message).toContain('应为 title（标题下）或 end（正文后）');
  });

  it('requires at least one publication', () => {
    const result = check('organization: 单位\npublications: {}\n');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ field: 'publications', line: 2 });
    expect(result.diagnostics[0]!.message).toContain('至少要有一种');
  });

    it('explains what is wrong with a bad publication key', () => {
    const result = check('organization: 单位\npublications:\n  Special_Report:\n    name: 专报\n    template: special-report\n');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.line).toBe(3);
    expect(result.diagnostics[0]!.message).toContain('刊物代号只能由小写字母、数字和连字符组成');
  });

    it('labels a missing nested field with its own label', () => {
    const result = check('organization: 单位\npublications:\n  special:\n    template: special-report\n');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.message).toContain('缺少必填字段');
    expect(result.diagnostics[0]!.message).toContain('刊物名称');
  });
});

describe('isRealDate', () => {
  it.each([
    ['2026-11-18', true],
    ['2026-12-31', true],
    ['2026-01-01', true],
    ['2024-02-29', true], // divisible by 4
    ['2000-02-29', true], // divisible by 400
    ['2026-02-28', true],
    ['2026-02-29', false], // not a leap year
    ['2100-02-29', false], // divisible by 100, not by 400
    ['1900-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-01-32', false],
    ['2026-1-1', false],
    ['26-01-01', false],
    ['2026/01/01', false],
    [' 2026-01-01', false],
    ['2026-01-01 ', false],
    ['2026-01-01T00:00', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(isRealDate(text)).toBe(expected);
  });
});
