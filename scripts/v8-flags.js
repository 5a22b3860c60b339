/**
 * V8 flags for bulletin's own process (set by bin/bulletin.js before the tool's code loads),
 * and for the benchmark's limit, which prints with the same Node as the build.
 *
 * A build runs for seconds and calls most of its code a few hundred times: by default V8
 * optimises every warm function with TurboFan, inlining its callees, on background threads
 * that take CPU from Chromium on a machine whose cores Chromium keeps busy. Optimising only
 * hotter functions (twice the interrupt budget) and not inlining cut the CPU of a cold
 * build's first 100 issues by about a quarter for making the HTML and finishing the PDFs
 * (README, design notes); the steady state of a long batch is a little slower, about even
 * by 400 issues.
 *
 * The heap grows fourfold, not by V8's own factor (about 1.6 here), before the next full
 * collection. A full collection also drops the optimised code of every closure not alive at
 * that moment, and a build's hot code is mostly closures made per document (micromark's
 * tokenizers, the preflight's text reader, unist visitors): each was compiled again after
 * each of the seven full collections of a 100-issue build. With three, Node's CPU for the
 * build fell by about 0.9 s of 6.9 (four alternating pairs), for some 40 MB more heap.
 * (Only flags V8 reads as it goes take effect here: the heap's initial sizes are fixed when
 * Node starts, and setting them from inside the process changes nothing.)
 */
const COMPILING = ['--no-turbo-inlining', '--interrupt-budget=150000'];
const HEAP = ['--heap-growing-percent=300'];

/**
 * The flags for one command. `bulletin preview` runs for hours and never makes a hundred
 * documents in a row: it keeps V8's own heap growth, rather than a heap up to four times
 * what is live.
 */
export function v8FlagsFor(command) {
  return command === 'preview' ? COMPILING : [...COMPILING, ...HEAP];
}

/** The flags of `bulletin build` (and the benchmark's limit, which prints as the build does). */
export const V8_FLAGS = v8FlagsFor('build');
