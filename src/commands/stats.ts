/**
 * `bulletin stats`: the adoption statistics (采用情况统计) of a year or a quarter, per
 * reporting unit and per author, as a terminal table, CSV, JSON, or the printed quarterly
 * notice (采用情况通报). The counting rules are in src/stats/collect-adoptions.ts.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { reportDiagnostics } from './report.ts';
import { rootOf, rootOption, type CommandRegistry } from './cli-common.ts';
import { UsageError } from './usage-error.ts';
import { ExitCode } from '../diagnostics/exit-codes.ts';
import { buildNotice } from '../stats/build-notice.ts';
import { collectAdoptions, type AdoptionStats } from '../stats/collect-adoptions.ts';
import { formatCsv } from '../stats/format-csv.ts';
import { formatJson } from '../stats/format-json.ts';
import { formatTable } from '../stats/format-table.ts';
import { workspacePaths } from '../load/workspace-paths.ts';
import { loadAdoptionData } from '../stats/load-adoption-data.ts';
import { statsPeriod, type StatsPeriod } from '../stats/stats-period.ts';
import { isRealDate } from '../validate/schema.ts';
import { openWorkspace } from '../workspace.ts';
import { writeFileAtomic } from '../write/write-file-atomic.ts';

const FORMATS = ['table', 'csv', 'json', 'pdf'] as const;
export type StatsFormat = (typeof FORMATS)[number];

const TEXT_FORMATS: Record<Exclude<StatsFormat, 'pdf'>, (stats: AdoptionStats) => string> = {
  table: formatTable,
  csv: formatCsv,
  json: formatJson,
};

/** The command line's options, as commander gives them: strings, checked here. */
export interface StatsOptions {
  root: string;
  year?: string;
  quarter?: string;
  format?: string;
  output?: string;
  /** 落款 date of the pdf notice. */
  date?: string;
  /** Today, YYYY-MM-DD: the default year and notice date (a parameter so tests fix it). */
  today?: string;
}

/**
 * Runs `bulletin stats`. Text formats go to stdout, or with -o to that file; the pdf goes to
 * -o or dist/stats/<year>[-Q<q>].pdf. The path of a file written is printed. A failure leaves
 * nothing at the output path, neither a partial file nor a stale one that would pass for it.
 */
export async function statsCommand(options: StatsOptions): Promise<number> {
  const today = options.today ?? localToday();
  const period = periodOf(options.year, options.quarter, today);
  const format = formatOf(options.format);
  if (options.date !== undefined && format !== 'pdf') throw new UsageError('--date 是通报的落款日期，只用于 --format pdf');
  const date = options.date ?? today;
  if (!isRealDate(date)) throw new UsageError(`--date 应为 YYYY-MM-DD 格式的真实日期，如 2026-10-08，现为“${date}”`);
  const paths = workspacePaths(options.root);
  const output = options.output
    ? path.resolve(options.output)
    : format === 'pdf'
      ? path.join(paths.dist, 'stats', `${period.year}${period.quarter ? `-Q${period.quarter}` : ''}.pdf`)
      : undefined;

  try {
    const workspace = await openWorkspace(paths.root);
    const data = await loadAdoptionData(workspace);
    reportDiagnostics([...workspace.warnings, ...data.warnings]);
    const stats = collectAdoptions({
      items: data.items,
      issues: data.issues,
      publications: [...workspace.config.publications.values()].map((p) => ({ key: p.key, name: p.name, points: p.points })),
      instructionPoints: workspace.config.instructionPoints,
      period,
    });
    if (format === 'pdf') await buildNotice(workspace, stats, { output: output!, date });
    else if (output) await writeFileAtomic(output, TEXT_FORMATS[format](stats));
    else process.stdout.write(TEXT_FORMATS[format](stats));
  } catch (error) {
    if (output) await rm(output, { force: true });
    throw error;
  }
  if (output) process.stdout.write(`${output}\n`);
  return ExitCode.ok;
}

/** Registers `bulletin stats` on the program. */
export function registerStatsCommand({ program, setExitCode }: CommandRegistry): void {
  program
    .command('stats')
    .description('统计各报送单位和信息员的信息报送、采用、采用率和积分，按积分排名；可输出表格、CSV、JSON 或采用情况通报 PDF')
    .option('--year <YYYY>', '统计年度（默认今年）')
    .option('--quarter <1-4>', '统计季度，1～4（默认全年）')
    .option('--format <format>', '输出格式：table（终端表格，默认）、csv、json、pdf（采用情况通报）')
    .option('-o, --output <file>', '写到这个文件而不是屏幕；pdf 默认写到 dist/stats/<年度>[-Q<季度>].pdf')
    .option('--date <YYYY-MM-DD>', '通报的落款日期（仅用于 pdf，默认今天）')
    .addOption(rootOption())
    .helpOption('-h, --help', '显示帮助')
    .action(async (opts: Omit<StatsOptions, 'root' | 'today'>, command: Command) => {
      setExitCode(await statsCommand({ ...opts, root: rootOf(command) }));
    });
}

function periodOf(year: string | undefined, quarter: string | undefined, today: string): StatsPeriod {
  if (year !== undefined && !/^[1-9]\d{3}$/.test(year)) throw new UsageError(`--year 应为四位数的年份，如 2026，现为“${year}”`);
  if (quarter !== undefined && !/^[1-4]$/.test(quarter)) throw new UsageError(`--quarter 应为季度 1、2、3 或 4，现为“${quarter}”`);
  return statsPeriod(Number(year ?? today.slice(0, 4)), quarter === undefined ? undefined : Number(quarter));
}

function formatOf(format: string | undefined): StatsFormat {
  const value = format ?? 'table';
  if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`--format 应为 table、csv、json 或 pdf，现为“${value}”`);
  return value as StatsFormat;
}

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
