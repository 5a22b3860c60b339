import { describe, expect, it } from 'vitest';
import { parseFrontMatter, parseYaml } from '../../src/load/front-matter.ts';

const ITEM = [
  '---', //                        line 1
  'title: 全市冬季安全生产检查', // line 2
  'unit: 市应急管理局', //         line 3
  'authors:', //                   line 4
  '  - 周立新', //                 line 5
  '  - 王芳', //                   line 6
  'date: 2026-11-01', //           line 7
  '---', //                        line 8
  '正文第一段。', //               line 9
  '',
].join('\n');

describe('parseFrontMatter', () => {
  it('returns the data of the front-matter, dates kept as strings', () => {
    const parsed = parseFrontMatter(ITEM, 'items/a.md');
    expect(parsed.hasFrontMatter).toBe(true);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.data).toEqual({
      title: '全市冬季安全生产检查',
      unit: '市应急管理局',
      authors: ['周立新', '王芳'],
      date: '2026-11-01',
    });
  });

  it('locates top-level keys on their own file lines', () => {
    const { locate } = parseFrontMatter(ITEM, 'items/a.md');
    expect(locate(['title'])).toBe(2);
    expect(locate(['unit'])).toBe(3);
    expect(locate(['authors'])).toBe(4);
    expect(locate(['date'])).toBe(7);
  });

  it('locates list entries by index', () => {
    const { locate } = parseFrontMatter(ITEM, 'items/a.md');
    expect(locate(['authors', 0])).toBe(5);
    expect(locate(['authors', 1])).toBe(6);
  });

  it('falls back to the deepest existing node for paths that are not there', () => {
    const { locate } = parseFrontMatter(ITEM, 'items/a.md');
    // A missing key: the start of the front-matter mapping (first field line).
    expect(locate(['category'])).toBe(2);
    // A missing list index: the list's key.
    expect(locate(['authors', 5])).toBe(4);
  });

  it('gives the body and the file line it starts on', () => {
    const parsed = parseFrontMatter(ITEM, 'items/a.md');
    expect(parsed.body).toBe('正文第一段。\n');
    expect(parsed.bodyLine).toBe(9);
  });

  it('counts blank lines before the body and inside the front-matter', () => {
    const text = '---\n\n\ntitle: 标题\n---\n\n\n正文\n';
    const parsed = parseFrontMatter(text, 'items/a.md');
    expect(parsed.locate(['title'])).toBe(4);
    expect(parsed.body).toBe('\n\n正文\n');
    expect(parsed.bodyLine).toBe(6);
  });

  it('reports a YAML syntax error on its line, in Chinese, with no data', () => {
    const text = ['---', 'title: 标题', 'unit: 单位', 'title: 又一个标题', '---', '正文', ''].join('\n');
    const parsed = parseFrontMatter(text, 'items/dup.md');
    expect(parsed.data).toBeUndefined();
    expect(parsed.diagnostics).toHaveLength(1);
    const [d] = parsed.diagnostics;
    expect(d).toMatchObject({ severity: 'error', file: 'items/dup.md', line: 4 });
    expect(d!.message).toMatch(/^YAML 语法错误：同一字段写了两次/);
    expect(d!.hint).toContain('冒号');
  });

  it('reports an unclosed quote at the line it opens on', () => {
    const text = ['---', 'title: 标题', 'unit: "市应急管理局', '---', '正文', ''].join('\n');
    const [d] = parseFrontMatter(text, 'items/q.md').diagnostics;
    expect(d).toMatchObject({ severity: 'error', line: 3 });
    expect(d!.message).toMatch(/^YAML 语法错误：缺少必要的符号/);
  });

  it('reports a tab used for indentation', () => {
    const text = '---\ntitle: 标题\n\tunit: 单位\n---\n';
    const [d] = parseFrontMatter(text, 'items/tab.md').diagnostics;
    expect(d).toMatchObject({ severity: 'error', line: 3 });
    expect(d!.message).toContain('不能用 Tab 缩进，请改用空格');
  });

  it('parses identical text twice the same way (no cached result skipping the engine)', () => {
    const text = '---\ntitle: a\ntitle: b\n---\n';
    const first = parseFrontMatter(text, 'a.md');
    const second = parseFrontMatter(text, 'a.md');
    expect(first.diagnostics).toHaveLength(1);
    expect(second.diagnostics).toHaveLength(1);
    expect(second.hasFrontMatter).toBe(true);
  });

  it('treats a file without front-matter as all body', () => {
    const parsed = parseFrontMatter('正文第一段。\n第二段。\n', 'items/plain.md');
    expect(parsed.hasFrontMatter).toBe(false);
    expect(parsed.data).toEqual({});
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.body).toBe('正文第一段。\n第二段。\n');
    expect(parsed.bodyLine).toBe(1);
    expect(parsed.locate(['title'])).toBe(1);
  });

  it('reads a file that starts with a byte-order mark', () => {
    const parsed = parseFrontMatter('\uFEFF' + ITEM, 'items/bom.md');
    expect(parsed.hasFrontMatter).toBe(true);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.data).toMatchObject({ title: '全市冬季安全生产检查', date: '2026-11-01' });
    expect(parsed.locate(['title'])).toBe(2);
    expect(parsed.locate(['date'])).toBe(7);
    expect(parsed.body).toBe('正文第一段。\n');
    expect(parsed.bodyLine).toBe(9);
  });

  it('keeps the lines of a file with CRLF line endings', () => {
    const parsed = parseFrontMatter(ITEM.replaceAll('\n', '\r\n'), 'items/crlf.md');
    expect(parsed.locate(['unit'])).toBe(3);
    expect(parsed.locate(['date'])).toBe(7);
    expect(parsed.bodyLine).toBe(9);
  });

    it('does not leave a carriage return in the last field of a CRLF file', () => {
    const parsed = parseFrontMatter(ITEM.replaceAll('\n', '\r\n'), 'items/crlf.md');
    expect(parsed.data).toMatchObject({ unit: '市应急管理局', date: '2026-11-01' });
  });
});

describe('parseYaml', () => {
  const CONFIG = [
    'organization: 中共测试市委办公室', // line 1
    'publications:', //                   line 2
    '  special-report:', //               line 3
    '    name: 信息专报', //              line 4
    '    template: special-report', //    line 5
    '    distribution:', //               line 6
    '      报: 省委办公厅', //            line 7
    '',
  ].join('\n');

  it('returns the data and locates nested keys', () => {
    const parsed = parseYaml(CONFIG, 'bulletin.config.yml');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.data).toEqual({
      organization: '中共测试市委办公室',
      publications: { 'special-report': { name: '信息专报', template: 'special-report', distribution: { 报: '省委办公厅' } } },
    });
    expect(parsed.locate(['organization'])).toBe(1);
    expect(parsed.locate(['publications', 'special-report'])).toBe(3);
    expect(parsed.locate(['publications', 'special-report', 'template'])).toBe(5);
    expect(parsed.locate(['publications', 'special-report', 'distribution', '报'])).toBe(7);
  });

  it('shifts every line by firstLine', () => {
    const parsed = parseYaml(CONFIG, 'x.md', 10);
    expect(parsed.locate(['organization'])).toBe(10);
    expect(parsed.locate(['publications', 'special-report', 'template'])).toBe(14);
  });

  it('keeps YAML 1.2 core types: dates as strings, numbers as numbers', () => {
    const parsed = parseYaml('date: 2026-11-18\nnumber: 7\nflag: yes\n', 'x.yml');
    expect(parsed.data).toEqual({ date: '2026-11-18', number: 7, flag: 'yes' });
  });

  it('reports a key without its colon on that key line', () => {
    const parsed = parseYaml('organization: a\npublications\n  x: 1\n', 'bulletin.config.yml');
    expect(parsed.data).toBeUndefined();
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]).toMatchObject({ severity: 'error', file: 'bulletin.config.yml', line: 2 });
    expect(parsed.diagnostics[0]!.message).toMatch(/^YAML 语法错误：字段名不能跨行，可能缺少冒号/);
  });

  it('reports an alias without its anchor at the alias, rather than failing', () => {
    // An editor writing *林晓 as text gets YAML's alias syntax, which toJS would throw on.
    const parsed = parseYaml('title: 标题\nauthors: [周立新, *林晓]\n', 'items/a.md', 2);
    expect(parsed.data).toBeUndefined();
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]).toMatchObject({ severity: 'error', file: 'items/a.md', line: 3 });
    expect(parsed.diagnostics[0]!.message).toContain('“*林晓”是对锚点“&林晓”的引用');
    expect(parsed.diagnostics[0]!.hint).toContain('"*林晓"');
  });

  it('reports an alias inside the value it refers to, which would make a circular object', () => {
    const parsed = parseYaml('title: 标题\nauthors: &a [周立新, *a]\n', 'items/a.md');
    expect(parsed.data).toBeUndefined();
    expect(parsed.diagnostics[0]).toMatchObject({ severity: 'error', line: 2 });
    expect(parsed.diagnostics[0]!.message).toContain('引用了包含它自己的值');
  });

  it('refuses aliases that expand exponentially (a billion laughs) at the first alias', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [from, to] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e']]) levels.push(`${to}: &${to} [${Array(9).fill(`*${from}`).join(', ')}]`);
    const parsed = parseYaml(['title: 标题', ...levels, ''].join('\n'), 'items/a.md');
    expect(parsed.data).toBeUndefined();
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]).toMatchObject({ severity: 'error', line: 3 });
    expect(parsed.diagnostics[0]!.message).toContain('展开后内容过多');
  });

  it('takes an anchor name given again as the latest node of that name, not as a circle', () => {
    // Found by a review: the inner &x is a new anchor, and *x refers to it, not to its list.
    const parsed = parseYaml('a: &x [&x 1, *x]\nb:\n  c: &y 2\n  d: &y\n    e: 3\n  f: *y\n', 'x.yml');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.data).toEqual({ a: [1, 1], b: { c: 2, d: { e: 3 }, f: { e: 3 } } });
  });

  it('still reads a few honest aliases', () => {
    const parsed = parseYaml('unit: &u 市应急管理局\ncopy: *u\n', 'x.yml');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.data).toEqual({ unit: '市应急管理局', copy: '市应急管理局' });
  });

  it('reports a value starting with a reserved character, shifted by firstLine', () => {
    const parsed = parseYaml('organization: a\nname: @x\n', 'items/a.md', 2);
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]!.line).toBe(3);
    expect(parsed.diagnostics[0]!.message).toContain('请给值加引号');
  });
});
