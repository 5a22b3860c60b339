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
 */
export const V8_FLAGS = ['--no-turbo-inlining', '--interrupt-budget=150000'];
