#!/usr/bin/env node
// Entry point of the `bulletin` command: runs the TypeScript sources through tsx, so the
// repository works as it is checked out, with no build step to forget.
import { register } from 'tsx/esm/api';

// `bulletin list | head`: the reader went away; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
