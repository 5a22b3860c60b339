import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/cleanup.ts'],
    // End-to-end tests start real Chromium and print real PDFs.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
