/**
 * The one description of every file the editor writes: bulletin.config.yml, items and issues.
 * Each schema stands beside its inferred type; each field carries its Chinese label (used in
 * messages) and, where a plain type is not enough, the Chinese wording of what is expected.
 */
import { z } from 'zod';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as YYYY-MM-DD (2026-02-30 is not one). */
export function isRealDate(text: string): boolean {
  const m = DATE_PATTERN.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const text = (label: string) =>
  z
    .string({ error: `${label}应为一段文字` })
    .trim()
    .min(1, { error: `${label}不能为空` })
    .meta({ label });

const dateField = (label: string) =>
  z
    .string({ error: `${label}应为 YYYY-MM-DD 格式的日期，如 2026-11-18` })
    .regex(DATE_PATTERN, { error: `${label}应为 YYYY-MM-DD 格式的日期，如 2026-11-18`, abort: true })
    .refine(isRealDate, { error: `${label}不是日历上存在的日期` })
    .meta({ label });

const positiveInt = (label: string) =>
  z
    .number({ error: `${label}应为正整数，如 7` })
    .int({ error: `${label}应为正整数，如 7` })
    .positive({ error: `${label}应为正整数，如 7` })
    .meta({ label });

/** 报尾: `报/送/发` lines; order is kept as written. */
const distribution = z
  .record(z.string(), text('分发范围'), { error: '分发范围（distribution）应写成“报: …”“送: …”“发: …”几行' })
  .meta({ label: '分发范围' });

export const PublicationSchema = z.object({
  name: text('刊物名称'),
  template: z
    .string({ error: '模板名（template）应为一个名称，如 special-report 或 work-dynamics' })
    .regex(/^[a-z0-9][a-z0-9-]*$/, { error: '模板名（template）只能由小写字母、数字和连字符组成，如 work-dynamics' })
    .meta({ label: '模板' }),
  copies: positiveInt('印数').optional(),
  distribution: distribution.optional(),
  points: z
    .number({ error: '采用积分（points）应为数字，如 5' })
    .nonnegative({ error: '采用积分（points）不能为负数' })
    .optional()
    .meta({ label: '采用积分' }),
  unit_position: z
    .enum(['title', 'end'], { error: '报送单位位置（unit_position）应为 title（标题下）或 end（正文后）' })
    .optional()
    .meta({ label: '报送单位位置' }),
});
export type PublicationConfig = z.infer<typeof PublicationSchema>;

export const ConfigSchema = z.object({
  organization: text('编印单位'),
  publications: z
    .record(
      z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: '刊物代号只能由小写字母、数字和连字符组成，如 special-report' }),
      PublicationSchema,
      { error: (issue) => (issue.code === 'invalid_type' ? '刊物（publications）应列出至少一种刊物，每种写明 name 和 template' : undefined) },
    )
    .refine((p) => Object.keys(p).length > 0, { error: '刊物（publications）至少要有一种' })
    .meta({ label: '刊物' }),
  instruction_points: z
    .number({ error: '批示加分（instruction_points）应为数字，如 3' })
    .nonnegative({ error: '批示加分（instruction_points）不能为负数' })
    .optional()
    .meta({ label: '批示加分' }),
});
export type Config = z.infer<typeof ConfigSchema>;

/** The item categories named in DOMAIN.md; another value is allowed but warned about. */
export const ITEM_CATEGORIES = ['工作动态', '经验做法', '问题反映', '调研信息', '建议', '紧急信息', '续报'] as const;

export const ItemSchema = z.object({
  title: text('标题'),
  unit: text('报送单位'),
  date: dateField('报送日期'),
  authors: z
    .union([text('信息员'), z.array(text('信息员'))], { error: '信息员（authors）应为姓名列表，如 [周立新, 王芳]' })
    .transform((a) => (Array.isArray(a) ? a : [a]))
    .optional()
    .meta({ label: '信息员' }),
  category: text('类别').optional(),
  instructions: z
    .array(
      z.object({
        leader: text('批示领导'),
        date: dateField('批示日期'),
        text: text('批示内容').optional(),
      }),
      { error: '领导批示（instructions）应为列表，每条写明 leader（领导）和 date（日期）' },
    )
    .optional()
    .meta({ label: '领导批示' }),
});
export type ItemFrontMatter = z.infer<typeof ItemSchema>;

export const IssueSchema = z.object({
  publication: z
    .string({ error: '刊物（publication）应为 bulletin.config.yml 中 publications 下的一个代号' })
    .min(1)
    .meta({ label: '刊物' }),
  number: positiveInt('期号'),
  total: positiveInt('总期号').optional(),
  date: dateField('出刊日期'),
  editor: text('责任编辑').optional(),
  approver: text('签发人').optional(),
  classification: text('密级或标注').optional(),
  items: z
    .array(
      z.string({ error: '采用的信息应写成相对工作区的路径，如 items/2026/11/a.md' }).min(1).meta({ label: '信息路径' }),
      { error: '采用的信息（items）应为路径列表，每行“- items/…/xxx.md”' },
    )
    .min(1, { error: '采用的信息（items）至少要有一条' })
    .meta({ label: '采用的信息' }),
  distribution: distribution.optional(),
  copies: positiveInt('印数').optional(),
});
export type IssueFrontMatter = z.infer<typeof IssueSchema>;

/** The keys a schema knows, for the unknown-field warning. */
export function knownKeys(schema: z.ZodObject): string[] {
  return Object.keys(schema.shape);
}

/** The Chinese label of the field at `path` (objects, records, lists walked), for messages. */
export function fieldLabel(schema: z.ZodType, path: readonly PropertyKey[]): string | undefined {
  let node: z.ZodType | undefined = schema;
  let label: string | undefined;
  for (const segment of path) {
    node = unwrap(node);
    if (node instanceof z.ZodObject) node = (node.shape as Record<string, z.ZodType>)[String(segment)];
    else if (node instanceof z.ZodRecord) node = node.valueType as z.ZodType;
    else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
    else return label;
    if (!node) return label;
    label = (node.meta() as { label?: string } | undefined)?.label ?? label;
  }
  return label;
}

function unwrap(node: z.ZodType): z.ZodType {
  let current = node;
  for (;;) {
    if (current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodPipe) current = current.in as z.ZodType;
    else return current;
  }
}
