// Issue 13's scenario end to end on the web edition, in English and in Arabic: the demo backend on PGlite, the real
// desk cores of the demo moderator and the demo agent, the built app in Chromium for each (the browser's Notification
// recorded, the real one still made). A customer reports a seller's message and the seller sends a phone number: the
// moderator's badge rises and a notification arrives, whose click opens the item; the moderator removes the message
// with a reason (the customer then reads the placeholder through the participant API), mutes the seller for an hour
// (their next message is refused with participant_muted), sees both in the conversation pane (struck through with the
// reason, "Muted until …" beside the seller) and restores the message from there; adds a blocked word in the rules
// panel, and the next message with it is flagged and notifies; checks two items for the bulk bar. The agent's page and
// desk receive no moderation notification. Screenshots moderation-scenario-<lang>-*.png.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../src/main/web/webHost.ts';
import { conversationStrings } from '../../src/renderer/src/features/conversation/strings.ts';
import { REVIEW_TAG } from '../../src/renderer/src/features/moderation/reviewNotifications.ts';
import { moderationStrings } from '../../src/renderer/src/features/moderation/strings.ts';
import type { Message, Session } from '../../src/shared/domain.ts';
import { settle, unnamedControls } from '../support/a11y.ts';
import { DEMO_PASSWORD, type TestBackend } from '../support/backend.ts';
import { screenshot } from '../support/browser.ts';
import { startDeskCore, type TestDesk } from '../support/desk.ts';
import { builtRendererDir, startWebApp, type WebApp } from '../support/webApp.ts';
import { type RecordedNote, recordedNotes, recordNotifications } from './recordNotifications.ts';

const LANGS = ['en', 'ar'] as const;
type Lang = (typeof LANGS)[number];

const notesOf = recordedNotes;

describe('issue 13 end to end: moderators act on notifications, agents are not disturbed (B9)', () => {
  let app: WebApp;
  let backend: TestBackend;
  let page: Page;
  let agent: TestDesk;
  let agentHost: WebHost;
  let agentContext: BrowserContext;
  let agentPage: Page;
  let sessions: Session[];

  const tokenOf = async (userId: string) => {
    const user = await backend.request<{ email: string }>('GET', `/admin/users/${userId}`, {
      token: await backend.adminToken(),
    });
    return backend.participantToken(user.body.email);
  };
  const badge = async () => Number(await page.getByTestId('nav-moderation-badge').getAttribute('data-count'));
  const reviewNotes = async (p: Page) => (await notesOf(p)).filter((n) => n.tag === REVIEW_TAG);

  beforeAll(async () => {
    app = await startWebApp({
      desk: { email: 'moderator@demo.chatdesk', password: DEMO_PASSWORD, systemLocale: 'en-US' },
      prepareContext: async (context, { origin }) => {
        await context.grantPermissions(['notifications'], { origin });
        await context.addInitScript(recordNotifications);
      },
      open: false,
    });
    ({ backend, page } = app);
    // The agent: a desk core of their own and the same app in its own browser context.
    agent = await startDeskCore({ backendUrl: backend.url, email: 'agent@demo.chatdesk', password: DEMO_PASSWORD });
    agentHost = await startWebHost({ core: agent.core.endpoint, rendererDir: builtRendererDir() });
    agentContext = await app.browser.newContext({ viewport: { width: 1400, height: 860 } });
    await agentContext.grantPermissions(['notifications'], { origin: agentHost.origin });
    await agentContext.addInitScript(recordNotifications);
    agentPage = await agentContext.newPage();
    await agentPage.goto(agentHost.url);
    await agentPage.getByTestId('frame').waitFor({ timeout: 30_000 });
    const r = await backend.request<{ items: Session[] }>('GET', '/admin/sessions?limit=30', {
      token: await backend.adminToken(),
    });
    // Sessions whose sellers differ, so a mute in one language does not reach the other's.
    const bySeller = new Map<string, Session>();
    for (const s of r.body.items) if (!bySeller.has(s.seller.id)) bySeller.set(s.seller.id, s);
    sessions = [...bySeller.values()];
  });
  afterAll(async () => {
    await agentContext?.close();
    await agentHost?.close();
    await agent?.close();
    await app?.close();
  });

  it.each(LANGS.map((lang, i) => [lang, i] as const))('in %s', async (lang: Lang, i: number) => {
    const s = moderationStrings[lang];
    const session = sessions[i] as Session;
    const agentNotesBefore = (await notesOf(agentPage)).length;
    await app.desk.call('prefs.update', { locale: lang });
    await page.goto(app.url({ lang }));
    await expect.poll(() => page.getByTestId('frame').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
    await expect.poll(() => page.getByTestId('nav-moderation-badge').count(), { timeout: 15_000 }).toBe(1);
    const before = await badge();
    const notesBefore = (await reviewNotes(page)).length;

    // A customer reports a seller's message; the seller sends a phone number.
    const seller = await tokenOf(session.seller.id);
    const customer = await tokenOf(session.customer.id);
    const send = (token: string, body: string) =>
      backend.request<Message & { error?: { code: string } }>('POST', `/me/sessions/${session.id}/messages`, {
        token,
        body: { body },
      });
    const offPlatform = lang === 'en' ? 'Pay me by bank transfer instead, it is cheaper' : 'ادفع لي بتحويل بنكي مباشرة';
    const reported = await send(seller, offPlatform);
    expect(reported.status).toBe(201);
    const report = await backend.request('POST', `/me/messages/${reported.body.id}/reports`, {
      token: customer,
      body: { category: 'off_platform' },
    });
    expect(report.status).toBe(201);
    const phoneBody = lang === 'en' ? 'Call me on 0551234567 for a discount' : 'اتصل بي على 0551234567 للخصم';
    const phone = await send(seller, phoneBody);
    expect(phone.status).toBe(201);
    expect(phone.body.flags).toContain('phone');

    // The badge rises and a notification arrives for the newest item; its click opens it.
    await expect.poll(badge, { timeout: 15_000 }).toBe(before + 2);
    await expect
      .poll(async () => (await reviewNotes(page)).at(-1)?.body ?? '', { timeout: 15_000 })
      .toContain(phoneBody.slice(0, 20));
    const note = (await reviewNotes(page)).at(-1) as RecordedNote;
    expect(note.title).toBe(
      s.review.one.replace('{{sender}}', session.seller.name).replace('{{product}}', session.product.name),
    );
    expect((await reviewNotes(page)).length).toBeGreaterThan(notesBefore);
    await page.evaluate(() => {
      const objects = (window as unknown as { __noteObjects: Notification[] }).__noteObjects;
      objects.at(-1)?.onclick?.(new Event('click'));
    });
    const pane = page.getByTestId('moderation-detail');
    await expect
      .poll(() => pane.getByTestId('moderation-current-message').textContent(), { timeout: 15_000 })
      .toContain(phoneBody);
    await settle(page.getByTestId('moderation-page'));
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, `moderation-scenario-${lang}-notified-item`);

    // Removed with the reason chosen: the customer reads the placeholder.
    await pane.getByTestId('moderation-reason').click();
    await page.getByRole('option', { name: s.presets.contact }).click();
    await pane.getByTestId('moderation-remove').click();
    const customerView = async () => {
      const r = await backend.request<{
        items: Array<{ id: string; removed?: boolean; body: string | null; removedReason?: string }>;
      }>('GET', `/me/sessions/${session.id}/messages`, { token: customer });
      return r.body.items.find((m) => m.id === phone.body.id);
    };
    await expect.poll(customerView, { timeout: 15_000 }).toMatchObject({
      removed: true,
      body: null,
      removedReason: s.presets.contact,
    });
    await expect.poll(badge, { timeout: 15_000 }).toBe(before + 1);

    // The reported message's item, by its category: the seller muted for an hour; their next message is refused.
    await page.getByTestId('moderation-filter-category').click();
    await page.getByRole('option', { name: s.categories.off_platform }).click();
    const row = page.locator(`[data-testid="moderation-row"][data-message-id="${reported.body.id}"]`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await row.click();
    await expect.poll(() => pane.getByTestId('moderation-current-message').textContent()).toContain(offPlatform);
    await pane.getByTestId('moderation-mute').click();
    await expect.poll(() => pane.getByTestId('moderation-lift').count(), { timeout: 15_000 }).toBe(1);
    const refused = await send(seller, 'one more');
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('participant_muted');

    // The conversation pane: the removed message struck through with its reason, "Muted until …" beside the seller;
    // restored from there, the customer reads it again.
    await page.goto(app.url({ lang, session: session.id }));
    const convo = page.getByTestId('conversation-pane');
    const removed = convo.locator(`[data-testid="message"][data-message-id="${phone.body.id}"]`);
    await expect.poll(() => removed.getAttribute('data-removed'), { timeout: 20_000 }).toBe('true');
    const conversationWords = conversationStrings[lang].moderation;
    expect(await removed.getByTestId('message-removed').textContent()).toContain(
      conversationWords.removed.replace('{{reason}}', s.presets.contact),
    );
    const sanction = convo.getByTestId('participant-sanction');
    await expect.poll(() => sanction.count(), { timeout: 15_000 }).toBe(1);
    expect(await sanction.textContent()).toContain(conversationWords.muted.split('{{time}}')[0]?.trim());
    await removed.scrollIntoViewIfNeeded();
    await settle(convo);
    await screenshot(page, `moderation-scenario-${lang}-conversation`);
    await removed.getByTestId('message-restore').click();
    await expect.poll(customerView, { timeout: 15_000 }).toMatchObject({ body: phoneBody });
    await expect.poll(() => removed.getAttribute('data-removed'), { timeout: 15_000 }).toBeNull();

    // The rules: a blocked word added in the panel; the next message with it is flagged and notifies.
    const word = lang === 'en' ? 'zanzibar deal' : 'صفقة زنجبار';
    await page.getByTestId('nav-moderation').click();
    await page.getByTestId('moderation-rules-open').click();
    const rules = page.getByTestId('moderation-rules');
    await expect.poll(() => rules.getByTestId('moderation-rules-save').count()).toBe(1);
    const words = rules.getByLabel(s.rules.blockedWords);
    await words.fill(word);
    await words.press('Enter');
    await settle(rules);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, `moderation-scenario-${lang}-rules`);
    await rules.getByTestId('moderation-rules-save').click();
    const inForce = async () =>
      (
        await backend.request<{ blockedWords: string[] }>('GET', '/admin/moderation/rules', {
          token: await backend.token('moderator'),
        })
      ).body.blockedWords;
    await expect.poll(inForce, { timeout: 15_000 }).toContain(word);
    await page.keyboard.press('Escape');
    // Lifted through the backend, so the seller can write again.
    const mutes = await backend.request<{ items: Array<{ id: string; kind: string; active: boolean }> }>(
      'GET',
      `/admin/participants/${session.seller.id}/sanctions`,
      { token: await backend.token('moderator') },
    );
    for (const m of mutes.body.items.filter((x) => x.active)) {
      await backend.request('DELETE', `/admin/sanctions/${m.id}`, {
        token: await backend.token('moderator'),
        headers: { 'Idempotency-Key': crypto.randomUUID() },
      });
    }
    const blocked = await send(seller, lang === 'en' ? 'Ask me about the Zanzibar Deal' : 'اسألني عن صفقة زنجبار');
    expect(blocked.status, JSON.stringify(blocked.body)).toBe(201);
    expect(blocked.body.flags).toContain('blocklisted');
    await expect
      .poll(async () => (await reviewNotes(page)).at(-1)?.body ?? '', { timeout: 15_000 })
      .toContain(lang === 'en' ? 'Zanzibar' : 'زنجبار');

    // Two items checked: the bar says how many and what it does.
    // The queue as it opens (no filter): through another section and back.
    await page.goto(app.url({ lang }));
    await expect.poll(() => page.getByTestId('frame').count(), { timeout: 30_000 }).toBe(1);
    await page.getByTestId('nav-moderation').click();
    const checks = page.getByTestId('moderation-check');
    await expect.poll(() => checks.count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await checks.nth(0).click();
    await checks.nth(1).click();
    const bar = page.getByTestId('moderation-bulk-bar');
    expect(await bar.getByTestId('moderation-bulk-count').textContent()).toBe(
      s.bulk.checked_other.replace('{{count}}', '2'),
    );
    await settle(page.getByTestId('moderation-page'));
    await screenshot(page, `moderation-scenario-${lang}-bulk`);
    await bar.getByTestId('moderation-bulk-clear').click();

    // The agent: no Moderation section, and none of this reached their page or their desk.
    await agent.settled();
    expect(await agentPage.getByTestId('nav-moderation').count()).toBe(0);
    const agentNotes = (await notesOf(agentPage)).slice(agentNotesBefore);
    expect(agentNotes.filter((n) => n.tag === REVIEW_TAG)).toEqual([]);
    expect(agent.events.filter((e) => e.name === 'moderation.review')).toEqual([]);
  });
});
