import { resolveFonts } from '../fonts/resolve-fonts.ts';
import { ExitCode } from '../diagnostics/exit-codes.ts';
import { workspacePaths } from '../load/workspace-paths.ts';

const SOURCE_LABEL = { system: '本机正式字体', workspace: '工作区 fonts/', substitute: '开源替代' } as const;

/** `bulletin fonts`: which face serves each role, from where, and why. Converts and caches CFF faces. */
export async function fontsCommand(root: string): Promise<number> {
  const set = await resolveFonts({ workspaceFonts: workspacePaths(root).fonts });
  for (const c of set.choices) {
    process.stdout.write(`${c.label}：${c.name}［${SOURCE_LABEL[c.source]}］\n    ${c.reason}\n    ${c.file ?? '（npm 包 @fontsource/noto-serif-sc）'}\n`);
  }
  for (const m of set.missing) process.stdout.write(`${m.label}：缺失！请运行 npm start 安装开源替代字体\n`);
  return set.missing.length > 0 ? ExitCode.environment : ExitCode.ok;
}
