// A run reads each workspace file once: the cache key and the rendering see the same bytes
// even when the file is saved again in between.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceFiles } from '../../src/load/source-files.ts';
import { workspacePaths } from '../../src/load/workspace-paths.ts';
import { tempDirSync } from '../helpers/workspace.ts';

function workspace(): { root: string; sources: () => SourceFiles } {
  const root = tempDirSync('bulletin-sources-');
  return { root, sources: () => new SourceFiles(workspacePaths(root)) };
}

describe('SourceFiles', () => {
  it('keeps what it read first, for bytes and document alike, while a new run sees the edit', async () => {
    const { root, sources } = workspace();
    const file = path.join(root, 'a.md');
    writeFileSync(file, '---\ntitle: 初稿\n---\n正文\n');
    const run = sources();
    const firstBytes = await run.bytes(file);
    writeFileSync(file, '---\ntitle: 改稿\n---\n改过的正文\n');
    expect(await run.bytes(file)).toBe(firstBytes);
    const doc = await run.document(file);
    expect(doc.data).toEqual({ title: '初稿' });
    expect(doc.body).toBe('正文\n');
    expect(doc.file).toBe('a.md');
    expect(await run.document(file)).toBe(doc);
    expect((await sources().document(file)).data).toEqual({ title: '改稿' });
  });

  it('rejects a missing file every time it is asked, bytes and document', async () => {
    const { root, sources } = workspace();
    const run = sources();
    const missing = path.join(root, 'missing.md');
    await expect(run.bytes(missing)).rejects.toThrow(/ENOENT/);
    await expect(run.bytes(missing)).rejects.toThrow(/ENOENT/);
    await expect(run.document(missing)).rejects.toThrow(/ENOENT/);
  });

  it('reports a file that is not UTF-8 on its first line, and strips a BOM', async () => {
    const { root, sources } = workspace();
    const gbk = path.join(root, 'gbk.md');
    writeFileSync(gbk, Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xd5, 0xfd, 0xce, 0xc4, 0x0a])); // 正文 in GBK
    const doc = await sources().document(gbk);
    expect(doc.diagnostics).toEqual([expect.objectContaining({ file: 'gbk.md', line: 1, message: expect.stringContaining('不是 UTF-8') })]);
    const bom = path.join(root, 'bom.md');
    writeFileSync(bom, '\uFEFF---\ntitle: 带 BOM\n---\n正文\n');
    const withBom = await sources().document(bom);
    expect(withBom.data).toEqual({ title: '带 BOM' });
    expect(withBom.text).toBe('---\ntitle: 带 BOM\n---\n正文\n');
  });

  it('refuses UTF-8 that encodes a surrogate, as a strict decoder does', async () => {
    const { root, sources } = workspace();
    const file = path.join(root, 'cesu.md');
    writeFileSync(file, Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a, 0xed, 0xa0, 0x80, 0x0a])); // U+D800 encoded
    expect((await sources().document(file)).diagnostics[0]?.message).toContain('不是 UTF-8');
  });
});
