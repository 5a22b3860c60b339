import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Root } from 'hast';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { remarkGfmForPrint } from './gfm-for-print.ts';
import { shapeForPrint, type ImageResolver } from './rehype-bulletin.ts';
import { bulletinSchema } from './sanitize-schema.ts';

export interface MarkdownInput {
  /** Path shown in messages. */
  file: string;
  /** The whole file, front-matter included, so that positions are the file's own lines. */
  source: string;
  /** Unique per document in an issue: keeps footnote ids of two items apart. */
  idPrefix: string;
  resolveImage: ImageResolver;
}

export interface RenderedMarkdown {
  html: string;
  diagnostics: Diagnostic[];
}

/**
 * Builds the Markdown → HTML processor once; render() is then called for every item and note.
 * Raw HTML in an item is parsed (rehype-raw) and then sanitised, never passed through.
 */
export function createMarkdownRenderer() {
  const toHast = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfmForPrint)
    .use(remarkRehype, { allowDangerousHtml: true, footnoteLabel: '注', footnoteBackContent: '' })
    .use(rawWhenPresent)
    .use(rehypeSanitize, bulletinSchema)
    .freeze();
  const toHtml = unified().use(rehypeStringify).freeze();

  return function render(input: MarkdownInput): RenderedMarkdown {
    const diagnostics: Diagnostic[] = [];
    // The frozen processor itself: calling it for a copy per document deep-copies every
    // micromark extension table, a fifth of the time spent here.
    const tree = toHast.runSync(toHast.parse(input.source)) as Root;
    prefixIds(tree, input.idPrefix);
    shapeForPrint(tree, { file: input.file, resolveImage: input.resolveImage, diagnostics });
    return { html: toHtml.stringify(tree), diagnostics };
  };
}

/**
 * rehype-raw, run only on a tree that has raw HTML in it: it re-parses the whole tree with
 * parse5 even when there is none, as in most items.
 */
function rawWhenPresent(this: unknown) {
  const transform = rehypeRaw.call(this as never);
  return (tree: Root, file: Parameters<typeof transform>[1]) => (hasRaw(tree) ? transform(tree, file) : tree);
}

function hasRaw(node: Root | Root['children'][number]): boolean {
  if (node.type === 'raw') return true;
  return 'children' in node && node.children.some(hasRaw);
}

function prefixIds(tree: Root, prefix: string): void {
  const walk = (node: Root | Root['children'][number]): void => {
    if (node.type === 'element' && typeof node.properties?.id === 'string') node.properties.id = prefix + node.properties.id;
    if ('children' in node) node.children.forEach(walk);
  };
  walk(tree);
}
