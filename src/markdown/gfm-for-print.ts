/**
 * The parts of GitHub-flavoured Markdown a printed bulletin uses: tables, footnotes and
 * strikethrough, as remark-gfm adds them (the same micromark and mdast extensions), without
 * its autolink literals and task lists. On paper a link is its words (rehype-bulletin.ts
 * prints every link as plain text, and a bare URL is set as one by chinese-typography.ts),
 * and a bulletin has no check boxes; yet finding URLs cost a fifth of parsing an item: the
 * tokenizer tries them at every letter, and a pass over the finished tree searches every
 * text for them again.
 */
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import type { Extension as MicromarkExtension } from 'micromark-util-types';
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import type { Processor } from 'unified';

interface ParserData {
  micromarkExtensions?: MicromarkExtension[];
  fromMarkdownExtensions?: Array<FromMarkdownExtension | FromMarkdownExtension[]>;
}

export function remarkGfmForPrint(this: Processor): void {
  const data = this.data() as ParserData;
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmFootnote(), gfmStrikethrough());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown());
}
