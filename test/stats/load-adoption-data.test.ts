import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/diagnostics/diagnostic.ts';
import { loadAdoptionData } from '../../src/stats/load-adoption-data.ts';
import { openWorkspace } from '../../src/workspace.ts';
import { item, writeFiles } from '../helpers/workspace.ts';
import { fixtureWorkspace } from './fixture.ts';

describe('loadAdoptionData', () => {
  it('reads every item and each issue’s items, by their workspace path', async () => {
    const dir = await fixtureWorkspace();
    await writeFiles(dir, {
      'archive/old.md': item({ title: '存档信息', unit: '北湖区委办公室', date: '2026-07-02' }),
      'issues/wd-2026-5.md': '---\npublication: work-dynamics\nnumber: 5\ndate: 2026-12-31\nitems:\n  - ./items/b2.md\n  - archive/old.md\n---\n',
    });
    const data = await loadAdoptionData(await openWorkspace(dir));
    expect(data.items.map((i) => i.file).sort()).toEqual([
      'archive/old.md', // kept outside items/, but adopted: still an item
      ...['a1', 'a2', 'a3', 'b1', 'b2', 'c1', 'c2', 'd1', 'd2', 'e1'].map((n) => `items/${n}.md`),
    ]);
    expect(data.issues.find((i) => i.file === 'issues/wd-2026-5.md')).toEqual({
      file: 'issues/wd-2026-5.md',
      publication: 'work-dynamics',
      date: '2026-12-31',
      items: ['items/b2.md', 'archive/old.md'], // `./items/b2.md` is items/b2.md
    });
    expect(data.items.find((i) => i.file === 'items/b1.md')!.instructions).toHaveLength(2);
  });

  it('stops on an invalid issue header with every problem', async () => {
    const dir = await fixtureWorkspace();
    await writeFiles(dir, { 'issues/bad.md': '---\npublication: weekly\nnumber: 1\ndate: 2026-12-31\nitems: [items/a1.md]\n---\n' });
    const error = await loadAdoptionData(await openWorkspace(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`)).toEqual(['issues/bad.md:2: 字段 publication：未知的刊物“weekly”']);
  });
});
