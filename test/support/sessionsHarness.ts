// Builds the sessions screen's harness page (test/dom/sessionsHarness.tsx) with Vite into a temporary folder, for
// the web host to serve: used by the sessions e2e tests and the renderer benchmark.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '../..');

export async function buildSessionsHarness(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'chatdesk-sessions-harness-'));
  // A production build (React's and AG Grid's fast paths) even under vitest, whose NODE_ENV is 'test'.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: false,
      mode: 'production',
      root,
      logLevel: 'warn',
      plugins: [react()],
      resolve: { alias: { '@shared': resolve(root, 'src/shared') } },
      build: {
        outDir,
        emptyOutDir: true,
        minify: process.env.CHATDESK_HARNESS_MINIFY !== '0',
        chunkSizeWarningLimit: 10_000,
        rollupOptions: {
          input: resolve(root, 'test/dom/sessionsHarness.tsx'),
          output: { entryFileNames: 'harness.js', assetFileNames: '[name][extname]', chunkFileNames: '[name].js' },
        },
      },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const css = readdirSync(outDir).filter((f) => f.endsWith('.css'));
  writeFileSync(
    join(outDir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chat Desk</title>${css
      .map((f) => `<link rel="stylesheet" href="/${f}">`)
      .join('')}</head><body><div id="root"></div><script type="module" src="/harness.js"></script></body></html>`,
  );
  return outDir;
}
