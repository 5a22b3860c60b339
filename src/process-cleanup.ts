/**
 * One place that knows what to undo when the process is interrupted (Ctrl-C, SIGTERM): the
 * browser to kill, the temporary files to remove. Stages register a synchronous clean-up
 * while they hold something, and remove it when done; on a signal every clean-up runs and
 * the signal is raised again, so the process still ends the way its parent expects.
 */
type Cleanup = () => void;

const cleanups = new Set<Cleanup>();
let installed = false;

function onSignal(signal: NodeJS.Signals): void {
  for (const cleanup of [...cleanups]) {
    try {
      cleanup();
    } catch {
      /* keep cleaning up */
    }
  }
  cleanups.clear();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('SIGHUP', onSignal);
  process.kill(process.pid, signal);
}

/** Registers `cleanup` until the returned function is called. */
export function whileInterruptible(cleanup: Cleanup): () => void {
  if (!installed) {
    installed = true;
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
    process.on('exit', () => cleanups.forEach((c) => c()));
  }
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}
