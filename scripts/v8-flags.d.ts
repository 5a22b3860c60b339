/** See v8-flags.js. */
export declare const V8_FLAGS: readonly string[];
export declare function v8FlagsFor(command: string | undefined): readonly string[];
