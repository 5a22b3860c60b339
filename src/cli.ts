/**
 * The `bulletin` command: parses the command line (commander) and maps what the commands
 * throw to exit codes. Problems in the editor's files are printed as `path:line: message`
 * in Chinese, without a stack trace unless --debug is given.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { rootOf, rootOption, type CommandRegistry } from './commands/cli-common.ts';
import { reportDiagnostics } from './commands/report.ts';
import { UsageError } from './commands/usage-error.ts';
import { InputError } from './diagnostics/diagnostic.ts';
import { ExitCode } from './diagnostics/exit-codes.ts';
import { EnvironmentError } from './print/with-browser.ts';
import { VERSION } from './version.ts';
import { commandName } from '../scripts/command-name.js';

const COMMANDER_MESSAGES: Record<string, string> = {
  'commander.unknownOption': '未知的选项',
  'commander.unknownCommand': '未知的命令',
  'commander.missingArgument': '缺少必需的参数',
  'commander.optionMissingArgument': '选项缺少取值',
  'commander.excessArguments': '参数过多',
  'commander.invalidArgument': '参数取值无效',
  'commander.missingMandatoryOptionValue': '缺少必需的选项',
};

/**
 * Commands whose modules register themselves. Their modules (and what they pull in: the
 * Markdown processor, pdf-lib, Chromium's driver) load only when the command is run, or for
 * the overall --help: loading all of them costs most of a second on every invocation.
 */
const MODULE_COMMANDS: Record<string, () => Promise<(registry: CommandRegistry) => void>> = {
  print: async () => (await import('./commands/print.ts')).registerPrintCommand,
  stats: async () => (await import('./commands/stats.ts')).registerStatsCommand,
  preview: async () => (await import('./commands/preview.ts')).registerPreviewCommand,
};

async function registerModuleCommands(program: Command, setExitCode: (code: number) => void, argv: string[]): Promise<void> {
  const named = commandName(argv);
  const listing = named === 'help' || (named === undefined && !argv.some((a) => a === '-V' || a === '--version'));
  const wanted = named && named in MODULE_COMMANDS ? [named] : listing ? Object.keys(MODULE_COMMANDS) : [];
  for (const name of wanted) (await MODULE_COMMANDS[name]!())({ program, setExitCode });
}

export function createProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('bulletin')
    .description('把 Markdown 信息稿件编排成符合 GB/T 9704 的简报 PDF')
    .version(VERSION, '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .addOption(rootOption())
    .option('--debug', '出错时显示程序调用栈（供开发者排查）')
    .showHelpAfterError('（用 --help 查看用法）')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(translateCommander(s)) });
  program.helpCommand('help [command]', '显示某个命令的帮助');

  program
    .command('build')
    .description('把期文件编排为 PDF；不指定期文件时编排 issues/ 下的全部期文件。逐行输出写出的 PDF 路径')
    .argument('[issue...]', '期文件路径，如 issues/2026/special-report-2026-007.md')
    .option('--out <dir>', '输出目录（默认为工作区的 dist/）')
    .option('-o, --output <file>', '只编排一期，写到这个 PDF 文件')
    .option('--no-preflight', '不对写出的 PDF 做印前检查')
    .option('-f, --force', '全部重新编排，不跳过未变化的期')
    .option('--timeout <seconds>', '每期在浏览器中排版的最长时间，超时即放弃该期并重启浏览器', parsePositive, 60)
    .addOption(rootOption())
    .helpOption('-h, --help', '显示帮助')
    .action(async (issues: string[], opts: { out?: string; output?: string; preflight: boolean; timeout: number; force?: boolean }, command: Command) => {
      setExitCode(
        await (await import('./commands/build.ts')).buildCommand({ root: rootOf(command), issues, outDir: opts.out, output: opts.output, preflight: opts.preflight, timeoutSeconds: opts.timeout, force: opts.force }),
      );
    });

  program
    .command('new')
    .description('生成某刊物的下一期期文件（自动编期号），输出新文件的路径')
    .argument('<publication>', '刊物代号，即 bulletin.config.yml 中 publications 下的名称，如 special-report')
    .argument('[items...]', '采用的信息文件；或一个文件夹，取其中尚未采用的信息，按文件名排序')
    .option('--date <YYYY-MM-DD>', '出刊日期（默认今天）')
    .addOption(rootOption())
    .helpOption('-h, --help', '显示帮助')
    .action(async (publication: string, items: string[], opts: { date?: string }, command: Command) => {
      process.stdout.write(`${await (await import('./commands/new-issue.ts')).newIssueCommand({ root: rootOf(command), publication, items, date: opts.date })}\n`);
      setExitCode(ExitCode.ok);
    });

  program
    .command('check')
    .description('检查整个工作区：配置、信息、期文件、期号；逐条输出“路径:行号: 问题”，有错误时退出码为 1')
    .option('--strict', '把警告也当作错误')
    .addOption(rootOption())
    .helpOption('-h, --help', '显示帮助')
    .action(async (opts: { strict?: boolean }, command: Command) => {
      setExitCode(await (await import('./commands/check.ts')).checkCommand({ root: rootOf(command), strict: opts.strict }));
    });

  program
    .command('fonts')
    .description('列出每种字体角色（仿宋、楷体、黑体、小标宋、宋体）实际使用的字体及原因')
    .addOption(rootOption())
    .helpOption('-h, --help', '显示帮助')
    .action(async (_opts: unknown, command: Command) => {
      setExitCode(await (await import('./commands/fonts.ts')).fontsCommand(rootOf(command)));
    });

  program
    .command('archive')
    .description('归档一期：检查、编排，把期文件、所用信息和图片及归档记录（模板、字体、PDF 的 SHA-256）提交为一个 git 提交并打标签')
    .argument('<issue>', '期文件路径')
    .option('--correct <reason>', '已归档的期确需更正时，写明更正理由，另行归档为新版本')
    .addOption(rootOption())
    .helpOption('-h, --help', '显示帮助')
    .action(async (issue: string, opts: { correct?: string }, command: Command) => {
      setExitCode(await (await import('./commands/archive.ts')).archiveCommand({ root: rootOf(command), issue, correction: opts.correct }));
    });

  program
    .command('verify')
    .description('按归档时的内容重新编排每一期已归档的期，核对 PDF 是否与归档时逐字节一致，并说明不一致的原因；有不一致时退出码为 5')
    .addOption(rootOption())
    .helpOption('-h, --help', '显示帮助')
    .action(async (_opts: unknown, command: Command) => {
      setExitCode(await (await import('./commands/verify.ts')).verifyCommand(rootOf(command)));
    });

  program
    .command('list')
    .description('列出各期：期号、总期号、日期、采用条数、是否归档，以及每种刊物全年编发期数')
    .option('--publication <key>', '只列这种刊物，如 special-report')
    .option('--year <YYYY>', '只列这一年')
    .addOption(rootOption())
    .helpOption('-h, --help', '显示帮助')
    .action(async (opts: { publication?: string; year?: string }, command: Command) => {
      setExitCode(await (await import('./commands/list.ts')).listCommand({ root: rootOf(command), publication: opts.publication, year: opts.year }));
    });

  program
    .command('preflight')
    .description('印前检查：页面是否为 A4、字体是否全部嵌入且无 Type 3、有无空框缺字、文字是否超出版心、页面是否被缩小印出、每页是否有页码；有问题时退出码为 4')
    .argument('<pdf...>', 'PDF 文件')
    .helpOption('-h, --help', '显示帮助')
    .action(async (files: string[]) => {
      setExitCode(await (await import('./commands/preflight.ts')).preflightCommand(files));
    });

  return program;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('应为正数');
  return n;
}

function translateCommander(text: string): string {
  return text
    .replace(/^error: unknown option '(.+)'/m, '错误：未知的选项“$1”')
    .replace(/^error: unknown command '(.+)'/m, '错误：未知的命令“$1”')
    .replace(/^error: missing required argument '(.+)'/m, '错误：缺少必需的参数“$1”')
    .replace(/^error: option '(.+)' argument missing/m, '错误：选项“$1”缺少取值')
    .replace(/^error: too many arguments.*/m, '错误：参数过多')
    .replace(/^error: option '(.+)' argument '(.*)' is invalid\.(.*)$/m, '错误：选项“$1”的取值“$2”无效$3');
}

/** Runs the CLI and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = createProgram((code) => (exitCode = code));
  const debug = argv.includes('--debug');
  try {
    await registerModuleCommands(program, (code) => (exitCode = code), argv);
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return ExitCode.ok;
      if (!COMMANDER_MESSAGES[error.code]) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      return ExitCode.usage;
    }
    if (error instanceof InputError) {
      reportDiagnostics(error.diagnostics);
      return ExitCode.invalidInput;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`错误：${error.message}\n`);
      return ExitCode.usage;
    }
    if (error instanceof EnvironmentError) {
      process.stderr.write(`错误：${error.message}\n`);
      return ExitCode.environment;
    }
    process.stderr.write(`内部错误：${(error as Error).message}\n`);
    if (debug) process.stderr.write(`${(error as Error).stack}\n`);
    else process.stderr.write('（加 --debug 可查看详细信息）\n');
    return ExitCode.environment;
  }
}
