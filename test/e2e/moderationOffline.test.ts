// The review queue offline on the web edition (B9, issue 13), in English and Arabic: the demo moderator's desk core
// reaches the backend through a proxy that the test cuts. The queue opened online is kept by the desk; offline the
// Moderation section shows it with its offline notice, a removal made there leaves the list at once and waits in
// the outbox (the backend still has the item open), and once the backend is back it is sent exactly once: the item
// is resolved with one audit entry and the customer reads the placeholder. Screenshots moderation-offline-<lang>.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderationStrings } from '../../src/renderer/src/features/moderation/strings.ts';
import type { Message, ModerationItem, Session } from '../../src/shared/domain.ts';
import { DEMO_PASSWORD, type TestBackend } from '../support/backend.ts';
import { screenshot } from '../support/browser.ts';
import type { CuttableProxy, TestDesk } from '../support/desk.ts';
import { startWebApp, type WebApp } from '../support/webApp.ts';

const LANGS = ['en', 'ar'] as const;

describe('the review queue offline on the web edition (B9)', () => {
  let app: WebApp & { proxy: CuttableProxy };
  let backend: TestBackend;
  let proxy: CuttableProxy;
  let desk: TestDesk;
  let page: Page;
  let sessions: Session[];

  beforeAll(async () => {
    app = await startWebApp({
      proxy: true,
      desk: { email: 'moderator@demo.chatdesk', password: DEMO_PASSWORD, systemLocale: 'en-US' },
      open: false,
    });
    ({ backend, proxy, desk, page } = app);
    const r = await backend.request<{ items: Session[] }>('GET', '/admin/sessions?limit=20', {
      token: await backend.adminToken(),
    });
    sessions = r.body.items;
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each(LANGS.map((lang, i) => [lang, i] as const))('in %s', async (lang, i) => {
    const s = moderationStrings[lang];
    const session = sessions[4 + i] as Session;
    const seller = await backend.participantToken(
      (
        await backend.request<{ email: string }>('GET', `/admin/users/${session.seller.id}`, {
          token: await backend.adminToken(),
        })
      ).body.email,
    );
    const body = lang === 'en' ? 'My number is 0559876543, call me' : 'رقمي 0559876543 اتصل بي';
    const sent = await backend.request<Message>('POST', `/me/sessions/${session.id}/messages`, {
      token: seller,
      body: { body },
    });
    expect(sent.status).toBe(201);
    await desk.call('prefs.update', { locale: lang });
    await page.goto(app.url({ lang }));
    await expect.poll(() => page.getByTestId('frame').count(), { timeout: 30_000 }).toBe(1);

    // Online: the section shows the queue (the desk keeps what it fetched), newest flagged message included.
    await page.getByTestId('nav-moderation').click();
    await page.getByTestId('moderation-sort').click();
    await page.getByRole('option', { name: s.sorts.reportsCount }).click();
    const row = page.locator(`[data-testid="moderation-row"][data-message-id="${sent.body.id}"]`);
    const more = page.getByRole('button', { name: s.more });
    await expect
      .poll(
        async () => {
          if ((await row.count()) === 0 && (await more.count()) > 0) await more.click();
          return row.count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);

    // Offline: the section asks again and shows the same queue from the desk's cache, said so; so does a reload.
    proxy.cut();
    await desk.waitFor(async () => (await desk.call('sync.state')).status === 'offline');
    await expect.poll(() => page.getByTestId('moderation-offline').textContent(), { timeout: 15_000 }).toBe(s.offline);
    await page.reload();
    await expect.poll(() => page.getByTestId('frame').count(), { timeout: 30_000 }).toBe(1);
    await page.getByTestId('nav-moderation').click();
    await expect.poll(() => page.getByTestId('moderation-offline').textContent(), { timeout: 15_000 }).toBe(s.offline);
    await page.getByTestId('moderation-sort').click();
    await page.getByRole('option', { name: s.sorts.reportsCount }).click();
    await expect
      .poll(
        async () => {
          if ((await row.count()) === 0 && (await more.count()) > 0) await more.click();
          return row.count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    await row.click();
    const pane = page.getByTestId('moderation-detail');
    await expect.poll(() => pane.getByTestId('moderation-current-message').textContent()).toContain(body);
    await screenshot(page, `moderation-offline-${lang}`);

    // Removed offline: gone from the list at once, waiting in the outbox; the backend still has it open.
    await pane.getByTestId('moderation-remove').click();
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(0);
    expect((await desk.call('sync.state')).pendingActions).toBe(1);
    const moderator = await backend.token('moderator');
    const itemOf = async () => {
      const r = await backend.request<{ items: ModerationItem[] }>(
        'GET',
        '/admin/moderation/queue?limit=200&status=resolved&sort=firstSeen',
        {
          token: moderator,
        },
      );
      return r.body.items.find((x) => x.message.id === sent.body.id) ?? null;
    };
    expect(await itemOf()).toBeNull();

    // Back online: sent once, the notice goes.
    proxy.restore();
    await desk.settled();
    await expect.poll(async () => (await itemOf())?.decision?.action ?? null, { timeout: 15_000 }).toBe('remove');
    const audit = await backend.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'moderation.remove' AND target_id = $1`,
      [(await itemOf())?.id],
    );
    expect(audit.rows[0]?.n).toBe(1);
    await expect.poll(() => page.getByTestId('moderation-offline').count(), { timeout: 15_000 }).toBe(0);
    const customer = await backend.participantToken(
      (
        await backend.request<{ email: string }>('GET', `/admin/users/${session.customer.id}`, {
          token: await backend.adminToken(),
        })
      ).body.email,
    );
    const read = await backend.request<{ items: Array<{ id: string; removed?: boolean; body: string | null }> }>(
      'GET',
      `/me/sessions/${session.id}/messages`,
      { token: customer },
    );
    expect(read.body.items.find((m) => m.id === sent.body.id)).toMatchObject({ removed: true, body: null });
  });
});
