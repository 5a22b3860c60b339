#!/usr/bin/env node
// Runs the real `bulletin` CLI (src/cli.ts's main: its error mapping and exit codes) with
// `stats` registered on it. Until src/cli.ts registers the command itself, this adds it
// when the program parses; once it does, this is the same as bin/bulletin.js.
import { register } from 'tsx/esm/api';

register();
const { Command } = await import('commander');
const { registerStatsCommand } = await import('../../src/commands/stats.ts');
const { main } = await import('../../src/cli.ts');

const parseAsync = Command.prototype.parseAsync;
Command.prototype.parseAsync = function (...args) {
  if (!this.parent && !this.commands.some((c) => c.name() === 'stats')) {
    // statsCommand returns 0 or throws; main maps what it throws to the exit code.
    registerStatsCommand({ program: this, setExitCode: () => undefined });
  }
  return parseAsync.apply(this, args);
};
process.exitCode = await main(process.argv.slice(2));
