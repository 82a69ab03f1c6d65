// Bulk actions on "all matching" over thousands of sessions (issue 17, F8), end to end on the web edition: the demo
// backend on PGlite with 6,000 more sessions, the real desk core, the built app in Chromium. Marking every unread
// session read runs as a job whose notification shows progress until it is done; deleting every session is cancelled
// from that notification, and exactly the parts queued before the cancel are gone. English in light, Arabic in dark.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessionsStrings } from '../../src/renderer/src/features/sessions/strings.ts';
import { generateBulk } from '../../src/server/db/generate.ts';
import { MAX_BULK_IDS } from '../../src/shared/bulkLimits.ts';
import type { Session } from '../../src/shared/domain.ts';
import { settle } from '../support/a11y.ts';
import type { TestBackend } from '../support/backend.ts';
import { screenshot } from '../support/browser.ts';
import type { TestDesk } from '../support/desk.ts';
import { startWebApp, type WebApp } from '../support/webApp.ts';

describe.each([
  ['en', 'light'],
  ['ar', 'dark'],
] as const)('bulk jobs in %s, %s (F8)', (lang, scheme) => {
  const s = sessionsStrings[lang] as typeof sessionsStrings.en;
  let app: WebApp;
  let backend: TestBackend;
  let desk: TestDesk;
  let page: Page;

  const shot = (name: string) => screenshot(page, `bulk-jobs-${lang}-${scheme}-${name}`);
  const backendCount = async (where: string) =>
    Number(
      (await backend.db.query<{ n: string }>(`SELECT count(*) AS n FROM chat_sessions WHERE ${where}`)).rows[0]?.n,
    );
  const shownTotal = async () => Number(await page.getByTestId('sessions-total').getAttribute('data-total'));
  /** The notification of the job over `total` sessions (an earlier one may still be closing). */
  let jobTotal = 0;
  const status = () => page.locator(`[data-testid="bulk-job-status"][data-total="${jobTotal}"]`);
  const bar = () => page.getByTestId('bulk-bar');
  /** Checks the first row on screen, then "select all matching". */
  const selectAllMatching = async (total: number) => {
    const first = (await desk.call('sessions.page', { filter: {}, limit: 1 })).rows[0] as Session;
    await expect.poll(() => page.locator('.ag-row[row-id]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const firstOnScreen = await page.locator('.ag-row[row-index="0"]').getAttribute('row-id');
    expect(firstOnScreen).toBeTruthy();
    await page.locator(`.ag-row[row-id="${firstOnScreen ?? first.id}"] .ag-selection-checkbox input`).click();
    await page.getByTestId('select-all-matching').click();
    await expect.poll(() => bar().getAttribute('data-all-matching')).toBe('true');
    await expect.poll(() => bar().getAttribute('data-count')).toBe(String(total));
  };

  beforeAll(async () => {
    app = await startWebApp({
      desk: { systemLocale: lang === 'ar' ? 'ar-SA' : 'en-US' },
      viewport: { width: 1440, height: 900 },
      locale: lang,
      open: false,
      prepareBackend: (b) => generateBulk(b.db, { sessions: 6000, messages: 12_000 }),
    });
    ({ backend, desk, page } = app);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(app.url());
    await page.getByTestId('frame').waitFor({ timeout: 30_000 });
    await desk.settled(60_000);
  }, 180_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await shot(`failed-${ctx.task.name.replace(/[^a-zA-Z0-9]+/g, '-').slice(0, 40)}`);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('marks every unread session read as a job, its progress in a notification until done', async () => {
    const unread = (await desk.call('sessions.page', { filter: { hasUnread: true }, limit: 1 })).total;
    expect(unread).toBeGreaterThan(MAX_BULK_IDS);
    jobTotal = unread;
    await page.getByRole('switch', { name: s.filters.hasUnread }).waitFor({ state: 'attached' });
    await page.getByText(s.filters.hasUnread, { exact: true }).click({ force: true });
    await expect.poll(shownTotal, { timeout: 10_000 }).toBe(unread);
    await selectAllMatching(unread);
    await bar().getByRole('button', { name: s.bulk.markRead }).click();
    const confirm = page.getByRole('dialog');
    await expect.poll(() => confirm.textContent()).toContain(String(unread));
    await confirm.getByRole('button', { name: s.confirmBulkRead.confirm }).click();
    await status().waitFor({ timeout: 10_000 });
    await shot('read-running');
    await expect.poll(() => status().getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    expect(await status().getAttribute('data-done')).toBe(String(unread));
    const doneText = s.bulkJob.doneRead.replace('{{total}}', unread.toLocaleString(lang));
    expect(await status().textContent()).toContain(doneText);
    await shot('read-done');
    expect(await backendCount('unread_count > 0')).toBe(0);
    await expect.poll(() => page.getByTestId('sessions-empty').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('clear-selection').click();
    await page.getByTestId('reset-filters').click();
  });

  it('deleting every session is cancelled from its notification: the parts queued are gone, the rest stays', async () => {
    await desk.settled(60_000);
    const before = await backendCount('true');
    jobTotal = before;
    await expect.poll(shownTotal, { timeout: 10_000 }).toBe(before);
    await selectAllMatching(before);
    await bar().getByRole('button', { name: s.bulk.delete }).click();
    const confirm = page.getByRole('dialog');
    await expect.poll(() => confirm.textContent()).toContain(String(before));
    await settle(confirm);
    await shot('delete-confirm');
    await confirm.getByRole('button', { name: s.confirmBulkDelete.confirm }).click();
    await status().waitFor({ timeout: 10_000 });
    // While it runs the bulk bar is gone (the selection cleared) and the notification offers Cancel.
    await status().getByRole('button', { name: s.cancel }).click();
    await expect.poll(() => status().getAttribute('data-state'), { timeout: 10_000 }).toBe('cancelled');
    // The part handed over before the cancel still lands: wait until the backend has exactly what the status says.
    await expect
      .poll(async () => before - (await backendCount('true')) === Number(await status().getAttribute('data-done')), {
        timeout: 30_000,
      })
      .toBe(true);
    await desk.settled(60_000);
    const done = Number(await status().getAttribute('data-done'));
    expect(done % MAX_BULK_IDS).toBe(0);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(before);
    await shot('delete-cancelled');
    expect(await status().textContent()).toContain(done.toLocaleString(lang));
    expect(await backendCount('true')).toBe(before - done);
    await expect.poll(shownTotal, { timeout: 10_000 }).toBe(before - done);
  });
});
