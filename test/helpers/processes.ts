// Looking at processes from a test: whether one is alive, its command line, and the
// temporary profile a Chromium was started with.
import { readFileSync } from 'node:fs';

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The process's arguments joined by NUL ('' once it is gone). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return ''; // gone already
  }
}

/** The --user-data-dir a Chromium process was started with. */
export function chromiumProfile(pid: number): string {
  const flag = commandLine(pid).split('\0').find((a) => a.startsWith('--user-data-dir='));
  if (!flag) throw new Error(`process ${pid} is not a Chromium with a profile`);
  return flag.slice('--user-data-dir='.length);
}
