// Run before every test file (vitest.config.ts, setupFiles): the temporary folders the file
// made through tempDir are removed once it has run, so that runs do not pile them up in /tmp.
import { rm } from 'node:fs/promises';
import { afterAll } from 'vitest';
import { madeTempDirs } from './workspace.ts';

afterAll(async () => {
  await Promise.all(madeTempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
