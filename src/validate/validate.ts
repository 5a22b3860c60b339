import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { FieldPath, LineLocator } from '../load/front-matter.ts';
import { fieldLabel, knownKeys } from './schema.ts';

export interface Validated<T> {
  /** The parsed value, or undefined when there was an error. */
  value: T | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Checks `data` against `schema` and turns every problem into a Chinese diagnostic at the
 * line where the field is written (or where it should have been). Unknown top-level fields
 * are warnings, with the closest known field suggested, so a typo such as `titel` is seen.
 */
export function validate<S extends z.ZodObject>(
  schema: S,
  data: unknown,
  file: string,
  locate: LineLocator,
): Validated<z.infer<S>> {
  const diagnostics: Diagnostic[] = [];
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    diagnostics.push({
      severity: 'error',
      file,
      line: 1,
      message: '文件开头缺少“---”包围的字段区（front-matter），或字段区不是“名称: 值”的形式',
      hint: '参照 README 中的示例补上字段区',
    });
    return { value: undefined, diagnostics };
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) diagnostics.push(toDiagnostic(schema, issue, data, file, locate));
  }
  diagnostics.push(...unknownFieldWarnings(schema, data as Record<string, unknown>, file, locate));
  return { value: result.success ? result.data : undefined, diagnostics };
}

function toDiagnostic(
  schema: z.ZodObject,
  issue: z.core.$ZodIssue,
  data: unknown,
  file: string,
  locate: LineLocator,
): Diagnostic {
  const path = issue.path as FieldPath;
  const field = path.map(String).join('.');
  const label = fieldLabel(schema, path) ?? String(path.at(-1) ?? '');
  const missing = issue.code === 'invalid_type' && valueAt(data, path) === undefined;
  if (missing) {
    const parent = path.slice(0, -1).map(String).join('.');
    return {
      severity: 'error',
      file,
      line: locate(path),
      field,
      message: `缺少必填字段 ${field}（${label}）`,
      hint: parent ? `在 ${parent} 下加一行“${String(path.at(-1))}: …”` : `在字段区加一行“${field}: …”`,
    };
  }
  if (issue.code === 'invalid_key') {
    // A bad key of a record (a publication's key): the key's own rule says what is wrong.
    return { severity: 'error', file, line: locate(path), field, message: `字段 ${field}：${issue.issues[0]?.message ?? issue.message}` };
  }
  const actual = valueAt(data, path);
  const shown = actual === undefined || typeof actual === 'object' ? '' : `，现为“${String(actual)}”`;
  return {
    severity: 'error',
    file,
    line: locate(path),
    field,
    message: `字段 ${field}：${issue.message}${shown}`,
  };
}

function unknownFieldWarnings(
  schema: z.ZodObject,
  data: Record<string, unknown>,
  file: string,
  locate: LineLocator,
): Diagnostic[] {
  const known = knownKeys(schema);
  return Object.keys(data)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const guess = closest(key, known);
      return {
        severity: 'warning' as const,
        file,
        line: locate([key]),
        field: key,
        message: `未知字段 ${key}，将被忽略`,
        hint: guess ? `是否应为 ${guess}？` : `可用的字段：${known.join('、')}`,
      };
    });
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let node: unknown = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** The known key within edit distance 2 of `key`, if any: the likely intended spelling. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      // Transposition-free Levenshtein; a swapped pair (titel) costs 2, within the limit.
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
