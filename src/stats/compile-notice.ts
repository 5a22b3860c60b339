import Handlebars from 'handlebars';
import type { TemplateFiles } from '../load/load-template.ts';
import type { NoticeContext } from './notice-context.ts';

export type CompiledNotice = (context: NoticeContext) => string;

/**
 * Compiles the stats-notice template as apply-template.ts compiles an issue's: its own
 * Handlebars environment, the shared partials (document, masthead…) and the stylesheets in
 * cascade order, with the same `eq` helper, so a workspace may override it the same way.
 */
export function compileNotice(files: TemplateFiles): CompiledNotice {
  const hbs = Handlebars.create();
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  for (const [name, source] of files.partials) hbs.registerPartial(name, source);
  const main = hbs.compile(files.main, { strict: false, noEscape: false });
  const css = files.css.join('\n');
  return (context) => main({ ...context, css, templateName: files.name });
}
