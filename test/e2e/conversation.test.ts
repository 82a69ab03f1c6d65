// A real conversation (F11) end to end on the web edition: the demo backend on PGlite, the real desk core signed in
// as the demo admin, the web host serving the built app (out/renderer: the app frame, its sidebar badge, the
// conversation pane beside the sessions table), Chromium. A customer writes through the participant API (the mobile
// app's side); the desk shows it in the pane, raises the sidebar badge, the title and the favicon badge and
// notifies; the agent answers from the pane; marking read clears the badge; deleting a message updates the counts;
// switching chat off (F12) makes the participant API refuse and the desk say so.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHost } from '../../src/main/web/webHost.ts';
import type { Message, Session } from '../../src/shared/domain.ts';
import { settle, unnamedControls } from '../support/a11y.ts';
import type { TestBackend } from '../support/backend.ts';
import { screenshot } from '../support/browser.ts';
import type { TestDesk } from '../support/desk.ts';
import { startWebApp, type WebApp } from '../support/webApp.ts';
import { recordedNotes, recordNotifications } from './recordNotifications.ts';

const CUSTOMER = 'customer1@demo.chatdesk';

/** Polls `check` until it holds (hooks cannot use expect.poll). */
async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a real conversation on the web edition (F11, D3, D4, F10, F12)', () => {
  let app: WebApp;
  let backend: TestBackend;
  let desk: TestDesk;
  let host: WebHost;
  let page: Page;
  let customerToken: string;
  let session: Session;
  /** "All matching" with nothing filtered, confirmed at the count the desk lists now. */
  const markAllRead = async () => {
    const confirmedCount = Math.max(1, (await desk.call('sessions.page', { filter: {}, limit: 1 })).total);
    await desk.call('sessions.markRead', {
      target: { allMatching: { filter: {}, confirmedCount, asOf: new Date().toISOString() } },
    });
  };

  const participant = <T>(method: string, path: string, body?: unknown) =>
    backend.request<T>(method, path, { token: customerToken, ...(body !== undefined ? { body } : {}) });
  const title = () => page.title();
  const faviconCount = () => page.locator('#chatdesk-favicon').getAttribute('data-unread');
  const notes = () => recordedNotes(page);
  const pane = () => page.getByTestId('conversation-pane');
  const paneCount = () => pane().count();
  const navBadge = async () => Number(await page.getByTestId('nav-unread-badge').getAttribute('data-count'));
  const sections = () => page.getByRole('navigation', { name: 'Sections' });

  beforeAll(async () => {
    app = await startWebApp({
      desk: { systemLocale: 'en-US' },
      viewport: { width: 1200, height: 900 },
      prepareContext: async (context, { origin }) => {
        await context.grantPermissions(['notifications'], { origin });
        await context.addInitScript(recordNotifications);
      },
      open: false,
    });
    ({ backend, desk, host, page } = app);
    // Start from a desk with nothing unread, so the badge is the conversation's alone.
    await markAllRead();
    await desk.settled();
    customerToken = await backend.participantToken(CUSTOMER);
    const mine = await participant<{ items: Session[] }>('GET', '/me/sessions?limit=5');
    const first = mine.body.items[0];
    if (!first) throw new Error('the demo customer has no session');
    session = first;
    // The app opens signed in (the core is) on the session named by the link, in the pane beside the table.
    await page.goto(app.url({ session: session.id }));
    await waitUntil(async () => (await pane().getByTestId('message').count()) > 0, 20_000, 'the pane to load');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows a customer message in the pane and raises the badge and title within a second, with a notification', async () => {
    await expect.poll(title, { timeout: 5000 }).toBe('Chat Desk');
    expect(await faviconCount()).toBe('0');
    await expect.poll(navBadge, { timeout: 5000 }).toBe(0);
    const before = await pane().getByTestId('message').count();
    const sent = await participant<Message>('POST', `/me/sessions/${session.id}/messages`, {
      body: 'Hello, is the blue one still in stock?',
    });
    expect(sent.status).toBe(201);
    const at = Date.now();
    await expect
      .poll(() => pane().getByTestId('message').last().textContent(), { timeout: 1000, interval: 25 })
      .toContain('Hello, is the blue one still in stock?');
    await expect.poll(title, { timeout: Math.max(1, 1000 - (Date.now() - at)), interval: 25 }).toBe('(1) Chat Desk');
    await expect.poll(navBadge, { timeout: Math.max(1, 1000 - (Date.now() - at)), interval: 25 }).toBe(1);
    expect(Date.now() - at).toBeLessThan(1000);
    expect(await faviconCount()).toBe('1');
    expect(await pane().getByTestId('message').count()).toBe(before + 1);
    expect(await pane().getByTestId('message').last().getAttribute('data-unread')).toBe('true');
    expect(await pane().getByTestId('unread-count').textContent()).toBe('Unread count: 1');
    await expect.poll(notes, { timeout: 2000 }).toHaveLength(1);
    const [note] = await notes();
    expect(note?.title).toContain(session.product.name);
    expect(note?.body).toBe('Hello, is the blue one still in stock?');
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'conversation-pane-incoming');
  });

  it('sends the agent’s answer from the pane; the customer reads it through the participant API', async () => {
    const box = page.getByLabel('Reply as support');
    await box.fill('Yes, we have three left. It ships tomorrow.');
    await box.press('Enter');
    await expect.poll(() => box.inputValue()).toBe('');
    await expect
      .poll(() => pane().getByTestId('message').last().getAttribute('data-sender'), { timeout: 5000 })
      .toBe('staff');
    await desk.settled();
    const seen = await participant<{ items: Message[] }>('GET', `/me/sessions/${session.id}/messages?limit=5`);
    expect(seen.body.items.at(-1)).toMatchObject({
      senderRole: 'staff',
      body: 'Yes, we have three left. It ships tomorrow.',
    });
    await screenshot(page, 'conversation-pane-answered');
  });

  it('marking read clears the badge and the title and withdraws the notification', async () => {
    await pane().getByRole('button', { name: 'Mark all messages read' }).click();
    await expect.poll(title, { timeout: 5000 }).toBe('Chat Desk');
    expect(await faviconCount()).toBe('0');
    await expect.poll(navBadge).toBe(0);
    await expect.poll(() => pane().getByTestId('unread-count').textContent()).toBe('Unread count: 0');
    expect((await notes()).length).toBeGreaterThan(0);
    await expect.poll(async () => (await notes()).every((n) => n.closed)).toBe(true);
    await desk.settled();
    const total = await backend.request<{ total: number }>('GET', '/admin/unread-total', {
      token: await backend.adminToken(),
    });
    expect(total.body.total).toBe(0);
  });

  it('groups messages arriving together into one notification; a click opens that session', async () => {
    const others = await participant<{ items: Session[] }>('GET', '/me/sessions?limit=5');
    const other = others.body.items.find((s) => s.id !== session.id);
    if (!other) throw new Error('the demo customer needs two sessions');
    const count = (await notes()).length;
    // Two messages, two conversations, sent as fast as the API takes them; the core may batch them or not.
    await Promise.all([
      participant('POST', `/me/sessions/${other.id}/messages`, { body: 'Do you deliver to Dammam?' }),
      participant('POST', `/me/sessions/${session.id}/messages`, { body: 'And what colour is left?' }),
    ]);
    await expect.poll(title, { timeout: 5000 }).toBe('(2) Chat Desk');
    await expect.poll(navBadge).toBe(2);
    const shown = (await notes()).slice(count);
    expect(shown.length).toBeGreaterThanOrEqual(1);
    expect(shown.length).toBeLessThanOrEqual(2);
    if (shown.length === 1) expect(shown[0]?.title).toBe('2 new messages in 2 conversations');
    // A click on the newest notification (the OS would call its onclick) brings the tab to its conversation.
    await sections().getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => page.getByTestId('settings-page').count()).toBe(1);
    await page.evaluate(() => {
      const objects = (window as unknown as { __noteObjects: Notification[] }).__noteObjects;
      const last = objects[objects.length - 1];
      last?.onclick?.(new Event('click'));
    });
    const newestTag = shown.at(-1)?.tag ?? '';
    await expect.poll(() => pane().count(), { timeout: 5000 }).toBe(1);
    const openedId = await pane().getAttribute('data-session-id');
    expect([session.id, other.id]).toContain(openedId);
    if (newestTag.startsWith('chatdesk:session:')) expect(newestTag).toBe(`chatdesk:session:${openedId}`);
    await expect.poll(() => pane().getByTestId('message').count(), { timeout: 5000 }).toBeGreaterThan(0);
    await screenshot(page, 'conversation-two-unread');
    // Put the badge back to zero for the next step.
    await markAllRead();
    await expect.poll(title, { timeout: 5000 }).toBe('Chat Desk');
    await expect.poll(navBadge).toBe(0);
  });

  it('the pane beside the table is resizable from the keyboard, keeps its width across a reload, and closes with its button', async () => {
    const aside = page.getByRole('complementary', { name: 'Conversation' });
    const width = async () => (await aside.boundingBox())?.width ?? 0;
    const before = await width();
    expect(before).toBeGreaterThan(300);
    const handle = page.getByRole('separator', { name: 'Resize the conversation pane' });
    await handle.focus();
    for (let i = 0; i < 5; i += 1) await handle.press('ArrowLeft');
    await expect.poll(width).not.toBe(before);
    const after = await width();
    expect(after).toBeGreaterThanOrEqual(320);
    expect(after).toBeLessThanOrEqual(900);
    // The table keeps the rest of the window: the pane never covers it.
    const table = await page.getByTestId('route').boundingBox();
    const pane = await aside.boundingBox();
    expect((table?.x ?? 0) + (table?.width ?? 0)).toBeLessThanOrEqual((pane?.x ?? 0) + 1);
    await page.getByRole('button', { name: 'Close the conversation' }).click();
    await expect.poll(() => paneCount()).toBe(0);
    // The width is a preference: the core keeps it, and the reopened window shows the pane at that width.
    await expect.poll(async () => (await desk.call('prefs.get')).paneWidth).toBe(Math.round(after));
    await page.goto(`${host.origin}/?session=${session.id}`);
    await expect.poll(() => paneCount(), { timeout: 10_000 }).toBe(1);
    await expect.poll(async () => Math.round(await width()), { timeout: 5000 }).toBe(Math.round(after));
  });

  it('deletes a message from the session page after confirmation; the counts follow on the desk and the backend', async () => {
    await page.goto(`${host.origin}/?session=${session.id}`);
    await pane().getByRole('button', { name: 'Manage messages' }).click();
    const table = page.getByTestId('message-table');
    await expect.poll(() => table.getByTestId('message-row').count(), { timeout: 10_000 }).toBeGreaterThan(1);
    const countText = await page.getByTestId('messages-count').textContent();
    const before = Number(countText?.replace(/\D+/g, ''));
    const row = table.getByTestId('message-row').filter({ hasText: 'And what colour is left?' });
    await row.getByRole('button', { name: 'Delete message' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('Delete this message?');
    await settle(dialog);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'conversation-page-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete for good' }).click();
    await expect.poll(() => row.count(), { timeout: 5000 }).toBe(0);
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('messages-count').textContent(), { timeout: 5000 })
      .toBe(`Messages count: ${before - 1}`);
    await desk.settled();
    const stored = await backend.request<Session>('GET', `/admin/sessions/${session.id}`, {
      token: await backend.adminToken(),
    });
    expect(stored.body.messagesCount).toBe(before - 1);
    await screenshot(page, 'conversation-page-after-delete');
  });

  it('switching chat off (F12) makes the participant API refuse with chat_disabled and the desk say so', async () => {
    await sections().getByRole('button', { name: 'Settings' }).click();
    const toggle = page.getByRole('switch', { name: 'Enable chat in the mobile app' });
    await expect.poll(() => toggle.isChecked(), { timeout: 5000 }).toBe(true);
    await toggle.click({ force: true });
    await expect
      .poll(() => page.getByTestId('chat-effect').textContent())
      .toContain('the mobile app refuses every chat request');
    await screenshot(page, 'conversation-settings-chat-off');
    const refused = await participant<{ error: { code: string; message: string } }>(
      'POST',
      `/me/sessions/${session.id}/messages`,
      { body: 'Anyone there?' },
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('chat_disabled');
    await page.goto(`${host.origin}/?session=${session.id}`);
    await expect
      .poll(() => page.getByTestId('chat-disabled').textContent(), { timeout: 10_000 })
      .toContain('Chat in the mobile app is switched off');
    // Staff tools keep working: the agent can still answer.
    const box = page.getByLabel('Reply as support');
    await box.fill('We will be back shortly.');
    await box.press('Enter');
    await expect
      .poll(() => pane().getByTestId('message').last().textContent(), { timeout: 5000 })
      .toContain('We will be back shortly.');
    await screenshot(page, 'conversation-pane-chat-off');
    // And on again: the participant is served.
    await sections().getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('switch', { name: 'Enable chat in the mobile app' }).click({ force: true });
    await expect.poll(() => page.getByTestId('chat-effect').textContent()).toContain('can open conversations');
    const back = await participant<{ items: Message[] }>('GET', `/me/sessions/${session.id}/messages?limit=1`);
    expect(back.status).toBe(200);
  });

  it('shows the sections in Arabic, right to left', async () => {
    await page.goto(`${host.origin}/?session=${session.id}`);
    await expect.poll(() => pane().getByTestId('message').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByTestId('language-switch').getByText('العربية').click();
    await expect
      .poll(() => page.getByTestId('conversation-pane').textContent(), { timeout: 10_000 })
      .toContain('العميل');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await screenshot(page, 'conversation-pane-arabic');
    await page.getByRole('navigation', { name: 'الأقسام' }).getByRole('button', { name: 'المستخدمون' }).click();
    await expect.poll(() => page.getByTestId('user-row').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await screenshot(page, 'conversation-users-arabic');
  });
});
