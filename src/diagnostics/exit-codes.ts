/** Process exit codes, documented in the README. */
export const ExitCode = {
  ok: 0,
  /** The workspace has invalid input (an item, issue or config file). */
  invalidInput: 1,
  /** The command line itself is wrong. */
  usage: 2,
  /** The environment failed: Chromium missing or crashed, a font unavailable, a disk error. */
  environment: 3,
  /** A built PDF failed its preflight check. */
  preflight: 4,
  /** `bulletin verify`: an archived issue no longer rebuilds to the archived PDF. */
  verifyMismatch: 5,
} as const;
