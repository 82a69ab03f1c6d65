// Export in the web edition, in Chromium (F8, D6 in a browser): the Export menu over the real bridge and core
// (demo backend on PGlite), the export written by the core's worker into the desk's exports folder, the finished
// file downloaded by the browser from the web host (with its secret), then read back and compared with the cache.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHost } from '../../src/main/web/webHost.ts';
import { cacheSessions, readCsv, readXlsx } from '../integration/export/exportFiles.ts';
import { screenshot } from '../support/browser.ts';
import type { TestDesk } from '../support/desk.ts';
import { startWebApp, type WebApp } from '../support/webApp.ts';

const root = resolve(import.meta.dirname, '../..');

async function buildHarness(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'chatdesk-export-harness-'));
  await build({
    configFile: false,
    mode: 'production',
    root,
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      chunkSizeWarningLimit: 10_000,
      rollupOptions: {
        input: resolve(root, 'test/dom/exportHarness.tsx'),
        output: { entryFileNames: 'harness.js', assetFileNames: '[name][extname]', chunkFileNames: '[name].js' },
      },
    },
  });
  const css = readdirSync(outDir).filter((f) => f.endsWith('.css'));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    join(outDir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>Chat Desk</title>${css
      .map((f) => `<link rel="stylesheet" href="/${f}">`)
      .join('')}</head><body><div id="root"></div><script type="module" src="/harness.js"></script></body></html>`,
  );
  return outDir;
}

describe('export in the web edition (Chromium)', () => {
  let app: WebApp;
  let desk: TestDesk;
  let host: WebHost;
  let harness: string;
  let page: Page;
  let downloads: string;

  beforeAll(async () => {
    harness = await buildHarness();
    app = await startWebApp({
      rendererDir: harness,
      exportsDir: true,
      viewport: { width: 1000, height: 640 },
      acceptDownloads: true,
      timeoutMs: 15_000,
      open: false,
    });
    ({ desk, host, page } = app);
    downloads = mkdtempSync(join(tmpdir(), 'chatdesk-downloads-'));
  });

  afterAll(async () => {
    await app?.close();
    for (const dir of [harness, downloads]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exports all matching sessions to XLSX and the browser downloads the file, every cell as in the cache', async () => {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: 'CSV' }).waitFor({ state: 'visible' });
    await page.waitForTimeout(300); // the dropdown's fade-in
    await screenshot(page, 'export-menu-open');
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Excel (XLSX)' }).click();
    const file = await download;
    const saved = join(downloads, file.suggestedFilename());
    await file.saveAs(saved);
    expect(file.suggestedFilename()).toMatch(/^chat-sessions-\d{8}-\d{6}\.xlsx$/);
    const status = page.getByTestId('export-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('done');
    const expected = await cacheSessions(desk, {}, 'lastMessageAt', 'desc');
    expect(await status.textContent()).toContain(`Sessions exported: ${expected.length.toLocaleString('en')}`);
    expect(await page.getByRole('link', { name: 'Download' }).count()).toBe(1);
    await page.waitForTimeout(400); // the notification's slide-in
    await screenshot(page, 'export-done-web');

    const xlsx = await readXlsx(saved);
    expect(xlsx.rightToLeft).toBe(false);
    expect(xlsx.rows).toHaveLength(expected.length);
    expect(xlsx.rows.map((r) => [r[0], r[3], (r[5] as Date).toISOString()])).toEqual(
      expected.map((s) => [s.product.name, s.messagesCount, new Date(s.lastMessageAt).toISOString()]),
    );
  });

  it('in Arabic, exports the checked rows to CSV with Arabic headers', async () => {
    const some = (await cacheSessions(desk, {}, 'lastMessageAt', 'desc')).slice(0, 5);
    await page.goto(`${host.origin}/?lang=ar&ids=${some.map((s) => s.id).join(',')}`);
    await page.getByRole('button', { name: 'تصدير' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'CSV' }).click();
    const file = await download;
    const saved = join(downloads, file.suggestedFilename());
    await file.saveAs(saved);
    await expect.poll(() => page.getByTestId('export-status').getAttribute('data-state')).toBe('done');
    expect(await page.getByTestId('export-status').textContent()).toContain('الجلسات المصدّرة');
    await page.waitForTimeout(400); // the notification's slide-in
    await screenshot(page, 'export-done-web-ar');
    const csv = readCsv(saved);
    expect(csv.bom).toBe(true);
    expect(csv.records[0]?.[0]).toBe('المنتج');
    expect(csv.records.slice(1).map((r) => r[0])).toEqual(some.map((s) => s.product.name));
  });
});
