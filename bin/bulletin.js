#!/usr/bin/env node
// Entry point of the `bulletin` command: runs the TypeScript sources through tsx, so the
// repository works as it is checked out, with no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
