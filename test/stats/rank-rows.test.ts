import { describe, expect, it } from 'vitest';
import { compareNames, rankRows } from '../../src/stats/rank-rows.ts';

describe('rankRows', () => {
  it('ranks by points, then adoptions; equal rows share a rank, ordered by name in pinyin', () => {
    const rows = [
      { name: '西山县委办公室', points: 4, adopted: 2 },
      { name: '北湖区委办公室', points: 4, adopted: 2 },
      { name: '南岭县委办公室', points: 4, adopted: 1 },
      { name: '市发展改革委', points: 9, adopted: 1 },
      { name: '东江区委办公室', points: 4, adopted: 2 },
    ];
    expect(rankRows(rows).map((r) => `${r.rank} ${r.name}`)).toEqual([
      '1 市发展改革委',
      '2 北湖区委办公室', // běi
      '2 东江区委办公室', // dōng
      '2 西山县委办公室', // xī
      '5 南岭县委办公室', // fewer adoptions
    ]);
  });

  it('gives the same order whatever the input order', () => {
    const rows = ['周立新', '王芳', '张三', '李四', '林晓', 'Zhang', '欧阳明'].map((name) => ({ name, points: 1, adopted: 1 }));
    const once = rankRows(rows).map((r) => r.name);
    expect(rankRows([...rows].reverse()).map((r) => r.name)).toEqual(once);
    expect(once).toEqual(['李四', '林晓', '欧阳明', '王芳', '张三', '周立新', 'Zhang']);
  });

  it('orders names the collation holds equal by code unit', () => {
    expect(compareNames('a', 'a')).toBe(0);
    expect(Math.sign(compareNames('Ａ', 'A'))).not.toBe(0); // fullwidth and ASCII A differ
  });
});
