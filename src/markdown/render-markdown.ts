import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Root } from 'hast';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
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
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true, footnoteLabel: '注', footnoteBackContent: '' })
    .use(rehypeRaw)
    .use(rehypeSanitize, bulletinSchema)
    .freeze();
  const toHtml = unified().use(rehypeStringify).freeze();

  return function render(input: MarkdownInput): RenderedMarkdown {
    const diagnostics: Diagnostic[] = [];
    const processor = toHast();
    const tree = processor.runSync(processor.parse(input.source)) as Root;
    prefixIds(tree, input.idPrefix);
    shapeForPrint(tree, { file: input.file, resolveImage: input.resolveImage, diagnostics });
    return { html: toHtml.stringify(tree), diagnostics };
  };
}

function prefixIds(tree: Root, prefix: string): void {
  const walk = (node: Root | Root['children'][number]): void => {
    if (node.type === 'element' && typeof node.properties?.id === 'string') node.properties.id = prefix + node.properties.id;
    if ('children' in node) node.children.forEach(walk);
  };
  walk(tree);
}
