/**
 * The parts of GitHub-flavoured Markdown a printed bulletin uses, through the same micromark
 * and mdast extensions remark-gfm is made of: tables, footnotes, strikethrough, and the
 * tokenizing of bare URLs — which keeps a `_` or `~` inside one from being read as emphasis
 * or strikethrough. Left out: task lists (a bulletin has no check boxes) and autolink
 * literals' second pass, which searched every text of the finished tree for URLs to turn
 * into links. On paper a link is its words: rehype-bulletin.ts prints every link as text,
 * and chinese-typography.ts sets any URL in the text so that it may break anywhere.
 */
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
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
  const { transforms: _secondPass, ...bareUrls } = gfmAutolinkLiteralFromMarkdown();
  (data.micromarkExtensions ??= []).push(gfmAutolinkLiteral(), gfmFootnote(), gfmStrikethrough(), gfmTable());
  (data.fromMarkdownExtensions ??= []).push(bareUrls, gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown());
}
