// The app frame as a person meets it on the web edition: the built renderer (out/renderer) served by the web host,
// the real desk core (not signed in, proposing the demo backend and account as `npm run start:web` does), the demo
// backend on PGlite, Chromium. Sign-in with its errors, the frame with the unread badge (F1) equal to the backend's
// total and live, the connection state, the sections (F13, F12), Arabic right to left (B5), sign-out.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src/shared/domain.ts';
import { settle, unnamedControls } from '../support/a11y.ts';
import { DEMO_PASSWORD, type TestBackend } from '../support/backend.ts';
import { screenshot } from '../support/browser.ts';
import { type CuttableProxy, DEMO_ADMIN, type TestDesk } from '../support/desk.ts';
import { startWebApp, type WebApp } from '../support/webApp.ts';

describe('the app frame on the web edition (sign-in, F1, F12, F13, B5)', () => {
  let app: WebApp;
  let backend: TestBackend;
  let desk: TestDesk;
  let page: Page;

  const backendUnread = async () =>
    (
      await backend.request<{ total: number }>('GET', '/admin/unread-total', {
        token: await backend.adminToken(),
      })
    ).body.total;
  const badge = () => page.getByTestId('nav-unread-badge');
  const badgeCount = async () => Number(await badge().getAttribute('data-count'));
  const form = () => page.getByTestId('sign-in');

  beforeAll(async () => {
    app = await startWebApp({ signIn: false, desk: { systemLocale: 'en-US' } });
    ({ backend, desk, page } = app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('opens on the sign-in screen with the demo backend and account filled in', async () => {
    await expect.poll(() => form().count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByLabel('Backend URL').inputValue()).toBe(backend.url);
    expect(await page.getByLabel('E-mail').inputValue()).toBe(DEMO_ADMIN.email);
    expect(await page.getByRole('textbox', { name: 'Password' }).inputValue()).toBe(DEMO_PASSWORD);
    expect(await page.getByTestId('app-info').textContent()).toContain('web edition');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    expect(await unnamedControls(page)).toEqual([]);
    // Everything the page asked for came (its icon too: a browser asks for one).
    const icon = await page.evaluate(
      () => (document.querySelector('link[rel="icon"]') as HTMLLinkElement | null)?.href,
    );
    expect(icon).toMatch(/\/assets\/.+\.png$/);
    expect((await page.request.get(icon as string)).status()).toBe(200);
    expect(app.failedRequests).toEqual([]);
    // Nothing said in the console either (a preload of the stylesheet in another credentials mode was a warning and
    // a second fetch of it).
    await page.waitForTimeout(3500);
    expect(app.consoleProblems).toEqual([]);
    await screenshot(page, 'frame-sign-in');
  });

  it('puts bad input on its field and an unreachable backend in an alert', async () => {
    await page.getByLabel('E-mail').fill('not-an-e-mail');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('Enter an e-mail address such as name@example.com').count()).toBe(1);
    expect(await page.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('E-mail').fill(DEMO_ADMIN.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('Wrong e-mail or password').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByRole('textbox', { name: 'Password' }).getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Backend URL').fill('http://127.0.0.1:9');
    await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByTestId('sign-in-alert');
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toContain('Cannot reach http://127.0.0.1:9');
    expect(await page.getByText('Cannot be reached').count()).toBe(1);
    await screenshot(page, 'frame-sign-in-unreachable');
    // Nothing was signed in by the refusals.
    expect((await desk.call('account.state')).signedIn).toBe(false);
  });

  it('signs in with the demo account and shows the frame: sections, badge equal to the backend total, online', async () => {
    await page.getByLabel('Backend URL').fill(backend.url);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('frame').count(), { timeout: 30_000 }).toBe(1);
    const nav = page.getByRole('navigation', { name: 'Sections' });
    expect(await nav.getByRole('button', { name: 'User Management' }).count()).toBe(1);
    expect(await nav.getByRole('button', { name: 'Chat Sessions' }).count()).toBe(1);
    expect(await nav.getByRole('button', { name: 'Users' }).count()).toBe(1);
    expect(await nav.getByRole('button', { name: 'Orders' }).count()).toBe(1);
    expect(await nav.getByRole('button', { name: 'Settings' }).count()).toBe(1);
    await desk.settled(60_000);
    const status = page.getByTestId('connection-state');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('online');
    expect(await status.textContent()).toContain('Online');
    const total = await backendUnread();
    expect(total).toBeGreaterThan(0);
    await expect.poll(badgeCount, { timeout: 10_000 }).toBe(total);
    expect(await badge().textContent()).toBe(String(total));
    expect(await badge().getAttribute('aria-label')).toBe(`Unread messages: ${total}`);
    expect(await page.getByTestId('route').getAttribute('data-route')).toBe('sessions');
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('admin');
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'frame-signed-in');
  });

  it('keeps the badge live: a customer message raises it, marking the session read lowers it', async () => {
    const before = await badgeCount();
    const token = await backend.participantToken('customer1@demo.chatdesk');
    const mine = await backend.request<{ items: Session[] }>('GET', '/me/sessions?limit=1', { token });
    const session = mine.body.items[0];
    if (!session) throw new Error('the demo customer has no session');
    const sent = await backend.request('POST', `/me/sessions/${session.id}/messages`, {
      token,
      body: { body: 'Is this available in size 42?' },
    });
    expect(sent.status).toBe(201);
    await expect.poll(badgeCount, { timeout: 5000 }).toBe(before + 1);
    const unreadThere = (await desk.call('sessions.get', { id: session.id })).unreadCount;
    await desk.call('messages.markRead', { sessionId: session.id });
    await expect.poll(badgeCount, { timeout: 5000 }).toBe(before + 1 - unreadThere);
    await desk.settled();
    expect(await backendUnread()).toBe(await badgeCount());
  });

  it('goes to Users, Orders and Settings from the sidebar and back to Chat Sessions', async () => {
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('button', { name: 'Users' }).click();
    await expect.poll(() => page.getByTestId('user-row').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await nav.getByRole('button', { name: 'Users' }).getAttribute('aria-current')).toBe('page');
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'frame-users');
    await nav.getByRole('button', { name: 'Orders' }).click();
    await expect.poll(() => page.getByTestId('order-row').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'frame-orders');
    await nav.getByRole('button', { name: 'Settings' }).click();
    await expect
      .poll(() => page.getByRole('switch', { name: 'Enable chat in the mobile app' }).count(), { timeout: 10_000 })
      .toBe(1);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'frame-settings');
    await nav.getByRole('button', { name: 'Chat Sessions' }).click();
    await expect.poll(() => page.getByTestId('route').getAttribute('data-route')).toBe('sessions');
  });

  it('switches to Arabic: right to left, the seed words in Arabic (B11), remembered after a reload; and back to English', async () => {
    await page.getByTestId('language-switch').getByText('العربية').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    const nav = page.getByRole('navigation', { name: 'الأقسام' });
    expect(await nav.getByRole('button', { name: 'إدارة المستخدمين' }).count()).toBe(1);
    expect(await nav.getByRole('button', { name: 'جلسات المحادثة' }).count()).toBe(1);
    expect(await page.getByTestId('connection-state').textContent()).toContain('متصل');
    expect(await badge().getAttribute('aria-label')).toBe(`رسائل غير مقروءة: ${await badgeCount()}`);
    // The navbar sits on the right in RTL.
    const box = await page.getByTestId('sidebar').boundingBox();
    expect(box && box.x > 700).toBe(true);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'frame-arabic');
    await expect.poll(async () => (await desk.call('prefs.get')).locale).toBe('ar');
    await page.reload();
    await expect.poll(() => page.getByTestId('frame').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByRole('navigation', { name: 'الأقسام' }).getByRole('button', { name: 'الإعدادات' }).click();
    await expect.poll(() => page.getByTestId('settings-page').count(), { timeout: 10_000 }).toBe(1);
    await screenshot(page, 'frame-arabic-settings');
    await page.getByTestId('language-switch').getByText('English').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    expect(await page.getByRole('navigation', { name: 'Sections' }).count()).toBe(1);
  });

  it('puts the conversation pane on the left of the table in Arabic, clear of the sidebar and table, also under a dialog', async () => {
    await page.getByTestId('language-switch').getByText('العربية').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByRole('navigation', { name: 'الأقسام' }).getByRole('button', { name: 'جلسات المحادثة' }).click();
    const cell = page.locator('.ag-row[row-index="0"] [col-id="customer"]');
    await cell.click();
    const pane = page.locator('aside');
    await expect.poll(() => pane.getByTestId('close-pane').count(), { timeout: 10_000 }).toBe(1);
    const boxes = async () => {
      const [aside, sidebar, grid] = await Promise.all([
        pane.boundingBox(),
        page.getByTestId('sidebar').boundingBox(),
        page.getByTestId('sessions-grid').boundingBox(),
      ]);
      if (!aside || !sidebar || !grid) throw new Error('the pane, the sidebar or the table is not on screen');
      return { aside, sidebar, grid };
    };
    // Right to left: sidebar on the right, the table in the middle, the pane on the left, none over another.
    const placed = async () => {
      const { aside, sidebar, grid } = await boxes();
      return {
        paneAtLeftEdge: Math.round(aside.x) === 0,
        paneLeftOfTable: aside.x + aside.width <= grid.x + 1,
        tableLeftOfSidebar: grid.x + grid.width <= sidebar.x + 1,
      };
    };
    const expected = { paneAtLeftEdge: true, paneLeftOfTable: true, tableLeftOfSidebar: true };
    await expect.poll(placed).toEqual(expected);
    // A dialog locks the page's scroll: the pane must stay where it is (it used to jump to the right).
    await cell.press('Enter');
    await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(placed).toEqual(expected);
    await screenshot(page, 'frame-arabic-pane-under-dialog');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(placed).toEqual(expected);
    await screenshot(page, 'frame-arabic-pane');
    await pane.getByTestId('close-pane').click();
    await page.getByTestId('language-switch').getByText('English').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('ltr');
  });

  it('signs out back to the sign-in screen with the backend remembered', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => form().count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByLabel('Backend URL').inputValue()).toBe(backend.url);
    expect((await desk.call('account.state')).signedIn).toBe(false);
  });

  it('shows the sign-in screen in Arabic, right to left, with its errors in Arabic', async () => {
    await page.getByTestId('language-switch').getByText('العربية').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('تسجيل الدخول إلى Chat Desk');
    expect(await page.getByLabel('عنوان الخادم').inputValue()).toBe(backend.url);
    await page.getByRole('textbox', { name: 'كلمة المرور' }).fill('not-the-password');
    await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
    await expect
      .poll(() => page.getByText('البريد الإلكتروني أو كلمة المرور غير صحيحة').count(), { timeout: 10_000 })
      .toBe(1);
    expect(await unnamedControls(page)).toEqual([]);
    await settle(page.getByTestId('sign-in'));
    await screenshot(page, 'frame-sign-in-arabic');
    await page.getByTestId('language-switch').getByText('English').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('ltr');
  });
});

describe('the connection state when the network goes and comes back (D1, B1)', () => {
  let app: WebApp & { proxy: CuttableProxy };
  let backend: TestBackend;
  let proxy: CuttableProxy;
  let desk: TestDesk;
  let page: Page;
  let session: Session;

  const status = () => page.getByTestId('connection-state');

  beforeAll(async () => {
    app = await startWebApp({ proxy: true, desk: { systemLocale: 'en-US' }, open: false });
    ({ backend, proxy, desk, page } = app);
    const first = (await desk.call('sessions.page', { limit: 1 })).rows[0];
    if (!first) throw new Error('the demo backend has no session');
    session = first;
    await page.goto(app.url({ session: session.id }));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('says offline since when, counts the replies queued meanwhile, and is online again once they are sent', async () => {
    await expect.poll(() => status().getAttribute('data-status'), { timeout: 15_000 }).toBe('online');
    await expect
      .poll(() => page.getByTestId('conversation-pane').getByTestId('message').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    proxy.cut();
    await expect.poll(() => status().getAttribute('data-status'), { timeout: 15_000 }).toBe('offline');
    expect(await page.getByTestId('connection-text').textContent()).toBe('Offline for a moment');
    const box = page.getByLabel('Reply as support');
    await box.fill('Queued while the network is down.');
    await box.press('Enter');
    await expect
      .poll(() => page.getByTestId('pending-actions').textContent(), { timeout: 5000 })
      .toBe('Pending actions: 1');
    await screenshot(page, 'frame-offline-pending');
    proxy.restore();
    await expect.poll(() => status().getAttribute('data-status'), { timeout: 30_000 }).toBe('online');
    await expect.poll(() => page.getByTestId('pending-actions').count(), { timeout: 15_000 }).toBe(0);
    await desk.settled();
    const remote = await backend.request<{ items: Array<{ body: string }> }>(
      'GET',
      `/admin/sessions/${session.id}/messages?limit=5`,
      { token: await backend.adminToken() },
    );
    expect(remote.body.items.filter((m) => m.body === 'Queued while the network is down.')).toHaveLength(1);
  });
});
