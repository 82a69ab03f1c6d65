// Managing canned replies end to end (B10) on the web edition, in English and in Arabic: the demo backend on PGlite,
// the real desk core signed in as the demo manager, the built app in Chromium. Under Settings the manager creates a
// canned reply (a bad shortcut first, refused on its field), edits it, sees it on the backend, and deletes it after a
// confirmation naming it. Screenshots canned-<lang>-*.png.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CannedReply } from '../../src/shared/domain.ts';
import { settle } from '../support/a11y.ts';
import type { TestBackend } from '../support/backend.ts';
import { screenshot } from '../support/browser.ts';
import type { TestDesk } from '../support/desk.ts';
import { startWebApp, type WebApp } from '../support/webApp.ts';

const WORDS = {
  en: {
    sections: 'Sections',
    settings: 'Settings',
    chars: 'Letters, digits, _ or - only (no spaces, no #)',
    confirm: 'Delete the canned reply #',
    delete: 'Delete',
  },
  ar: {
    sections: 'الأقسام',
    settings: 'الإعدادات',
    chars: 'حروف أو أرقام أو _ أو - فقط (بلا مسافات ولا #)',
    confirm: 'حذف الرد الجاهز #',
    delete: 'حذف',
  },
} as const;
const REPLY = {
  en: { shortcut: 'refund-days', title: 'Refund timing', body: 'Hello {{customer}}, refunds take 5 working days.' },
  ar: { shortcut: 'استرداد', title: 'مدة الاسترداد', body: 'مرحبًا {{customer}}، يستغرق الاسترداد 5 أيام عمل.' },
} as const;

describe('canned replies managed under Settings on the web edition (B10)', () => {
  let app: WebApp;
  let backend: TestBackend;
  let desk: TestDesk;
  let page: Page;

  const onBackend = async () =>
    (
      await backend.request<{ items: CannedReply[] }>('GET', '/admin/canned-replies?limit=500', {
        token: await backend.adminToken(),
      })
    ).body.items;
  const shot = async (name: string) => {
    const dialog = page.getByRole('dialog');
    if ((await dialog.count()) > 0) await settle(dialog.first());
    await page.waitForTimeout(300);
    return screenshot(page, `canned-${name}`);
  };

  beforeAll(async () => {
    vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });
    app = await startWebApp({
      open: false,
      timeoutMs: 15_000,
      viewport: { width: 1280, height: 900 },
      desk: { email: 'manager@demo.chatdesk', systemLocale: 'en-US' },
    });
    ({ backend, desk, page } = app);
    await desk.settled(60_000);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(page, `canned-failed-${ctx.task.id}`);
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each(['en', 'ar'] as const)('in %s: creates, edits and deletes a canned reply', async (lang) => {
    const w = WORDS[lang];
    const reply = REPLY[lang];
    await desk.call('prefs.update', { locale: lang });
    await page.goto(app.url({ lang }));
    await expect.poll(() => page.getByTestId('frame').count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('navigation', { name: w.sections }).getByRole('button', { name: w.settings }).click();
    const section = page.getByTestId('canned-replies');
    await section.scrollIntoViewIfNeeded();
    await expect.poll(() => section.getByTestId('canned-add').count()).toBe(1);

    await section.getByTestId('canned-add').click();
    const form = page.getByTestId('canned-reply-form');
    await form.getByTestId('canned-shortcut').fill('two words');
    await form.getByTestId('canned-title').fill(reply.title);
    await form.getByTestId('canned-body').fill(reply.body);
    await form.getByTestId('canned-save').click();
    await expect.poll(() => form.getByText(w.chars).count()).toBe(1);
    await shot(`${lang}-field-error`);
    await form.getByTestId('canned-shortcut').fill(reply.shortcut);
    await form.getByTestId('canned-save').click();
    await expect.poll(() => page.getByTestId('canned-reply-form').count()).toBe(0);
    const row = section.locator(`[data-testid="canned-row"][data-shortcut="${reply.shortcut}"]`);
    await expect.poll(() => row.count()).toBe(1);
    await desk.settled(30_000);
    const made = (await onBackend()).find((r) => r.shortcut === reply.shortcut);
    expect(made).toMatchObject({ title: reply.title, body: reply.body, language: lang });
    await row.scrollIntoViewIfNeeded();
    await shot(`${lang}-listed`);

    await row
      .getByRole('button', { name: new RegExp(`#${reply.shortcut}$`) })
      .first()
      .click();
    await form.getByTestId('canned-title').fill(`${reply.title} (2)`);
    await form.getByTestId('canned-save').click();
    await expect.poll(() => row.textContent()).toContain(`${reply.title} (2)`);
    await desk.settled(30_000);
    expect((await onBackend()).find((r) => r.id === made?.id)?.title).toBe(`${reply.title} (2)`);

    await row.getByRole('button', { name: `${w.delete} #${reply.shortcut}` }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain(`${w.confirm}${reply.shortcut}`);
    await shot(`${lang}-confirm-delete`);
    await dialog.getByRole('button', { name: w.delete }).click();
    await expect.poll(() => row.count()).toBe(0);
    await desk.settled(30_000);
    expect((await onBackend()).map((r) => r.id)).not.toContain(made?.id);
  });
});
