import { describe, expect, it } from 'vitest';
import { headingLevel } from '../../src/markdown/heading-level.ts';

describe('headingLevel', () => {
  it.each([
    ['一、总体情况', 1],
    ['十二、其他事项', 1],
    ['（一）主要做法', 2],
    ['（十一）第十一点', 2],
    ['1. 第一点', 3],
    ['12．全角句点', 3],
    ['（1）细节', 4],
    ['（10）第十项', 4],
  ] as const)('recognises %s as level %i whatever its Markdown depth', (text, level) => {
    for (const depth of [1, 2, 3, 4, 5, 6]) expect(headingLevel(text, depth)).toBe(level);
  });

  it('ignores leading spaces before the numbering', () => {
    expect(headingLevel('  （二）后续安排', 2)).toBe(2);
  });

  it('falls back to the Markdown depth, ## being the first level', () => {
    expect(headingLevel('总体情况', 1)).toBe(1);
    expect(headingLevel('总体情况', 2)).toBe(1);
    expect(headingLevel('总体情况', 3)).toBe(2);
    expect(headingLevel('总体情况', 4)).toBe(3);
    expect(headingLevel('总体情况', 5)).toBe(4);
    expect(headingLevel('总体情况', 6)).toBe(4);
  });

  it('does not take numbering-like text in the middle as numbering', () => {
    expect(headingLevel('工作一、二两项', 3)).toBe(2);
    expect(headingLevel('关于（一）的说明', 2)).toBe(1);
    expect(headingLevel('第1.季度', 2)).toBe(1);
  });

  it('does not mix the half-width parentheses with the full-width ones', () => {
    // Only full-width （） are the official numbering; (1) falls back to the depth.
    expect(headingLevel('(1)细节', 2)).toBe(1);
    expect(headingLevel('(一)做法', 2)).toBe(1);
  });
});
