import type { Element, ElementContent, Root, Text } from 'hast';
import { visit, SKIP } from 'unist-util-visit';

const URL = /(?:https?:\/\/|www\.)[^\s\u3000-\u303f\uff00-\uffef，。、；：（）《》“”]+/g;

/**
 * Marks URLs so they may break anywhere: a URL never pushes its whole length to the next
 * line and leaves the line before it stretched into wide gaps. (Adjacent full-width
 * punctuation is compressed by Chromium itself: `text-spacing-trim: normal` in base.css.)
 */
export function applyChineseTypography(tree: Root): void {
  visit(tree, 'text', (node: Text, index, parent) => {
    if (!parent || index === undefined || isCode(parent as Element)) return;
    const pieces = splitUrls(node.value);
    if (pieces.length === 1 && pieces[0]!.type === 'text') return;
    (parent as Element).children.splice(index, 1, ...pieces);
    return [SKIP, index + pieces.length];
  });
}

function splitUrls(text: string): ElementContent[] {
  const out: ElementContent[] = [];
  let last = 0;
  for (const match of text.matchAll(URL)) {
    if (match.index > last) out.push({ type: 'text', value: text.slice(last, match.index) });
    out.push({ type: 'element', tagName: 'span', properties: { className: ['url'] }, children: [{ type: 'text', value: match[0] }] });
    last = match.index + match[0].length;
  }
  if (last < text.length || out.length === 0) out.push({ type: 'text', value: text.slice(last) });
  return out;
}

function isCode(node: Element): boolean {
  return node.tagName === 'code' || node.tagName === 'pre';
}
