// The sessions screen (F2–F9, B5–B7) end to end on the web edition: the demo backend on PGlite, the real desk core
// signed in as the demo admin, the web host and its WebSocket bridge, Chromium. The page is this feature's harness
// frame (test/dom/sessionsHarness.tsx) until the app frame lands.
import { rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../src/main/web/webHost.ts';
import { startTestBackend, type TestBackend } from '../support/backend.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { startDeskCore, type TestDesk } from '../support/desk.ts';
import { buildSessionsHarness } from '../support/sessionsHarness.ts';

let harnessDir: string;
beforeAll(async () => {
  harnessDir = await buildSessionsHarness();
});
afterAll(() => {
  if (harnessDir) rmSync(harnessDir, { recursive: true, force: true });
});

describe.each(['en', 'ar'] as const)('the sessions screen in %s', (lang) => {
  let backend: TestBackend;
  let desk: TestDesk;
  let host: WebHost;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    backend = await startTestBackend();
    desk = await startDeskCore({ backendUrl: backend.url });
    host = await startWebHost({ core: desk.core.endpoint, rendererDir: harnessDir });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1500, height: 900 }, locale: lang });
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('pageerror', e.message));
    page.on('console', (m) => m.type() === 'error' && console.error('console', m.text()));
    const url = new URL(host.url);
    url.search = `?lang=${lang}`;
    await page.goto(url.toString());
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await host?.close();
    await desk?.close();
    await backend?.close();
  });

  it('lists the sessions', async () => {
    await expect.poll(() => page.locator('.ag-row[row-id]').count(), { timeout: 15_000 }).toBeGreaterThan(5);
    await screenshot(page, `sessions-${lang}-list`);
  });
});
