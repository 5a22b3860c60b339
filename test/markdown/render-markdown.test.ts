import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { solidPng } from '../helpers/png.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageResolverFor } from '../../src/load/resolve-image.ts';
import type { ImageInfo, ImageResolver } from '../../src/markdown/rehype-bulletin.ts';
import { createMarkdownRenderer } from '../../src/markdown/render-markdown.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/markdown');
const UPDATE = process.env.UPDATE === '1';

const render = createMarkdownRenderer();

/** Stands in for the workspace: knows three images and refuses everything else. */
const FAKE_IMAGES: Record<string, ImageInfo> = {
  'img/chart.png': { url: 'file:///ws/items/img/chart.png', widthPx: 800, heightPx: 400 },
  'img/icon.png': { url: 'file:///ws/items/img/icon.png', widthPx: 32, heightPx: 32 },
  'img/tall.png': { url: 'file:///ws/items/img/tall.png', widthPx: 300, heightPx: 3000 },
};
const requested: string[] = [];
const fakeResolveImage: ImageResolver = (src) => {
  requested.push(src);
  return FAKE_IMAGES[src] ?? { error: `测试：图片“${src}”不可用`, hint: '测试提示' };
};

const renderFile = (source: string, file = 'items/a.md', resolveImage = fakeResolveImage) =>
  render({ file, source, idPrefix: 'a-', resolveImage });

const fixture = (name: string) => readFile(path.join(FIXTURES, name, 'input.md'), 'utf8');

describe('golden files', async () => {
  const cases = (await readdir(FIXTURES, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();

  it('has the expected cases', () => {
    expect(cases).toEqual(['footnotes', 'headings', 'hostile-html', 'images', 'table']);
  });

  it.each(cases)('%s/input.md renders to output.html', async (name) => {
    const source = await fixture(name);
    const { html } = renderFile(source, `items/${name}.md`);
    const expectedFile = path.join(FIXTURES, name, 'output.html');
    if (UPDATE) {
      await writeFile(expectedFile, html);
      return;
    }
    expect(html).toBe(await readFile(expectedFile, 'utf8'));
  });
});

describe('headings', () => {
  it('takes the level from the numbering, else from the depth, and never renders the front-matter', async () => {
    const { html, diagnostics } = renderFile(await fixture('headings'));
    expect(diagnostics).toEqual([]);
    const headings = [...html.matchAll(/<(h\d) class="level-(\d)">([^<]*)<\/h\d>/g)].map((m) => [m[1], Number(m[2]), m[3]]);
    expect(headings).toEqual([
      ['h3', 1, '一、总体情况'],
      ['h4', 2, '（一）主要做法'],
      ['h5', 3, '1. 压实责任'],
      ['h6', 4, '（2）细化清单'],
      ['h5', 3, '2．全角句点也算编号'],
      ['h3', 1, '存在问题'],
      ['h4', 2, '基层力量薄弱'],
      ['h5', 3, '设备老化'],
      ['h6', 4, '个别站点'],
      ['h3', 1, '只用一个井号的标题'],
      ['h6', 4, '六级标题'],
    ]);
    expect(html).not.toContain('title:');
    expect(html).not.toContain('市应急管理局');
    expect(html).not.toMatch(/<h[12][\s>]/);
  });
});

describe('tables', () => {
  it('right-aligns numeric columns with class num, keeping explicit alignment', async () => {
    const { html } = renderFile(await fixture('table'));
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<(t[hd])([^>]*)>/g)].map((c) => {
        const align = /align="(\w+)"/.exec(c[2]!)?.[1] ?? '';
        return `${align}|${/class="num/.test(c[2]!) ? 'num' : ''}`;
      }),
    );
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      // 区县 (text), 产量 (numbers with thousands separators), 同比 (---:), 排名 (:---:), 备注 (text, one empty)
      expect(row).toEqual(['|', '|num', 'right|', 'center|', '|']);
    }
  });

  const cellsOf = (html: string) => [...html.matchAll(/<t[hd](\s[^>]*)?>([\s\S]*?)<\/t[hd]>/g)].map((c) => ({ attributes: c[1] ?? '', content: c[2]! }));

  it('keeps short labels, numbers and the parts of a header with a unit whole, when the table still fits', () => {
    const { html } = renderFile(
      '| 地区 | 地区生产总值（亿元） | 同比增长 | 占全市比重 | 规上工业增加值增速 |\n| :--- | ---: | ---: | ---: | ---: |\n| 云川高新区 | 397.58 | 7.9% | 19.32% | 8.1% |\n',
    );
    const cells = new Map(cellsOf(html).map((c) => [c.content.replace(/<[^>]+>/g, ''), c]));
    for (const label of ['地区', '同比增长', '占全市比重', '云川高新区', '397.58', '19.32%']) expect(cells.get(label)?.attributes, label).toContain('keep');
    // 9 characters cannot stay on one line of a narrow column: it may break, evenly (CSS)
    expect(cells.get('规上工业增加值增速')?.attributes).not.toContain('keep');
    expect(html).not.toContain('<span class="keep">规上');
    // the unit in brackets goes to a line of its own rather than 总值 breaking
    expect(cells.get('地区生产总值（亿元）')?.content).toBe('<span class="keep">地区生产总值</span><span class="keep">（亿元）</span>');
  });

  it('counts every character beyond ASCII as wide: seven columns of ①②③④⑤⑥ are not kept whole', () => {
    const row = `| ${Array.from({ length: 7 }, () => '①②③④⑤⑥').join(' | ')} |`;
    const { html } = renderFile(`${row}\n|${' --- |'.repeat(7)}\n${row}\n`);
    expect(cellsOf(html)).toHaveLength(14);
    expect(html).not.toContain('keep');
  });

  it('keeps nothing whole in a table with cells over several rows or columns, whose columns it does not know', () => {
    const { html } = renderFile('<table><tr><th rowspan="2">地区</th><th>同比增长</th></tr><tr><td>6.0%</td></tr></table>\n');
    expect(html).toContain('rowspan="2"');
    expect(html).not.toContain('keep');
  });

  it('keeps nothing whole when the table could not hold its labels unbroken', () => {
    const header = Array.from({ length: 8 }, (_, i) => `指标名称第${i + 1}`);
    const { html } = renderFile(`| ${header.join(' | ')} |\n|${' --- |'.repeat(8)}\n| ${header.map(() => '1').join(' | ')} |\n`);
    expect(cellsOf(html)).toHaveLength(16);
    expect(html).not.toContain('keep');
  });

  it('does not mark a column with no number in it, such as one of images', () => {
    const { html } = renderFile('| 图 | 数量 |\n| --- | --- |\n| ![甲](a.png) | 12 |\n|  | 13 |\n');
    expect(html).toMatch(/<th( class="keep")?>图<\/th>/); // not class="num": left as text
    expect(html).toMatch(/<th class="num[^"]*">数量<\/th>/);
  });

  it('does not mark a column with one word among the numbers', () => {
    const { html } = renderFile('| 项目 | 数量 |\n| --- | --- |\n| 甲 | 12 |\n| 乙 | 待统计 |\n');
    expect(html).not.toContain('class="num"');
  });
});

describe('footnotes', () => {
  it('lists the notes under 注： without links, back-links or ids', async () => {
    const { html, diagnostics } = renderFile(await fixture('footnotes'));
    expect(diagnostics).toEqual([]);
    expect(html).toContain('<section class="footnotes"><p class="footnotes-label">注：</p>');
    expect(html).toContain('<sup><span>1</span></sup>');
    expect(html).toContain('<sup><span>2</span></sup>');
    expect(html).toContain('数据来源：市金融办。');
    expect(html).toContain('截至 2026 年 10 月底。');
    expect(html).not.toContain('href');
    expect(html).not.toContain('<a');
    expect(html).not.toContain('id=');
    expect(html).not.toContain('data-footnote');
    expect(html).not.toContain('↩');
    expect(html).not.toMatch(/<h\d/); // the generated "注" heading is replaced by the label
  });
});

describe('the GitHub-flavoured parts a bulletin prints', () => {
  it('sets a bare URL as text that may break anywhere, never a link, with its _ and ~ kept', () => {
    const urls = ['https://www.example.gov.cn/_upload_/a.pdf', 'http://www.example.edu.cn/~zhang/a~1.html', 'www.example.gov.cn/zwgk/*/2026'];
    const { html } = renderFile(`详见 ${urls[0]} 和 ${urls[1]}，又见 ${urls[2]} 。\n`);
    expect(html).not.toMatch(/<(a|em|del|strong)\b/);
    expect(html).not.toContain('href');
    for (const url of urls) expect(html).toContain(`<span class="url">${url}</span>`);
  });

  it('keeps strikethrough, and a task-list box as the characters typed', () => {
    const { html } = renderFile('原定~~11月~~12月召开。\n\n- [ ] 待办一\n- [x] 已办二\n');
    expect(html).toContain('<p>原定<del>11月</del>12月召开。</p>');
    expect(html).toContain('<li>[ ] 待办一</li>');
    expect(html).toContain('<li>[x] 已办二</li>');
    expect(html).not.toContain('<input');
  });
});

describe('hostile raw HTML', () => {
  it('keeps no script, iframe, style, event handler or javascript: URL', async () => {
    const { html } = renderFile(await fixture('hostile-html'));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/alert|steal|evil\.example\/x\.js/);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/display: none/);
    expect(html).not.toMatch(/style=/i);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/class="big"|id="top"/);
    expect(html).not.toMatch(/<img/);
    expect(html).not.toMatch(/href/);
    // The words themselves survive as plain text.
    for (const words of ['第一段', '正文。', '点击这里', '红色大字', '脚本链接', '另一个']) expect(html).toContain(words);
  });

  it('turns each refused image into a diagnostic on its file line and a placeholder', async () => {
    requested.length = 0;
    const { html, diagnostics } = renderFile(await fixture('hostile-html'), 'items/hostile.md');
    expect(requested).toEqual(['http://evil.example/track.png', '../../../etc/passwd']);
    expect(diagnostics).toEqual([
      { severity: 'error', file: 'items/hostile.md', line: 16, message: '测试：图片“http://evil.example/track.png”不可用', hint: '测试提示' },
      { severity: 'error', file: 'items/hostile.md', line: 18, message: '测试：图片“../../../etc/passwd”不可用', hint: '测试提示' },
    ]);
    expect(html).toContain('<span class="missing-image">［图片缺失：跟踪］</span>');
    expect(html).toContain('<span class="missing-image">［图片缺失：../../../etc/passwd］</span>');
  });
});

describe('images (fake resolver)', () => {
  it('sizes images to the text block and reports the missing one on its line', async () => {
    const { html, diagnostics } = renderFile(await fixture('images'));
    // 800×400 px = 600×300 pt: wider than the 442.2 pt text block, scaled to it.
    expect(html).toContain('<img src="file:///ws/items/img/chart.png" alt="图1 全市粮食产量" style="width:442.20pt;height:221.10pt">');
    // (221.10 + 6) / 28.95 → 8 lines, plus 1 for the caption = 9 × 28.95 pt.
    expect(html).toContain('<figure style="height:260.55pt">');
    expect(html).toContain('<figcaption>图1 全市粮食产量</figcaption>');
    // An inline image stays in its paragraph, 32 px = 24 pt.
    expect(html).toContain('<p>行内小图 <img src="file:///ws/items/img/icon.png" alt="图标" style="width:24.00pt;height:24.00pt"> 随文排。</p>');
    // 300×3000 px is limited to 60 % of the 637.8 pt text block height: 382.68 pt.
    expect(html).toContain('style="width:38.27pt;height:382.68pt"');
    // Without alt text there is no caption, and one line less.
    expect(html).toContain('<figure style="height:231.60pt"><img src="file:///ws/items/img/chart.png" alt="" style="width:442.20pt;height:221.10pt"></figure>');
    expect(diagnostics).toEqual([
      { severity: 'error', file: 'items/a.md', line: 14, message: '测试：图片“img/missing.png”不可用', hint: '测试提示' },
    ]);
    expect(html).toContain('［图片缺失：不存在的图］');
  });
});

describe('images (real imageResolverFor)', () => {
  let tmp: string;
  let root: string;
  let doc: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'bulletin-images-'));
    root = path.join(tmp, 'ws');
    doc = path.join(root, 'items', '2026', 'a.md');
    await mkdir(path.join(root, 'items', '2026', 'img'), { recursive: true });
    await writeFile(path.join(root, 'items', '2026', 'img', 'dot.png'), solidPng(2, 1));
    await writeFile(path.join(root, 'items', '2026', 'img', 'broken.png'), 'not a png');
    await writeFile(path.join(tmp, 'outside.png'), solidPng(2, 1)); // a real image, but outside the workspace
    await symlink(path.join(tmp, 'outside.png'), path.join(root, 'items', '2026', 'img', 'link.png'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  const SOURCE = [
    '---', //                                 1
    'title: 图片', //                         2
    '---', //                                 3
    '![示意图](img/dot.png)', //              4
    '', //                                    5
    '![外部](../../../outside.png)', //       6
    '', //                                    7
    '![链接](img/link.png)', //               8
    '', //                                    9
    '![网络](http://example.com/a.png)', //  10
    '', //                                   11
    '![没有](img/none.png)', //              12
    '', //                                   13
    '![坏图](img/broken.png)', //            14
    '', //                                   15
    '![文本](a.md)', //                      16
    '', //                                   17
    '<img src="../../../../../../etc/passwd">', // 18
    '',
  ].join('\n');

  it('measures a real PNG inside the workspace and refuses the rest with diagnostics', () => {
    const { html, diagnostics } = render({ file: 'items/2026/a.md', source: SOURCE, idPrefix: 'a-', resolveImage: imageResolverFor(root, doc) });
    const url = pathToFileURL(path.join(root, 'items', '2026', 'img', 'dot.png')).href;
    // 2×1 px = 1.5×0.75 pt; one grid line for the image, one for the caption.
    expect(html).toContain(`<figure style="height:57.90pt"><img src="${url}" alt="示意图" style="width:1.50pt;height:0.75pt"><figcaption>示意图</figcaption></figure>`);
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([
      [6, '图片路径“../../../outside.png”指向工作区之外'],
      [8, '图片路径“img/link.png”指向工作区之外'],
      [10, '不能引用网络或外部地址的图片“http://example.com/a.png”'],
      [12, '找不到图片文件“img/none.png”'],
      [14, '无法读取图片“img/broken.png”的尺寸，文件可能已损坏'],
      [16, '不支持的图片格式“a.md”'],
      [18, '图片路径“../../../../../../etc/passwd”指向工作区之外'],
    ]);
    expect(diagnostics.every((d) => d.severity === 'error' && d.file === 'items/2026/a.md' && d.hint)).toBe(true);
    expect(html.match(/<img /g)).toHaveLength(1);
    expect(html).not.toContain('outside.png"');
    expect(html).not.toContain('passwd"');
  });
});

describe('run-in headings', () => {
  it('set the numbered lead of a paragraph in its level’s face, and nothing else', () => {
    const render = createMarkdownRenderer();
    const { html } = render({
      file: 'items/a.md',
      source: '一、基本情况。截至9月末，全市共有27家。\n\n（二）主要问题：一是业务萎缩。\n\n一是加强领导。二是完善机制。\n',
      idPrefix: 'r-',
      resolveImage: () => ({ error: '无', hint: '无' }),
    });
    expect(html).toContain('<p><span class="run-in level-1">一、基本情况。</span>截至9月末，全市共有27家。</p>');
    expect(html).toContain('<p><span class="run-in level-2">（二）主要问题：</span>一是业务萎缩。</p>');
    expect(html).toContain('<p>一是加强领导。二是完善机制。</p>');
  });
});
