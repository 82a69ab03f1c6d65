// The agent workflow end to end (B10, issue 15) on the web edition, in English and in Arabic: the demo backend on
// PGlite, the real desk core signed in as the demo agent, the built app (out/renderer) in Chromium. The agent opens
// Unassigned from the sidebar, takes a session, answers with a canned reply whose placeholders are filled, writes a
// note the customer does not get (checked through the participant API), resolves it; the customer writes again and
// it is back in Mine, open (an agent starts on Mine + Unassigned); a session snoozed from the pane leaves Mine and comes back when its customer writes; a
// draft survives switching sessions and a reload. Screenshots workflow-<lang>-*.png.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sessionsStrings } from '../../src/renderer/src/features/sessions/strings.ts';
import type { Message, Session } from '../../src/shared/domain.ts';
import { settle, unnamedControls } from '../support/a11y.ts';
import type { TestBackend } from '../support/backend.ts';
import { screenshot } from '../support/browser.ts';
import type { TestDesk } from '../support/desk.ts';
import { startWebApp, type WebApp } from '../support/webApp.ts';

const LANGS = ['en', 'ar'] as const;
type Lang = (typeof LANGS)[number];
const AGENT = { email: 'agent@demo.chatdesk', name: 'عادل الدعم' };

describe('an agent’s day on the web edition (B10)', () => {
  let app: WebApp;
  let backend: TestBackend;
  let desk: TestDesk;
  let page: Page;
  let manager: string;

  const participantToken = async (session: Session) => {
    const user = await backend.request<{ email: string }>('GET', `/admin/users/${session.customer.id}`, {
      token: await backend.adminToken(),
    });
    return backend.participantToken(user.body.email);
  };
  const customerWrites = async (session: Session, body: string) => {
    const r = await backend.request('POST', `/me/sessions/${session.id}/messages`, {
      token: await participantToken(session),
      body: { body },
    });
    expect(r.status).toBe(201);
  };
  const customerReads = async (session: Session) => {
    const r = await backend.request<{ items: Message[] }>('GET', `/me/sessions/${session.id}/messages?limit=100`, {
      token: await participantToken(session),
    });
    return r.body.items.map((m) => m.body);
  };
  const open = async (lang: Lang) => {
    await desk.call('prefs.update', { locale: lang });
    await page.goto(app.url({ lang }));
    await expect.poll(() => page.getByTestId('frame').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
  };
  const viewCount = async (view: string) =>
    Number(await page.getByTestId(`view-count-${view}`).getAttribute('data-count'));
  /** The loaded rows' session ids, top to bottom (each row is drawn in several containers: once each). */
  const rowIds = () =>
    page.locator('.ag-row[row-id]').evaluateAll((rows) => {
      const seen = new Map<string, number>();
      for (const r of rows) seen.set(r.getAttribute('row-id') ?? '', Number(r.getAttribute('row-index')));
      return [...seen].sort((a, b) => a[1] - b[1]).map(([id]) => id);
    });
  const pane = () => page.getByTestId('conversation-pane');
  const shot = async (name: string) => {
    const dialog = page.getByRole('dialog');
    if ((await dialog.count()) > 0) await settle(dialog.first());
    await page.waitForTimeout(300);
    return screenshot(page, `workflow-${name}`);
  };

  beforeAll(async () => {
    vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });
    app = await startWebApp({
      open: false,
      timeoutMs: 15_000,
      viewport: { width: 1440, height: 900 },
      desk: { email: AGENT.email, systemLocale: 'en-US' },
    });
    ({ backend, desk, page } = app);
    manager = await backend.token('manager');
    for (const reply of [
      {
        shortcut: 'where',
        title: 'Where is my order',
        body: 'Hello {{customer}}, your {{product}} left our warehouse today. — {{agent}}',
        language: 'en',
      },
      {
        shortcut: 'طلبي',
        title: 'أين طلبي',
        body: 'مرحبًا {{customer}}، طلبك {{product}} في الطريق إليك. — {{agent}}',
        language: 'ar',
      },
    ]) {
      const r = await backend.request('POST', '/admin/canned-replies', { token: manager, body: reply });
      expect(r.status).toBe(201);
    }
    await desk.settled(60_000);
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(page, `workflow-failed-${ctx.task.id}`);
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each(LANGS)(
    'in %s: takes an unassigned session, answers with a canned reply, notes, resolves; it comes back',
    async (lang) => {
      const s = sessionsStrings[lang].workflow;
      await open(lang);
      // An agent starts on their own and the unassigned open sessions.
      await expect.poll(() => page.getByTestId('filter-assignee').inputValue()).toBe(s.meOrNone);
      await expect.poll(() => page.getByTestId('filter-status').inputValue()).toBe(s.status.open);
      await shot(`${lang}-agent-start`);
      // Unassigned, from the sidebar: the open sessions nobody has, counted.
      await page.getByTestId('view-unassigned').click();
      await expect.poll(() => viewCount('unassigned')).toBeGreaterThan(0);
      const unassignedBefore = await viewCount('unassigned');
      const mineBefore = await viewCount('mine');
      await expect.poll(async () => (await rowIds()).length).toBeGreaterThan(0);
      const id = (await rowIds())[0] as string;
      const session = await desk.call('sessions.get', { id });
      await page.locator(`.ag-row[row-id="${id}"] [col-id="customer"]`).first().click();
      await expect.poll(() => pane().getAttribute('data-session-id')).toBe(id);
      await expect.poll(() => pane().getByTestId('workflow-status').textContent()).toBe(s.status.open);
      await shot(`${lang}-unassigned`);

      // Take it: Mine gains it, Unassigned loses it.
      await pane().getByTestId('pane-assign-me').click();
      await expect.poll(() => pane().getByTestId('workflow-assignee').textContent()).toContain(AGENT.name);
      await expect.poll(() => viewCount('mine')).toBe(mineBefore + 1);
      await expect.poll(() => viewCount('unassigned')).toBe(unassignedBefore - 1);

      // A canned reply by # and its shortcut, placeholders filled; Enter picks it, Enter again sends it.
      const box = pane().getByTestId('reply-input');
      await box.click();
      await box.pressSequentially(lang === 'en' ? '#whe' : '#طلب');
      await expect.poll(() => pane().getByTestId('canned-option').count()).toBe(1);
      await shot(`${lang}-canned`);
      await box.press('Enter');
      const filled =
        lang === 'en'
          ? `Hello ${session.customer.name}, your ${session.product.name} left our warehouse today. — ${AGENT.name}`
          : `مرحبًا ${session.customer.name}، طلبك ${session.product.name} في الطريق إليك. — ${AGENT.name}`;
      await expect.poll(() => box.inputValue()).toBe(filled);
      await box.press('Enter');
      await expect.poll(() => box.inputValue()).toBe('');

      // An internal note: styled apart here, never delivered to the customer.
      const noteText = lang === 'en' ? 'Customer called twice, be patient' : 'اتصل العميل مرتين، تحلَّ بالصبر';
      await pane().getByTestId('reply-note-toggle').click();
      await expect.poll(() => pane().getByTestId('reply-box').getAttribute('data-note')).toBe('true');
      await box.fill(noteText);
      await shot(`${lang}-note-typing`);
      await pane().getByTestId('reply-send').click();
      await expect
        .poll(() => pane().locator('[data-testid="message"][data-kind="note"]').last().textContent())
        .toContain(noteText);
      await desk.settled();
      const delivered = await customerReads(session);
      expect(delivered).toContain(filled);
      expect(delivered).not.toContain(noteText);
      expect(await unnamedControls(page)).toEqual([]);
      await shot(`${lang}-answered`);

      // Resolved: out of Mine. The customer writes again: open again, back in Mine.
      await pane().getByTestId('pane-resolve').click();
      await expect.poll(() => pane().getByTestId('workflow-status').textContent()).toBe(s.status.resolved);
      await expect.poll(() => viewCount('mine')).toBe(mineBefore);
      await customerWrites(session, lang === 'en' ? 'It has not arrived yet' : 'لم يصل بعد');
      await expect.poll(() => pane().getByTestId('workflow-status').textContent()).toBe(s.status.open);
      await expect.poll(() => viewCount('mine')).toBe(mineBefore + 1);
      await page.getByTestId('view-mine').click();
      await expect.poll(rowIds).toContain(id);
      await shot(`${lang}-back-in-mine`);

      // Snoozed for an hour from the pane's menu: it leaves Mine; its customer writes and it comes back.
      await pane().getByTestId('pane-workflow-menu').click();
      await page.getByTestId('action-snooze').click();
      await page.getByTestId('snooze-hour').click();
      await expect.poll(() => pane().getByTestId('workflow-snoozed').count()).toBe(1);
      await expect.poll(rowIds).not.toContain(id);
      await expect.poll(() => viewCount('mine')).toBe(mineBefore);
      await shot(`${lang}-snoozed`);
      await customerWrites(session, lang === 'en' ? 'Any news?' : 'هل من جديد؟');
      await expect.poll(rowIds).toContain(id);
      await expect.poll(() => pane().getByTestId('workflow-snoozed').count()).toBe(0);
    },
  );

  it.each(LANGS)('in %s: a draft survives switching sessions and a reload', async (lang) => {
    await open(lang);
    await page.getByTestId('view-allOpen').click();
    await expect.poll(async () => (await rowIds()).length).toBeGreaterThan(1);
    const [first, second] = (await rowIds()) as [string, string];
    const draft = lang === 'en' ? 'Let me check with the seller and' : 'دعني أتحقق من البائع ثم';
    await page.locator(`.ag-row[row-id="${first}"] [col-id="customer"]`).first().click();
    await expect.poll(() => pane().getAttribute('data-session-id')).toBe(first);
    await pane().getByTestId('reply-input').fill(draft);
    await page.locator(`.ag-row[row-id="${second}"] [col-id="customer"]`).first().click();
    await expect.poll(() => pane().getAttribute('data-session-id')).toBe(second);
    await expect.poll(() => pane().getByTestId('reply-input').inputValue()).toBe('');
    await page.locator(`.ag-row[row-id="${first}"] [col-id="customer"]`).first().click();
    await expect.poll(() => pane().getAttribute('data-session-id')).toBe(first);
    await expect.poll(() => pane().getByTestId('reply-input').inputValue()).toBe(draft);
    await page.goto(app.url({ lang, session: first }));
    await expect.poll(() => pane().getAttribute('data-session-id'), { timeout: 30_000 }).toBe(first);
    await expect.poll(() => pane().getByTestId('reply-input').inputValue()).toBe(draft);
    await shot(`${lang}-draft`);
  });
});
