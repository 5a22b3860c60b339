import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { TOOL_ROOT } from '../tool-root.ts';

/** The built-in templates shipped with the tool. */
export const BUILTIN_TEMPLATES = path.join(TOOL_ROOT, 'templates');

/** The files of one template, read from disk; compiling them is the template stage's job. */
export interface TemplateFiles {
  name: string;
  /** The template's own `issue.hbs`. */
  main: string;
  /** Partials by name: the shared ones, overridden by the template's own and the workspace's. */
  partials: Map<string, string>;
  /** Stylesheets in cascade order: shared base, then the template's. */
  css: string[];
  /** Every file used, for cache keys and archive records. */
  files: string[];
}

/**
 * Reads template `name`. A workspace's `templates/<name>/` replaces the built-in folder of
 * that name; a workspace's `templates/partials/*.hbs` and `templates/base.css` override the
 * shared ones file by file.
 */
export async function loadTemplate(name: string, workspaceTemplates: string): Promise<TemplateFiles | undefined> {
  const own = [path.join(workspaceTemplates, name), path.join(BUILTIN_TEMPLATES, name)].find((d) =>
    existsSync(path.join(d, 'issue.hbs')),
  );
  if (!own) return undefined;
  const files: string[] = [];
  const read = async (file: string) => {
    files.push(file);
    return readFile(file, 'utf8');
  };
  const partials = new Map<string, string>();
  for (const dir of [path.join(BUILTIN_TEMPLATES, 'partials'), path.join(workspaceTemplates, 'partials'), own]) {
    for (const file of await listFiles(dir, '.hbs')) {
      if (path.basename(file) === 'issue.hbs') continue;
      partials.set(path.basename(file, '.hbs'), await read(file));
    }
  }
  const base = [path.join(workspaceTemplates, 'base.css'), path.join(BUILTIN_TEMPLATES, 'base.css')].find(existsSync)!;
  const css = [await read(base)];
  if (existsSync(path.join(own, 'style.css'))) css.push(await read(path.join(own, 'style.css')));
  return { name, main: await read(path.join(own, 'issue.hbs')), partials, css, files };
}

async function listFiles(dir: string, extension: string): Promise<string[]> {
  try {
    return (await readdir(dir))
      .filter((f) => f.endsWith(extension))
      .sort()
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}
