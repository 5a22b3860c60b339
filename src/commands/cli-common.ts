import { Option, type Command } from 'commander';

/** `--root DIR`, accepted by the program and by every command (CONTRACT.md). */
export function rootOption(): Option {
  return new Option('--root <dir>', '工作区目录（默认为当前目录）');
}

/** --root may stand before the command or after its arguments. */
export function rootOf(command: Command): string {
  return (command.opts().root as string | undefined) ?? (command.parent?.opts().root as string | undefined) ?? process.cwd();
}

/** What a command module gets to register itself on the program. */
export interface CommandRegistry {
  program: Command;
  setExitCode: (code: number) => void;
}
