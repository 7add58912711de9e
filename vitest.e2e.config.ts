import { defineConfig } from 'vitest/config';

// Real-browser tests (test/e2e): Debian's Chromium driven by playwright-core with the built extension.
// Kept apart from vitest.config.ts so `npm run test:unit` never starts a browser.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    // One browser at a time: the machine has 2 cores and each Chromium uses several processes.
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
