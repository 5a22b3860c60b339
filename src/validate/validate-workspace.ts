import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { RawConfig, RawIssue, SourceDocument } from '../load/load-workspace.ts';
import type { DistributionLine, Issue, Item, Publication } from './model.ts';
import { ConfigSchema, IssueSchema, ItemSchema, type Config, type IssueFrontMatter } from './schema.ts';
import { validate, type Validated } from './validate.ts';

export interface ValidConfig {
  organization: string;
  publications: Map<string, Publication>;
  /** Points a leader's instruction on an item adds (批示加分). */
  instructionPoints: number;
}

export function validateConfig(raw: RawConfig): Validated<ValidConfig> {
  if (raw.diagnostics.length > 0) return { value: undefined, diagnostics: raw.diagnostics };
  const { value, diagnostics } = validate(ConfigSchema, raw.data, raw.file, raw.locate);
  if (!value) return { value: undefined, diagnostics };
  return { value: toValidConfig(value), diagnostics };
}

function toValidConfig(config: Config): ValidConfig {
  const publications = new Map<string, Publication>();
  for (const [key, p] of Object.entries(config.publications)) {
    publications.set(key, {
      key,
      name: p.name,
      template: p.template,
      copies: p.copies,
      distribution: toLines(p.distribution),
      // 信息专报 carries one item, its unit under the title; digests credit each item at its end.
      unitPosition: p.unit_position ?? (p.template === 'special-report' ? 'title' : 'end'),
      points: p.points ?? 1,
    });
  }
  return { organization: config.organization, publications, instructionPoints: config.instruction_points ?? 0 };
}

function toLines(distribution: Record<string, string> | undefined): DistributionLine[] {
  return Object.entries(distribution ?? {}).map(([label, text]) => ({ label, text }));
}

export function validateItem(doc: SourceDocument): Validated<Item> {
  if (doc.diagnostics.length > 0) return { value: undefined, diagnostics: doc.diagnostics }; // YAML syntax
  if (!doc.hasFrontMatter) return { value: undefined, diagnostics: [missingFrontMatter(doc.file, '信息')] };
  const { value, diagnostics: all } = validate(ItemSchema, doc.data, doc.file, doc.locate);
  if (!value) return { value: undefined, diagnostics: all };
  return {
    value: {
      file: doc.file,
      absPath: doc.absPath,
      // A long title may carry the editor's own line breaks: printed where they stand, so the
      // title never breaks inside a word (农／村); elsewhere it is one line.
      titleLines: value.title.split(/\s*\n\s*|\s*｜\s*/).filter(Boolean),
      title: value.title.split(/\s*\n\s*|\s*｜\s*/).join(''),
      unit: value.unit,
      date: value.date,
      authors: value.authors ?? [],
      category: value.category,
      instructions: value.instructions ?? [],
      source: doc.text,
    },
    diagnostics: all,
  };
}

/** Validates an issue header alone (no items): what numbering and listings need. */
export function validateIssueHeader(doc: SourceDocument, config: ValidConfig): Validated<IssueFrontMatter> {
  if (!doc.hasFrontMatter) return { value: undefined, diagnostics: [missingFrontMatter(doc.file, '期')] };
  if (doc.diagnostics.length > 0) return { value: undefined, diagnostics: doc.diagnostics };
  const result = validate(IssueSchema, doc.data, doc.file, doc.locate);
  if (result.value && !config.publications.has(result.value.publication)) {
    const known = [...config.publications.keys()].join('、');
    result.diagnostics.push({
      severity: 'error',
      file: doc.file,
      line: doc.locate(['publication']),
      field: 'publication',
      message: `字段 publication：未知的刊物“${result.value.publication}”`,
      hint: `应为 bulletin.config.yml 中定义的刊物之一：${known}`,
    });
    return { value: undefined, diagnostics: result.diagnostics };
  }
  return result;
}

/**
 * Validates an issue with its items and resolves it against the config: the publication's
 * defaults filled in, items in print order. `total` comes from the caller (numbering).
 */
export function validateIssue(raw: RawIssue, config: ValidConfig, total?: number): Validated<Issue> {
  const header = validateIssueHeader(raw.doc, config);
  const diagnostics: Diagnostic[] = [...header.diagnostics, ...raw.diagnostics];
  const items: Item[] = [];
  for (const path of header.value?.items ?? []) {
    const doc = raw.items.get(path);
    if (!doc) continue; // reported by the loader
    const item = validateItem(doc);
    diagnostics.push(...item.diagnostics);
    if (item.value) items.push(item.value);
  }
  const fm = header.value;
  if (!fm || diagnostics.some((d) => d.severity === 'error')) return { value: undefined, diagnostics };
  const publication = config.publications.get(fm.publication)!;
  return {
    value: {
      file: raw.doc.file,
      absPath: raw.doc.absPath,
      organization: config.organization,
      publication,
      number: fm.number,
      total: fm.total ?? total,
      date: fm.date,
      editor: fm.editor,
      approver: fm.approver,
      classification: fm.classification,
      items,
      distribution: fm.distribution ? toLines(fm.distribution) : publication.distribution,
      copies: fm.copies ?? publication.copies,
      note: raw.doc.body,
      source: raw.doc.text,
    },
    diagnostics,
  };
}

function missingFrontMatter(file: string, what: string): Diagnostic {
  return {
    severity: 'error',
    file,
    line: 1,
    message: `${what}文件开头缺少“---”包围的字段区（front-matter）`,
    hint: '参照 README 中的示例，在文件第一行写“---”，列出字段后再写一行“---”',
  };
}
