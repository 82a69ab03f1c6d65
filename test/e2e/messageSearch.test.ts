// "Search messages" (B2) as a person meets it on the web edition: the built renderer served by the web host, the
// real desk core signed in to the demo backend (PGlite) through a cuttable proxy, Chromium. An Arabic word written
// with diacritics and another alef/yaa form finds the demo messages (the same hits as the backend's route), the
// match is marked, the keyboard opens the session; offline the page says the results come from the local cache.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageSearchPage } from '../../src/shared/api.ts';
import { settle, unnamedControls } from '../support/a11y.ts';
import { screenshot } from '../support/browser.ts';
import type { CuttableProxy } from '../support/desk.ts';
import { startWebApp, type WebApp } from '../support/webApp.ts';

/** "أصلي" (original) as someone may type it: a fatha on the bare alef, alef maqsura for the final yaa. */
const QUERY = 'اَصْلى';

describe('Search messages on the web edition (B2, B6)', () => {
  let app: WebApp & { proxy: CuttableProxy };
  let proxy: CuttableProxy;
  let page: Page;
  let expected: MessageSearchPage['items'];

  const hits = () => page.getByTestId('message-hit');
  const input = () => page.getByTestId('message-search-input');

  beforeAll(async () => {
    app = await startWebApp({ proxy: true, desk: { systemLocale: 'en-US' } });
    ({ proxy, page } = app);
    const r = await app.backend.request<MessageSearchPage>(
      'GET',
      `/admin/messages/search?q=${encodeURIComponent('أصلي')}&limit=200`,
      { token: await app.backend.adminToken() },
    );
    expected = r.body.items;
    await page.getByTestId('frame').waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('finds the demo messages from an Arabic word spelled differently, newest first, the match marked', async () => {
    expect(expected.length).toBeGreaterThan(3);
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('button', { name: 'Search messages' }).click();
    expect(await page.getByTestId('route').getAttribute('data-route')).toBe('messageSearch');
    await expect.poll(() => input().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(QUERY);
    await page.keyboard.press('Enter');
    // The first page (30), then "Load more" brings the rest: the same hits, in the same order, as the backend's.
    expect(expected.length).toBeGreaterThan(30);
    await expect.poll(() => hits().count(), { timeout: 15_000 }).toBe(30);
    await page.getByTestId('message-search-more').click();
    await expect.poll(() => hits().count(), { timeout: 15_000 }).toBe(expected.length);
    expect(await page.getByTestId('message-search-more').count()).toBe(0);
    const shown = await hits().evaluateAll((els) => els.map((el) => el.getAttribute('data-message-id')));
    expect(shown).toEqual(expected.map((h) => h.id));
    await page.getByTestId('route').evaluate((el) => {
      el.scrollTop = 0;
    });
    const first = hits().first();
    const want = expected[0] as MessageSearchPage['items'][number];
    expect(await first.getByTestId('hit-product').textContent()).toBe(want.product.name);
    expect(await first.getByTestId('hit-parties').textContent()).toContain(want.customer.name);
    expect(await first.getByTestId('hit-parties').textContent()).toContain(want.seller.name);
    expect(await first.locator('mark').first().textContent()).toBe('أصلي');
    expect(await page.getByTestId('message-search-cache-notice').count()).toBe(0);
    expect(await unnamedControls(page)).toEqual([]);
    await settle(page.getByTestId('message-search-page'));
    await screenshot(page, 'message-search-results');
  });

  it('moves into the results with the keyboard and opens the session with Enter', async () => {
    await input().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const second = expected[1] as MessageSearchPage['items'][number];
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-message-id'))).toBe(second.id);
    await screenshot(page, 'message-search-keyboard-focus');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('route').getAttribute('data-route')).toBe('session');
    // The session's own page (loaded on first use) shows the message: its messages are now kept in the cache.
    const sessionPage = page.locator(`[data-testid="session-messages-page"][data-session-id="${second.sessionId}"]`);
    await expect
      .poll(() => sessionPage.locator(`[data-testid="message-row"][data-message-id="${second.id}"]`).count(), {
        timeout: 15_000,
      })
      .toBe(1);
    await screenshot(page, 'message-search-opened-session');
    // back to the search: the same query and results
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Search messages' }).click();
    expect(await input().inputValue()).toBe(QUERY);
    expect(await hits().count()).toBe(expected.length);
  });

  it('offline, searches the messages saved here and says so', async () => {
    proxy.cut();
    await expect
      .poll(() => page.getByTestId('connection-state').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('offline');
    await input().fill('');
    await input().focus();
    await page.keyboard.type('اصلي');
    await page.keyboard.press('Enter');
    const notice = page.getByTestId('message-search-cache-notice');
    await expect.poll(() => notice.count(), { timeout: 15_000 }).toBe(1);
    expect(await notice.textContent()).toContain('only from the messages saved on this computer');
    // The conversation opened above is in the cache: its matching messages are found, and nothing else.
    const opened = (expected[1] as MessageSearchPage['items'][number]).sessionId;
    const local = await hits().evaluateAll((els) => els.map((el) => el.getAttribute('data-session-id')));
    expect(local.length).toBeGreaterThan(0);
    expect(new Set(local)).toEqual(new Set([opened]));
    await settle(page.getByTestId('message-search-page'));
    await screenshot(page, 'message-search-offline');

    await page.getByTestId('language-switch').getByText('العربية').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.getByRole('heading', { name: 'البحث في الرسائل' }).count()).toBe(1);
    expect(await page.getByTestId('message-search-count').textContent()).toBe(`الرسائل المعروضة: ${local.length}`);
    await settle(page.getByTestId('frame'));
    await screenshot(page, 'message-search-offline-ar');
    await page.getByTestId('language-switch').getByText('English').click();
    proxy.restore();
  });
});
