/** Runs a task on request, never twice at once; see debouncedRunner. */
export interface DebouncedRunner {
  /** Asks for a run once `delayMs` have passed without another request. */
  schedule(): void;
  /** Asks for a run now (still never overlapping a run in progress). */
  runNow(): void;
  /** Drops pending requests and resolves when a run in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Coalesces requests to run `task`. An editor's save often arrives as several file events
 * (write, rename, a second file), so requests within `delayMs` of each other make one run.
 * A request while a run is in progress makes exactly one more run after it: the result on
 * screen is always from files at least as new as the last save. A run that fails goes to
 * `onError` and does not stop later runs.
 */
export function debouncedRunner(task: () => Promise<void>, delayMs: number, onError: (error: unknown) => void): DebouncedRunner {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const start = () => {
    timer = undefined;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await task().catch(onError);
      } while (again && !stopped);
    })().finally(() => (running = undefined));
  };

  return {
    schedule() {
      if (stopped) return;
      clearTimeout(timer);
      timer = setTimeout(start, delayMs);
    },
    runNow() {
      clearTimeout(timer);
      start();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
