import path from 'node:path';

/** What limit-html.ts hands to print-limit.ts: a page to print and the PDF to write. */
export interface LimitJob {
  url: string;
  pdf: string;
}

/** The absolute path given after `name` on the command line. */
export function option(args: string[], name: string): string {
  const at = args.indexOf(name);
  if (at < 0 || !args[at + 1]) throw new Error(`missing ${name} (see the usage at the top of the script)`);
  return path.resolve(args[at + 1]!);
}
