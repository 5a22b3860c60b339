/**
 * The quick path for plain front-matter (src/load/plain-yaml.ts) must read exactly what the
 * `yaml` package reads, and take nothing `yaml` rejects. Compared on front-matter built from
 * the fields editors write, then mutated a few characters at a time, as typos are made.
 * Deterministic: a fixed seed; fast-check prints the shrunk case.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { generateWorkspace } from '../../bench/generate-workspace.ts';
import { readPlainYaml } from '../../src/load/plain-yaml.ts';

/** What the `yaml` package makes of `text`: its data, or 'error'. */
function byYamlPackage(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) return 'error';
  try {
    return doc.toJS();
  } catch {
    return 'error';
  }
}

/** Data the quick path read must be yaml's data: never read where yaml sees an error. */
function expectAgreement(text: string): boolean {
  const quick = readPlainYaml(text);
  if (quick) expect({ text, data: quick.data }).toEqual({ text, data: byYamlPackage(text) });
  return quick !== undefined;
}

const scalar = fc.constantFrom(
  '西山县委办公室', '北湖区桑园镇犇牛村山体滑坡险情｜处置情况（续报）', '2026-11-18', '2026-02-30', '7', '-1', '+12', '014', '0o14', '0x1F', '0b101',
  '-0x1', '+0o7', '1e3', '.5', '+.5', '1.', '1_000', '.inf', '-.Inf', '.NaN', 'null', 'Null', '~', 'true', 'True', 'yes', 'no', 'on', '',
  '12:30', '1:20', '2026年1月', 'a,b', '第 1 期', 'x - y', 'a: b', '关于#1的报告', 'C#', '50%',
);
const key = fc.constantFrom('title', 'unit', 'date', 'authors', 'category', 'publication', 'number', 'total', 'editor', 'items', '1', 'null', 'true', '报');
const field = fc.oneof(
  fc.tuple(key, scalar).map(([k, v]) => `${k}: ${v}`),
  fc.tuple(key, fc.array(scalar, { maxLength: 4 })).map(([k, vs]) => `${k}: [${vs.join(', ')}]`),
  fc.tuple(key, fc.array(scalar, { minLength: 1, maxLength: 3 })).map(([k, vs]) => [`${k}:`, ...vs.map((v) => `  - ${v}`)].join('\n')),
  // 批示: a list of mappings, each item's first field on the item's line.
  fc.tuple(fc.array(fc.array(fc.tuple(key, scalar), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }), fc.constantFrom('  ', '')).map(([entries, indent]) =>
    ['instructions:', ...entries.flatMap((pairs) => pairs.map(([k, v], i) => `${indent}${i === 0 ? '- ' : '  '}${k}: ${v}`))].join('\n'),
  ),
  fc.constant('# 注释'),
  fc.constant(''),
);
const frontMatter = fc.array(field, { minLength: 1, maxLength: 7 }).map((lines) => lines.join('\n'));

const TYPO = [':', ' ', '-', '"', "'", '\n', '\r', '[', ']: ', '\t', '#', '[', ']', '{', '}', ',', '|', '>', '  ', '0', '.', '+', '\\', '?', '*', '&', '!', '%', '@', '`', 'x', '：', 'e', 'o', '~'];
const typo = fc.record({ at: fc.nat(), char: fc.constantFrom(...TYPO), kind: fc.constantFrom('insert', 'delete', 'replace') });
function applyTypos(text: string, typos: Array<{ at: number; char: string; kind: string }>): string {
  let out = text;
  for (const { at, char, kind } of typos) {
    const p = at % (out.length + 1);
    out = kind === 'insert' ? out.slice(0, p) + char + out.slice(p) : kind === 'delete' ? out.slice(0, p) + out.slice(p + 1) : out.slice(0, p) + char + out.slice(p + 1);
  }
  return out;
}

describe('the quick path for plain front-matter', () => {
  it('reads what the yaml package reads, on front-matter as editors write it', () => {
    fc.assert(
      fc.property(frontMatter, (text) => {
        expectAgreement(text);
      }),
      { seed: 20261201, numRuns: 1500 },
    );
  });

  it('takes every front-matter of the sample workspace and of the benchmark’s', async () => {
    // Or it would save nothing: these are the front-matters builds read.
    const generated = await mkdtemp(path.join(os.tmpdir(), 'bulletin-plain-yaml-'));
    try {
      await generateWorkspace({ root: generated, issues: 20 });
      const roots = [path.resolve(import.meta.dirname, '../..'), generated];
      const files = roots.flatMap((root) =>
        ['issues', 'items'].flatMap((dir) => readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => path.join(root, dir, f))),
      );
      expect(files.length).toBeGreaterThan(50);
      for (const file of files) {
        const block = /^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'))![1]!;
        expect(expectAgreement(block), file).toBe(true);
      }
    } finally {
      await rm(generated, { recursive: true, force: true });
    }
  });

  it('never reads what the yaml package rejects or reads otherwise, after typos', () => {
    fc.assert(
      fc.property(frontMatter, fc.array(typo, { minLength: 1, maxLength: 3 }), (text, typos) => {
        expectAgreement(applyTypos(text, typos));
      }),
      { seed: 20261202, numRuns: 5000 },
    );
  });

  it('reads the core schema as YAML 1.2 does, not as js-yaml’s own schema', () => {
    expect(readPlainYaml('a: 0b101\nb: +0o7\nc: -0x1\nd: +.5\ne: 1_000\nf: 2026-11-18\ng: yes\nh: 0o14\ni: .NaN\nj:')?.data).toEqual({
      a: '0b101', b: '+0o7', c: '-0x1', d: 0.5, e: '1_000', f: '2026-11-18', g: 'yes', h: 12, i: NaN, j: null,
    });
  });

  it('leaves quotes, aliases, block scalars and lists over several lines to the yaml package', () => {
    for (const text of ['title: "标题"', "title: '标题'", 'a: &x 1\nb: *x', 'note: |\n  文字', 'authors: [林晓,\n  王芳]', 'authors: [a]#注释', 'a: !!str 1', 'a:\n\t- b', '---\na: 1']) {
      expect(readPlainYaml(text), text).toBeUndefined();
    }
  });

  // Found by a review: each was read by js-yaml to other data than yaml's, or where yaml errs.
  it('leaves a list used as a key, lone carriage returns and keys over 1024 characters to yaml', () => {
    const cases = ['[a]: b', '[a, b]: c', '- [a]: b', 'k: []\n\n[]: ~', 'title: 简报\rnumber: 3', 'a:\r- b\r- c', 'a: b\r', `${'k'.repeat(1025)}: v`, `${'标'.repeat(1025)}: 值`];
    for (const text of cases) {
      expect(readPlainYaml(text), JSON.stringify(text.slice(0, 40))).toBeUndefined();
      expectAgreement(text);
    }
    expect(readPlainYaml('authors: [林晓, 王芳]')?.data).toEqual({ authors: ['林晓', '王芳'] });
  });
});
