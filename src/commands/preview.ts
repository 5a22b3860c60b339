import type { Command } from 'commander';
import { ExitCode } from '../diagnostics/exit-codes.ts';
import { startPreview } from '../preview/start-preview.ts';
import { rootOf, rootOption, type CommandRegistry } from './cli-common.ts';
import { UsageError } from './usage-error.ts';

/**
 * `bulletin preview ISSUE [--port N]`: serves a live preview of one issue on 127.0.0.1 and
 * prints its URL as the first line of stdout; runs until Ctrl-C (or SIGTERM), then cleans up
 * and exits 0.
 */
export function registerPreviewCommand({ program, setExitCode }: CommandRegistry): void {
  program
    .command('preview')
    .description('在本机实时预览一期：输出预览地址供浏览器打开，保存期文件、信息、图片、模板或配置后自动刷新；按 Ctrl+C 结束')
    .argument('<issue>', '期文件路径，如 issues/2026/special-report-2026-007.md')
    .option('--port <n>', '预览服务的端口（默认自动选择空闲端口）')
    .addOption(rootOption())
    .helpOption('-h, --help', '显示帮助')
    .action(async (issue: string, opts: { port?: string }, command: Command) => {
      const port = parsePort(opts.port);
      // Registered before the start and with on(), not once(): withBrowser re-raises the
      // signal after killing Chromium, and that second delivery must find a listener here
      // rather than end the process before the watcher, server and temporary files are gone.
      const stopping = new AbortController();
      const stop = () => stopping.abort();
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      try {
        const preview = await startPreview({
          root: rootOf(command),
          issue,
          port,
          log: (message) => process.stderr.write(`${message}\n`),
          signal: stopping.signal,
        });
        if (!stopping.signal.aborted) {
          process.stdout.write(`${preview.url}\n`);
          process.stderr.write('在浏览器中打开上面的地址预览；按 Ctrl+C 结束\n');
        }
        await preview.closed;
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
      setExitCode(ExitCode.ok);
    });
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port 须为 0 到 65535 之间的整数，现为“${text}”`);
  return port;
}
