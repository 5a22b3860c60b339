import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { parseFrontMatter } from '../../src/load/front-matter.ts';
import { lintDocument, lintSourceDocument, type LintInput } from '../../src/validate/lint-item.ts';
import { REPO } from '../helpers/workspace.ts';

const FILE = 'items/a.md';
/** The body starts on file line 8 (after a seven-line front-matter), as in the sample items. */
const BODY_LINE = 8;

const lint = (body: string, extra: Partial<LintInput> = {}) =>
  lintDocument({ file: FILE, body, bodyLine: BODY_LINE, kind: 'item', ...extra });
/** Body lines joined; line i of the array is file line BODY_LINE + i. */
const body = (...lines: string[]) => lines.join('\n');
const brief = (ds: Diagnostic[]) => ds.map((d) => [d.line, d.message]);

describe('half-width punctuation in Chinese text', () => {
  it.each([
    [',', '，', '今年以来,全市开展行动。'],
    [':', '：', '主要做法:一是压实责任。'],
    [';', '；', '一是压实责任;二是强化督导。'],
    ['(', '（', '全市开展(专项行动。'],
    [')', '）', '全市开展专项)行动。'],
    ['?', '？', '成效如何?还要看落实。'],
    ['!', '！', '做出新的贡献!'],
  ])('warns about “%s” and names its full-width form “%s”, on its line', (mark, full, text) => {
    const found = lint(body('第一段。', '', text));
    expect(found).toEqual([
      expect.objectContaining({ severity: 'warning', file: FILE, line: BODY_LINE + 2, message: `中文中使用了半角标点“${mark}”，应为全角“${full}”` }),
    ]);
  });

  it('counts repeats on a line once, and shows where the first one is', () => {
    const [d, ...rest] = lint('一是压实责任,二是强化督导,三是严格考核。');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ line: BODY_LINE, message: '中文中使用了半角标点“,”（本行共2处），应为全角“，”' });
    expect(d!.hint).toBe('位置：一是压实责任,二是强化督导,三…');
    expect(formatDiagnostic(d!)).toBe(`${FILE}:${BODY_LINE}: 警告：中文中使用了半角标点“,”（本行共2处），应为全角“，”（位置：一是压实责任,二是强化督导,三…）`);
  });

  it('sees through spaces, quotation marks and emphasis to the Chinese next to the mark', () => {
    expect(brief(lint('全市 , 开展'))).toEqual([[BODY_LINE, '中文中使用了半角标点“,”，应为全角“，”']]);
    expect(brief(lint('多谋“远”,思考远一点'))).toEqual([[BODY_LINE, '中文中使用了半角标点“,”，应为全角“，”']]);
    expect(brief(lint('**注**:见附件'))).toEqual([[BODY_LINE, '中文中使用了半角标点“:”，应为全角“：”']]);
  });

  it('flags both ends of a half-width pair in Chinese text, even where one end touches none', () => {
    expect(brief(lint('(1)加强组织领导'))).toEqual([
      [BODY_LINE, '中文中使用了半角标点“(”，应为全角“（”'],
      [BODY_LINE, '中文中使用了半角标点“)”，应为全角“）”'],
    ]);
    expect(brief(lint('完成投资 (约 5 亿元) 以上'))).toHaveLength(2);
    expect(lint('English (with a note) only')).toEqual([]);
  });

  it('checks headings, list items, table cells, footnotes and image captions too', () => {
    const found = lint(
      body('## 一、主要做法:压实责任', '', '- 第一项,第二项', '', '| 地区 | 增长(%) |', '| --- | ---: |', '| 北湖区 | 5.6 |', '', '见注释[^1]。', '', '[^1]: 数据来源:市统计局。', '', '![产量(万吨)](img/a.png)'),
    );
    expect(brief(found)).toEqual([
      [8, '中文中使用了半角标点“:”，应为全角“：”'],
      [10, '中文中使用了半角标点“,”，应为全角“，”'],
      [12, '中文中使用了半角标点“(”，应为全角“（”'],
      [12, '中文中使用了半角标点“)”，应为全角“）”'],
      [18, '中文中使用了半角标点“:”，应为全角“：”'],
      [20, '中文中使用了半角标点“(”，应为全角“（”'],
      [20, '中文中使用了半角标点“)”，应为全角“）”'],
    ]);
  });

  it('leaves Markdown syntax, code, URLs and numbers alone', () => {
    const found = lint(
      body(
        '## 一、总体情况',
        '1. 第一项：压实责任。',
        '2) 第二项：强化督导。',
        '',
        '见[链接](https://example.com/a,b(c)?d=1!)和![图](img/a(1).png "图:一")。',
        '行业不良贷款率[^1]为12.8%，增长1.5%，比例3:1，共1,000元，上午9:30召开。',
        '网址https://example.com/path?a=1,2;b=(3)，又见<https://example.com/x,y>和www.example.com/a,b。',
        '代码`a,b:c;(d)?e!`不查。',
        '',
        '| 地区 | 增长 |',
        '| :--- | ---: |',
        '| 北湖区 | 5.6% |',
        '',
        '```',
        '中文,中文:中文',
        '```',
        '',
        '<!-- 注:此处不查 -->',
        '<div title="中文,中文">正文。</div>',
        '',
        'The report (in English), as noted: fine!',
        '',
        '[^1]: 注释。',
      ),
    );
    expect(found).toEqual([]);
  });
});

describe('unpaired quotation marks and brackets', () => {
  it.each([
    ['他说“要压实责任。', '引号不成对：前引号 “ 没有对应的后引号 ”'],
    ['要压实责任”，他说。', '引号不成对：后引号 ” 前面没有对应的前引号 “'],
    ['开展专项行动（以下简称行动。', '括号不成对：左括号 （ 没有对应的右括号 ）'],
    ['开展专项行动）。', '括号不成对：右括号 ） 前面没有对应的左括号 （'],
    ['编发《信阳政务信息134期。', '书名号不成对：前书名号 《 没有对应的后书名号 》'],
    ['编发信阳政务信息》134期。', '书名号不成对：后书名号 》 前面没有对应的前书名号 《'],
  ])('warns about %s', (text, message) => {
    expect(brief(lint(body('第一段。', '', text)))).toEqual([[BODY_LINE + 2, message]]);
  });

  it('names the line of the lone mark in a paragraph written over several lines', () => {
    expect(brief(lint(body('坚持“小事不出村、', '大事不出镇”的原则，', '落实“一案一专班。')))).toEqual([
      [BODY_LINE + 2, '引号不成对：前引号 “ 没有对应的后引号 ”'],
    ]);
  });

  it('reports a mark left open inside another pair', () => {
    expect(brief(lint('报送的《关于“三级联调》的报告'))).toEqual([[BODY_LINE, '引号不成对：前引号 “ 没有对应的后引号 ”']]);
  });

  it('accepts balanced and nested pairs, a quotation across lines, and one-sided ordinals', () => {
    const found = lint(
      body(
        '坚持“四不两直”，编发《信阳政务信息》（总第134期），落实“《条例》（试行）”要求。',
        '',
        '### （一）集体经济总量稳步增长',
        '',
        '构建“小事不出村、',
        '大事不出镇”体系。',
        '',
        '1）资产清单；',
        '一）合同清单。',
      ),
    );
    expect(found).toEqual([]);
  });
});

describe('straight quotation marks', () => {
  it('warns about a straight quotation mark in Chinese text', () => {
    expect(brief(lint(body('第一段。', '推进"放管服"改革。')))).toEqual([[BODY_LINE + 1, '中文中使用了直引号 "，应为弯引号 “ ”']]);
  });

  it('warns about straight and curly quotation marks mixed in one paragraph', () => {
    expect(brief(lint('推进“放管服"改革。'))).toEqual([
      [BODY_LINE, '引号不成对：前引号 “ 没有对应的后引号 ”'],
      [BODY_LINE, '同一段中混用了直引号 " 和弯引号 “ ”，应统一为 “ ”'],
    ]);
  });

  it('leaves straight quotation marks in code, HTML and English alone', () => {
    expect(lint(body('代码`a="b"`不查。', '', '<p title="标题">正文。</p>', '', 'He said "fine".'))).toEqual([]);
  });
});

describe('the title', () => {
  const title = (t: string) => lint('正文。', { title: t, titleLine: 2 });

  it.each(['。', '，', '；', '：', '！', '？', '.', ',', ';', ':', '!', '?'])('warns about a title ending in “%s”', (mark) => {
    const found = title(`全市开展冬季安全生产大排查大整治${mark}`);
    expect(found[0]).toMatchObject({ line: 2, field: 'title', message: `标题末尾不应有标点“${mark}”` });
  });

  it('also checks the title for half-width punctuation, pairs and placeholders', () => {
    expect(brief(title('关于20xx年(上半年)工作的报告'))).toEqual([
      [2, '中文中使用了半角标点“(”，应为全角“（”'],
      [2, '中文中使用了半角标点“)”，应为全角“）”'],
      [2, '留有未替换的占位符“20xx年”'],
    ]);
    expect(brief(title('《政务信息编发情况'))).toEqual([[2, '书名号不成对：前书名号 《 没有对应的后书名号 》']]);
  });

  it('accepts a title ending in a closing bracket or quotation mark', () => {
    expect(title('北湖区桑园镇犇牛村山体滑坡险情处置情况（续报）')).toEqual([]);
    expect(title('南岭县推行县乡村“三级联调”')).toEqual([]);
  });
});

describe('placeholders', () => {
  it('warns about 20xx, XX月XX日, ×× and XX left in the text, once per line', () => {
    const found = lint(body('第一段。', '20xx年XX月XX日，XX副书记在××县调研。'));
    expect(brief(found)).toEqual([[BODY_LINE + 1, '留有未替换的占位符“20xx年”“XX月”“XX日”“XX”“××”']]);
  });

  it('warns about a placeholder in the title', () => {
    expect(lint('正文。', { title: '20XX年全市信息工作要点', titleLine: 3 })).toEqual([
      expect.objectContaining({ line: 3, field: 'title', message: '留有未替换的占位符“20XX年”' }),
    ]);
  });

  it('leaves 某某, words with x, multiplication, code and URLs alone', () => {
    expect(lint(body('某某村某某同志反映，XXL码、X光机、3×4米、xx-large都不是占位符。', '', '代码`20xx`与网址https://example.com/xx/20xx不查。'))).toEqual([]);
  });
});

describe('the body', () => {
  it('warns about an item without a body, on the line where the body should start', () => {
    expect(lint('\n  \n')).toEqual([
      { severity: 'warning', file: FILE, line: BODY_LINE, message: '信息正文为空', hint: '在字段区末尾的“---”之后写正文' },
    ]);
  });

  it('accepts an issue without an editor’s note, and an item with a body', () => {
    expect(lint('', { kind: 'issue' })).toEqual([]);
    expect(lint('正文。')).toEqual([]);
  });

  it('counts CRLF line endings once', () => {
    expect(brief(lint('第一段。\r\n\r\n第二段,内容。\r\n'))).toEqual([[BODY_LINE + 2, '中文中使用了半角标点“,”，应为全角“，”']]);
  });
});

describe('lintSourceDocument', () => {
  it('takes the title and its line from the front-matter', () => {
    const text = ['---', 'unit: 市应急管理局', 'title: 全市开展安全生产大检查。', 'date: 2026-11-17', '---', '正文,第一段。', ''].join('\n');
    const found = lintSourceDocument({ file: FILE, ...parseFrontMatter(text, FILE) }, 'item');
    expect(brief(found)).toEqual([
      [3, '标题末尾不应有标点“。”'],
      [6, '中文中使用了半角标点“,”，应为全角“，”'],
    ]);
  });

  it('does not look for a title in an issue', () => {
    const text = ['---', 'publication: special-report', 'title: 不是刊物字段。', '---', '编者按。', ''].join('\n');
    expect(lintSourceDocument({ file: 'issues/a.md', ...parseFrontMatter(text, 'issues/a.md') }, 'issue')).toEqual([]);
  });
});

describe("the repository's own sample items and issues", () => {
  const markdownUnder = (dir: string) =>
    readdirSync(path.join(REPO, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.md'))
      .map((e) => path.relative(REPO, path.join(e.parentPath, e.name)))
      .sort();
  const samples = [...markdownUnder('items').map((f) => [f, 'item'] as const), ...markdownUnder('issues').map((f) => [f, 'issue'] as const)];

  it('has samples to check', () => {
    expect(samples.length).toBeGreaterThan(10);
  });

  it.each(samples)('%s has nothing to warn about', (file, kind) => {
    const text = readFileSync(path.join(REPO, file), 'utf8');
    expect(lintSourceDocument({ file, ...parseFrontMatter(text, file) }, kind).map(formatDiagnostic)).toEqual([]);
  });
});
