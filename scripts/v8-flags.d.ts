/** See v8-flags.js. */
export declare const V8_FLAGS: readonly string[];
