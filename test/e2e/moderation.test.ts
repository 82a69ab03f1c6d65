// The moderation workspace (B9, issue 13) on the web edition, in English and in Arabic: the demo backend on PGlite,
// the real desk core signed in as the demo moderator, the built app (out/renderer) in Chromium. A customer reports
// a seller's message; the Moderation section's badge rises; the moderator narrows the queue by report category,
// opens the item (the message in its conversation, the seller's sanctions), mutes the seller for an hour (their
// next message is refused with participant_muted) and lifts it, and removes the message with the X key and the
// reason chosen; the badge falls and the customer reads the placeholder through the participant API.
// Screenshots moderation-<lang>-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderationStrings } from '../../src/renderer/src/features/moderation/strings.ts';
import type { Message, Session } from '../../src/shared/domain.ts';
import { settle, unnamedControls } from '../support/a11y.ts';
import { DEMO_PASSWORD, type TestBackend } from '../support/backend.ts';
import { screenshot } from '../support/browser.ts';
import type { TestDesk } from '../support/desk.ts';
import { startWebApp, type WebApp } from '../support/webApp.ts';

const LANGS = ['en', 'ar'] as const;
type Lang = (typeof LANGS)[number];

describe('a moderator reviews a reported message on the web edition (B9)', () => {
  let app: WebApp;
  let backend: TestBackend;
  let desk: TestDesk;
  let page: Page;
  let sessions: Session[];

  const tokenOf = async (userId: string) => {
    const user = await backend.request<{ email: string }>('GET', `/admin/users/${userId}`, {
      token: await backend.adminToken(),
    });
    return backend.participantToken(user.body.email);
  };
  const badge = async () => Number(await page.getByTestId('nav-moderation-badge').getAttribute('data-count'));

  beforeAll(async () => {
    app = await startWebApp({ desk: { email: 'moderator@demo.chatdesk', password: DEMO_PASSWORD } });
    ({ backend, desk, page } = app);
    const r = await backend.request<{ items: Session[] }>('GET', '/admin/sessions?limit=20', {
      token: await backend.adminToken(),
    });
    sessions = r.body.items;
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each(LANGS.map((lang, i) => [lang, i] as const))('in %s', async (lang: Lang, i: number) => {
    const s = moderationStrings[lang];
    const session = sessions[10 + i] as Session;
    await desk.call('prefs.update', { locale: lang });
    await page.goto(app.url({ lang }));
    await expect.poll(() => page.getByTestId('frame').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);

    const nav = page.getByTestId('nav-moderation');
    expect(await nav.textContent()).toContain(s.nav);
    await expect.poll(() => page.getByTestId('nav-moderation-badge').count(), { timeout: 15_000 }).toBe(1);
    const before = await badge();

    // The seller writes, the customer reports it: the badge rises live.
    const seller = await tokenOf(session.seller.id);
    const body = lang === 'en' ? 'Send the money to my own account, it is cheaper' : 'حوّل المبلغ إلى حسابي مباشرة';
    const sent = await backend.request<Message>('POST', `/me/sessions/${session.id}/messages`, {
      token: seller,
      body: { body },
    });
    expect(sent.status).toBe(201);
    const customer = await tokenOf(session.customer.id);
    const report = await backend.request('POST', `/me/messages/${sent.body.id}/reports`, {
      token: customer,
      body: { category: 'off_platform', note: lang === 'en' ? 'wants payment outside' : 'يريد الدفع خارج المنصة' },
    });
    expect(report.status).toBe(201);
    await expect.poll(badge, { timeout: 15_000 }).toBe(before + 1);

    await nav.click();
    await expect.poll(() => page.getByTestId('moderation-table').count(), { timeout: 15_000 }).toBe(1);
    // Narrowed to the report category: the reported message is there.
    await page.getByTestId('moderation-filter-category').click();
    await page.getByRole('option', { name: s.categories.off_platform }).click();
    const row = page.locator(`[data-testid="moderation-row"][data-message-id="${sent.body.id}"]`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.textContent()).toContain(s.categories.off_platform);
    await row.click();

    const pane = page.getByTestId('moderation-detail');
    await expect.poll(() => pane.getByTestId('moderation-current-message').textContent()).toContain(body);
    expect(await pane.getByTestId('moderation-context-message').count()).toBeGreaterThan(0);
    expect(await pane.getByTestId('moderation-sanctions').textContent()).toContain(
      s.sanctions.replace('{{name}}', session.seller.name),
    );
    expect(await pane.getByTestId('moderation-remove').textContent()).toContain(s.actions.remove);
    await settle(page.getByTestId('moderation-page'));
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, `moderation-${lang}-item`);

    // Mute the seller for an hour: their next message is refused with participant_muted; lifted from the pane.
    const moderator = await backend.token('moderator');
    const activeMutes = async () => {
      const r = await backend.request<{ items: Array<{ kind: string; active: boolean }> }>(
        'GET',
        `/admin/participants/${session.seller.id}/sanctions`,
        { token: moderator },
      );
      return r.body.items.filter((x) => x.kind === 'mute' && x.active).length;
    };
    await pane.getByTestId('moderation-mute').click();
    await expect.poll(activeMutes, { timeout: 15_000 }).toBe(1);
    const refused = await backend.request<{ error: { code: string } }>('POST', `/me/sessions/${session.id}/messages`, {
      token: seller,
      body: { body: 'one more' },
    });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('participant_muted');
    await expect.poll(() => pane.getByTestId('moderation-lift').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, `moderation-${lang}-muted`);
    await pane.getByTestId('moderation-lift').click();
    await expect.poll(activeMutes, { timeout: 15_000 }).toBe(0);
    await expect.poll(() => pane.getByTestId('moderation-lift').count(), { timeout: 15_000 }).toBe(0);

    // X removes with the reason in the box (the first preset); the item leaves the open queue, the badge falls.
    await page.keyboard.press('x');
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(badge, { timeout: 15_000 }).toBe(before);
    const read = await backend.request<{ items: Array<{ id: string; removed?: boolean; body: string | null }> }>(
      'GET',
      `/me/sessions/${session.id}/messages`,
      { token: customer },
    );
    expect(read.body.items.find((m) => m.id === sent.body.id)).toMatchObject({
      removed: true,
      body: null,
      removedReason: s.presets.contact,
    });
    await settle(page.getByTestId('moderation-page'));
    await screenshot(page, `moderation-${lang}-after-remove`);

    // Among the decided items it is struck through with its reason and can be restored.
    await page.getByTestId('moderation-status').getByText(s.status.resolved).click();
    const decided = page.locator(`[data-testid="moderation-row"][data-message-id="${sent.body.id}"]`);
    await expect.poll(() => decided.count(), { timeout: 15_000 }).toBe(1);
    await decided.click();
    await expect.poll(() => pane.getByTestId('moderation-removed').textContent()).toContain(s.presets.contact);
    expect(await pane.getByTestId('moderation-restore').count()).toBe(1);
    await screenshot(page, `moderation-${lang}-decided`);
  });
});
