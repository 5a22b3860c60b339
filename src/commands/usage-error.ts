/** The command line itself is wrong (exit code 2). The message is in Chinese. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
