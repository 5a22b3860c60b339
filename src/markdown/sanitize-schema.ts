import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';

/**
 * What an item may contain once its Markdown and raw HTML are parsed: what a bulletin can
 * print (text, emphasis, lists, tables, images, footnotes) and nothing that runs, loads,
 * or restyles the page. No `style`, `class`, `width` or `color` from an item reaches the page.
 */
export const bulletinSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [
    'p', 'br', 'hr', 'strong', 'b', 'em', 'i', 'del', 's', 'ins', 'sup', 'sub', 'span', 'q',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'img', 'a', 'section', 'code', 'pre',
  ],
  attributes: {
    '*': ['align', 'colSpan', 'rowSpan'],
    a: ['href', 'dataFootnoteRef', 'dataFootnoteBackref'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    li: ['id'],
    section: ['dataFootnotes'],
  },
  // Image sources pass the sanitiser as written (an empty list means no protocol check) so
  // that the image resolver, the one gate for images, can name a refused URL in its message;
  // it refuses every scheme and every path outside the workspace, and the printing page's
  // allowlist refuses anything else.
  protocols: { href: ['http', 'https', 'mailto'], src: [] },
  strip: ['script', 'style', 'template', 'iframe', 'object', 'embed', 'noscript', 'svg', 'math', 'title', 'textarea', 'select'],
  clobberPrefix: '',
  clobber: [],
};
