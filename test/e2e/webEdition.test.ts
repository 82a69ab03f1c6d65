// The web edition as a person opens it: the built renderer served by the web host, the bridge over a WebSocket to
// the desk core, in Chromium.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../src/main/core/deskCore.ts';
import { startWebHost, type WebHost } from '../../src/main/web/webHost.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { builtRendererDir } from '../support/webApp.ts';

describe('web edition bridge', () => {
  let core: DeskCore;
  let host: WebHost;
  let browser: Browser;

  beforeAll(async () => {
    const rendererDir = builtRendererDir();
    core = await createDeskCore({
      edition: 'web',
      dataDir: mkdtempSync(join(tmpdir(), 'chatdesk-desk-')),
      version: '0.0.0-test',
      validateOutput: true,
    });
    host = await startWebHost({ core: core.endpoint, rendererDir });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await core?.close();
  });

  it('shows the app frame with the answer of the example call coming back from the core', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    const info = page.getByTestId('app-info');
    await expect.poll(() => info.textContent(), { timeout: 10_000 }).toContain('web edition');
    expect(await info.textContent()).toContain('0.0.0-test');
    // The secret leaves the address bar once the page has it.
    expect(page.url()).not.toContain('secret=');
    const shot = await screenshot(page, 'foundation-web-edition');
    expect(statSync(shot).size).toBeGreaterThan(1000);
    await page.close();
  });

  it('refuses a bridge socket without the secret', async () => {
    const page = await browser.newPage();
    await page.goto(host.origin);
    const outcome = await page.evaluate(
      (origin) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(`${origin.replace('http', 'ws')}/bridge?secret=wrong`);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        }),
      host.origin,
    );
    expect(outcome).toBe('refused');
    await page.close();
  });
});
