// Every screen of the sidebar in English and Arabic, light and dark (issue 17, B5, B11), on the web edition in
// Chromium: each opens, names every control, and follows the color scheme (Mantine's and AG Grid's); each leaves a
// screenshot under test-results/screenshots (screens-<lang>-<scheme>-<screen>.png) to look at.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unnamedControls } from '../support/a11y.ts';
import { screenshot } from '../support/browser.ts';
import { startWebApp, type WebApp } from '../support/webApp.ts';

/**
 * The brightness (0 black – 255 white) of the first opaque background at and above an element: what a person sees
 * behind its text. Null when nothing up to the root paints one.
 */
const brightnessBehind = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((start) => {
      // Computed colours come in several notations (rgb(), color(srgb …), oklch()): a 1-pixel canvas reads any of them.
      const pixel = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
      if (!pixel) return null;
      for (let el: Element | null = start; el; el = el.parentElement) {
        pixel.clearRect(0, 0, 1, 1);
        pixel.fillStyle = getComputedStyle(el).backgroundColor;
        pixel.fillRect(0, 0, 1, 1);
        const [r = 0, g = 0, b = 0, alpha = 0] = pixel.getImageData(0, 0, 1, 1).data;
        if (alpha > 128) return 0.299 * r + 0.587 * g + 0.114 * b;
      }
      return null;
    });

describe.each(['en', 'ar'] as const)('every screen in %s, light and dark', (lang) => {
  let app: WebApp;
  let page: Page;

  beforeAll(async () => {
    app = await startWebApp({
      desk: { systemLocale: lang === 'ar' ? 'ar-SA' : 'en-US' },
      viewport: { width: 1440, height: 900 },
      locale: lang,
    });
    page = app.page;
    await page.getByTestId('frame').waitFor({ timeout: 30_000 });
    await app.desk.settled(60_000);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it.each(['light', 'dark'] as const)(
    '%s: each sidebar section opens, names its controls, follows the scheme',
    async (scheme) => {
      await page.emulateMedia({ colorScheme: scheme });
      await expect
        .poll(() => page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme')))
        .toBe(scheme);
      const sections = await page.locator('[data-testid="sidebar"] [data-testid^="nav-"]').evaluateAll((links) =>
        links
          .map((link) => link.getAttribute('data-testid') as string)
          // the group's own toggle and the badges are not sections
          .filter((id) => id !== 'nav-user-management' && !id.endsWith('-badge')),
      );
      expect(sections.length).toBeGreaterThanOrEqual(7);
      const seen: string[] = [];
      for (const id of sections) {
        const before = await page.getByTestId('route').getAttribute('data-route');
        await page.getByTestId(id).click();
        if (id !== 'nav-sessions' || before !== 'sessions') {
          await expect.poll(() => page.getByTestId('route').getAttribute('data-route')).not.toBe(before);
        }
        const route = (await page.getByTestId('route').getAttribute('data-route')) as string;
        seen.push(route);
        // The section's content is in (its first heading), then nothing unnamed and the scheme's background.
        await page.getByTestId('route').getByRole('heading').first().waitFor({ timeout: 10_000 });
        expect(await unnamedControls(page), `${route} in ${lang}, ${scheme}`).toEqual([]);
        const brightness = await brightnessBehind(page, '[data-testid="route"]');
        expect(brightness, route).not.toBeNull();
        if (scheme === 'dark') expect(brightness, route).toBeLessThan(80);
        else expect(brightness, route).toBeGreaterThan(200);
        await screenshot(page, `screens-${lang}-${scheme}-${route}`);
      }
      expect(new Set(seen).size).toBe(sections.length);
      // AG Grid follows too: the sessions table's header is drawn for the scheme.
      await page.getByTestId('nav-sessions').click();
      await page.locator('.ag-header').first().waitFor();
      const header = await brightnessBehind(page, '.ag-header-cell-text');
      expect(header).not.toBeNull();
      if (scheme === 'dark') expect(header).toBeLessThan(90);
      else expect(header).toBeGreaterThan(200);
    },
  );
});
