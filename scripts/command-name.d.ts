/** See command-name.js. */
export declare function commandName(argv: readonly string[]): string | undefined;
