import { defineConfig } from 'vitest/config';

// Tests come in tiers by cost (see CONTRIBUTING.md):
// - unit: pure code, colocated as src/**/*.test.ts
// - integration: the real HTTP app on a real database (SQLite, or PostgreSQL when DATABASE_URL is set)
// - e2e: a real Chromium against a real server
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          environment: 'node',
          setupFiles: ['test/setup/fast-check.ts'],
          // Property tests run thousands of cases; a slow or shared machine must not fail them. A timeout
          // here only catches a hang: speed is measured in `npm run bench`, never asserted in tests.
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // Each file makes its own database and app, so files need no module isolation; importing the
          // app once per worker instead of once per file more than halves the run.
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // Each file has its own server, database and browser, so two files run side by side.
          isolate: false,
          maxWorkers: 2,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
