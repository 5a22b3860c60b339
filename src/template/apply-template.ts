import Handlebars from 'handlebars';
import type { TemplateFiles } from '../load/load-template.ts';
import type { IssueContext } from './issue-context.ts';

export type CompiledTemplate<C extends object = IssueContext> = (context: C) => string;

/**
 * Compiles a template once per build, in a Handlebars environment of its own (no global
 * helpers or partials shared between templates): the shared partials overridden by the
 * template's and the workspace's, the stylesheets in cascade order. Variables are escaped;
 * only the sanitised Markdown output and our own CSS are inserted as HTML.
 */
export function compileTemplate<C extends object = IssueContext>(files: TemplateFiles): CompiledTemplate<C> {
  const hbs = Handlebars.create();
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  for (const [name, source] of files.partials) hbs.registerPartial(name, source);
  const main = hbs.compile(files.main, { noEscape: false });
  const css = files.css.join('\n');
  return (context) => main({ ...context, css, templateName: files.name });
}
