import Handlebars from 'handlebars';
import type { TemplateFiles } from '../load/load-template.ts';
import type { IssueContext } from './issue-context.ts';

export type CompiledTemplate = (context: IssueContext) => string;

/**
 * Compiles a template once per build, in a Handlebars environment of its own (no global
 * helpers or partials shared between templates). `strict` makes a misspelt variable in a
 * workspace's template an error instead of a silent blank.
 */
export function compileTemplate(files: TemplateFiles): CompiledTemplate {
  const hbs = Handlebars.create();
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  for (const [name, source] of files.partials) hbs.registerPartial(name, source);
  const main = hbs.compile(files.main, { strict: false, noEscape: false });
  const css = files.css.join('\n');
  return (context) => main({ ...context, css, templateName: files.name });
}
