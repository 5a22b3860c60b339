import type { TemplateFiles } from '../load/load-template.ts';
import { compileTemplate, type CompiledTemplate } from '../template/apply-template.ts';
import type { NoticeContext } from './notice-context.ts';

export type CompiledNotice = CompiledTemplate<NoticeContext>;

/** Compiles the stats-notice template exactly as an issue's: a workspace overrides it the same way. */
export function compileNotice(files: TemplateFiles): CompiledNotice {
  return compileTemplate<NoticeContext>(files);
}
