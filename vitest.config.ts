import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** `@shared/…` is src/shared, as in tsconfig.web.json and electron.vite.config.ts (the interface imports it so). */
const alias = { '@shared': resolve(import.meta.dirname, 'src/shared') };

// One command runs every project: `node` (unit + integration against real PGlite/PostgreSQL/SQLite),
// `dom` (React components in happy-dom), `fuzz` (bad input to the backend and the bridge), `e2e` (the web edition in
// Debian's Chromium).
export default defineConfig({
  plugins: [react()],
  test: {
    reporters: ['default', './test/support/summaryReporter.ts'],
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['test/dom/**/*.test.{ts,tsx}'],
          setupFiles: ['test/dom/setup.ts'],
        },
      },
      {
        // Property-based bad input against one real backend and desk core (issue 12); `npm run bench -- --only fuzz`
        // runs it larger.
        test: {
          name: 'fuzz',
          environment: 'node',
          include: ['test/fuzz/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 180_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
