import { defineConfig } from 'vitest/config';

// One config for the whole repository. Unit, server and e2e tests all run in `npm test`;
// e2e tests start their own server and Chromium, so they get a longer timeout.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
  },
});
