// The command named on a `bulletin` command line, found the same way by bin/bulletin.js (to
// choose V8 flags and the code cache before the tool loads) and by src/cli.ts (to load only
// that command's module). Node built-ins only, like everything bin/bulletin.js loads first.

/** The first word that is not an option or the value of --root; undefined if there is none. */
export function commandName(argv) {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root') i++;
    else if (!argv[i].startsWith('-')) return argv[i];
  }
  return undefined;
}
