// The bulk bar's workflow actions end to end (B10) on the web edition, in English and in Arabic: the demo backend on
// PGlite with 2,500 more sessions, the real desk core signed in as the demo admin, the built app in Chromium. Two
// checked sessions are snoozed until tomorrow 9:00 from the bulk bar (the backend has it, the open view loses them);
// then every open session (more than 1,000) is snoozed as a job whose notification follows it to the end, and the
// backend has them all snoozed. Screenshots bulk-workflow-<lang>-*.png.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessionsStrings } from '../../src/renderer/src/features/sessions/strings.ts';
import { generateBulk } from '../../src/server/db/generate.ts';
import { MAX_BULK_IDS } from '../../src/shared/bulkLimits.ts';
import { settle } from '../support/a11y.ts';
import type { TestBackend } from '../support/backend.ts';
import { screenshot } from '../support/browser.ts';
import type { TestDesk } from '../support/desk.ts';
import { startWebApp, type WebApp } from '../support/webApp.ts';

describe.each(['en', 'ar'] as const)('bulk workflow actions in %s (B10)', (lang) => {
  const s = sessionsStrings[lang] as typeof sessionsStrings.en;
  let app: WebApp;
  let backend: TestBackend;
  let desk: TestDesk;
  let page: Page;

  const shot = async (name: string) => {
    await page.waitForTimeout(300);
    return screenshot(page, `bulk-workflow-${lang}-${name}`);
  };
  const backendCount = async (where: string) =>
    Number(
      (await backend.db.query<{ n: string }>(`SELECT count(*) AS n FROM chat_sessions WHERE ${where}`)).rows[0]?.n,
    );
  const bar = () => page.getByTestId('bulk-bar');
  const rowIds = () =>
    page.locator('.ag-row[row-id]').evaluateAll((rows) => {
      const seen = new Map<string, number>();
      for (const r of rows) seen.set(r.getAttribute('row-id') ?? '', Number(r.getAttribute('row-index')));
      return [...seen].sort((a, b) => a[1] - b[1]).map(([id]) => id);
    });

  beforeAll(async () => {
    app = await startWebApp({
      desk: { systemLocale: lang === 'ar' ? 'ar-SA' : 'en-US' },
      viewport: { width: 1440, height: 900 },
      locale: lang,
      open: false,
      prepareBackend: (b) => generateBulk(b.db, { sessions: 2500, messages: 2500 }),
    });
    ({ backend, desk, page } = app);
    await desk.call('prefs.update', { locale: lang });
    await page.goto(app.url({ lang }));
    await page.getByTestId('frame').waitFor({ timeout: 30_000 });
    await desk.settled(60_000);
  }, 180_000);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot('failed');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('snoozes two checked sessions until tomorrow, then every open one as a job with progress', async () => {
    // All open, from the sidebar.
    await page.getByTestId('view-allOpen').click();
    await expect.poll(() => rowIds().then((ids) => ids.length), { timeout: 15_000 }).toBeGreaterThan(2);
    const [a, b] = await rowIds();
    for (const id of [a, b]) await page.locator(`.ag-row[row-id="${id}"] .ag-selection-checkbox input`).click();
    await expect.poll(() => bar().getAttribute('data-count')).toBe('2');
    await page.getByTestId('bulk-snooze').click();
    await page.getByRole('menuitem', { name: s.workflow.snoozeTomorrow }).waitFor();
    await shot('snooze-menu');
    await page.getByRole('menuitem', { name: s.workflow.snoozeTomorrow }).click();
    await expect.poll(() => rowIds().then((ids) => ids.includes(a as string) || ids.includes(b as string))).toBe(false);
    await desk.settled(30_000);
    expect(await backendCount(`id IN ('${a}', '${b}') AND snoozed_until > now()`)).toBe(2);

    // Every open session left: more than one request names, so a job in parts.
    const open = await backendCount(`status = 'open' AND (snoozed_until IS NULL OR snoozed_until <= now())`);
    expect(open).toBeGreaterThan(MAX_BULK_IDS);
    const first = (await rowIds())[0] as string;
    await page.locator(`.ag-row[row-id="${first}"] .ag-selection-checkbox input`).click();
    await page.getByTestId('select-all-matching').click();
    await expect.poll(() => bar().getAttribute('data-count')).toBe(String(open));
    await page.getByTestId('bulk-snooze').click();
    await page.getByRole('menuitem', { name: s.workflow.snoozeHour }).click();
    const status = page.locator(`[data-testid="bulk-job-status"][data-total="${open}"]`);
    await status.first().waitFor({ timeout: 15_000 });
    await settle(status.first());
    await shot('job-running');
    await expect.poll(() => status.first().getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    await shot('job-done');
    await desk.settled(60_000);
    expect(await backendCount(`status = 'open' AND (snoozed_until IS NULL OR snoozed_until <= now())`)).toBe(0);
  });
});
