/**
 * A quick reading of plain front-matter, the kind nearly every item and issue has: `key: value`
 * lines, block lists of plain values, one-line `[a, b]` lists, comments. js-yaml reads such
 * YAML about five times faster than the `yaml` package in a fresh process (462 files of the
 * benchmark: 50 against 265 ms), and a build reads every issue's and item's front-matter.
 *
 * The `yaml` package stays the authority (front-matter.ts): it alone keeps positions and
 * words the errors. This path is taken only for text that avoids every construct on which
 * the two could differ — quotes, anchors and aliases, tags, block scalars, flow mappings,
 * flow lists over several lines, with pairs in them or as keys, list items that are lists
 * on the same line, null keys, `#` without a space before it, tabs, lone carriage returns,
 * document markers, uneven indentation, lines over 1000 characters —
 * and with the YAML 1.2 core schema as `yaml` resolves it (below), not js-yaml's own, which
 * reads `0b101` and `+0o7` as numbers. Anything else, and anything js-yaml rejects, goes to
 * `yaml`. A property test compares the two on thousands of mutated front-matters.
 */
import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';

/** The YAML 1.2.2 core schema's tag resolution (10.3.2), as the `yaml` package applies it. */
const CORE_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [
    new Type('tag:yaml.org,2002:null', {
      kind: 'scalar',
      resolve: (data: string) => /^(?:~|null|Null|NULL)?$/.test(data),
      construct: () => null,
    }),
    new Type('tag:yaml.org,2002:bool', {
      kind: 'scalar',
      resolve: (data: string) => /^(?:true|True|TRUE|false|False|FALSE)$/.test(data),
      construct: (data: string) => data[0] === 't' || data[0] === 'T',
    }),
    new Type('tag:yaml.org,2002:int', {
      kind: 'scalar',
      resolve: (data: string) => /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/.test(data),
      construct: (data: string) => (data.startsWith('0o') ? parseInt(data.slice(2), 8) : data.startsWith('0x') ? parseInt(data.slice(2), 16) : Number(data)),
    }),
    new Type('tag:yaml.org,2002:float', {
      kind: 'scalar',
      resolve: (data: string) => /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/.test(data),
      construct: (data: string) => (/nan$/i.test(data) ? NaN : /inf$/i.test(data) ? (data.startsWith('-') ? -Infinity : Infinity) : Number(data)),
    }),
  ],
});

/** Characters that open a construct left to the `yaml` package; a lone \r is a line break to js-yaml only. */
const NOT_PLAIN = /["'&*!%@`|>?{}\\\t\r]|(?:^|\n)(?:---|\.\.\.)|[^ \n]#/;
/**
 * A line with no `[…]` list, or one value that is: after `: ` or `- `, closed on the same
 * line, not nested, with no `:` in it or after it (a list as a key reads differently).
 */
const AT_MOST_ONE_LINE_LIST = /^[^[\]]*(?:(?:: |- )\[[^[\]:]*\][^[\]:]*)?$/;
/** `yaml` refuses an implicit key longer than 1024 characters; js-yaml takes it. */
const LONGEST_LINE = 1000;
/** A key that resolves to null (js-yaml names it "null", the `yaml` package ""). */
const NULL_KEY = /^ *(?:- +)?(?:~|null|Null|NULL)? *:(?: |$)/m;
/** A list item that is itself a list on the same line (`- - a`), read differently at the edges. */
const COMPACT_ITEM = /^ *- +-(?: |$)/m;

/** The data of plain front-matter, or undefined when the text is not plain or js-yaml rejects it. */
export function readPlainYaml(text: string): { data: unknown } | undefined {
  if (NOT_PLAIN.test(text) || NULL_KEY.test(text) || COMPACT_ITEM.test(text)) return undefined;
  const lines = text.split('\n');
  if (!lines.every((line) => line.length <= LONGEST_LINE && AT_MOST_ONE_LINE_LIST.test(line)) || !evenlyIndented(lines)) return undefined;
  try {
    // An empty document is null, as the `yaml` package reads it.
    return { data: load(text, { schema: CORE_SCHEMA }) ?? null };
  } catch {
    return undefined;
  }
}

/**
 * Indented as front-matter is: keys at the margin, every list item of the text at one
 * indentation, and a list item's further fields two spaces in from its dash. js-yaml
 * forgives a list item out of line with the others, where `yaml` reports it.
 */
function evenlyIndented(lines: string[]): boolean {
  let itemIndent: number | undefined;
  for (const line of lines) {
    const content = line.trimStart();
    const indent = line.length - content.length;
    if (content === '' || content.startsWith('#')) continue;
    if (content === '-' || content.startsWith('- ')) {
      if ((itemIndent ??= indent) !== indent) return false;
    } else if (indent !== 0 && (itemIndent === undefined || indent !== itemIndent + 2)) {
      return false;
    }
  }
  return true;
}
