// The sessions screen as its people expect it (issue 17), end to end on the web edition in Chromium, in English and
// Arabic: the demo backend on PGlite, the real desk core signed in as the demo admin, the built app (out/renderer)
// over the web host's WebSocket bridge. One app for both languages: the language is the saved preference, switched
// through the core and the page reloaded. Each step leaves screenshots under test-results/screenshots.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportStrings } from '../../src/renderer/src/features/export/strings.ts';
import { REVIEW_TAG } from '../../src/renderer/src/features/moderation/reviewNotifications.ts';
import { sessionsStrings } from '../../src/renderer/src/features/sessions/strings.ts';
import { settingsStrings } from '../../src/renderer/src/features/settings/strings.ts';
import { SHORTCUT_GROUPS, SHORTCUTS } from '../../src/renderer/src/features/shortcuts/shortcuts.ts';
import { shortcutStrings } from '../../src/renderer/src/features/shortcuts/strings.ts';
import type { SessionFilter } from '../../src/shared/api.ts';
import { cacheSessions, readCsv } from '../integration/export/exportFiles.ts';
import { settle } from '../support/a11y.ts';
import { screenshot } from '../support/browser.ts';
import type { TestDesk } from '../support/desk.ts';
import { startWebApp, type WebApp } from '../support/webApp.ts';
import { recordedNotes, recordNotifications } from './recordNotifications.ts';

const LANGS = ['en', 'ar'] as const;
const CUSTOMER = 'customer1@demo.chatdesk';

type Lang = (typeof LANGS)[number];

describe('the sessions screen as its people expect it (issue 17)', () => {
  let app: WebApp;
  let desk: TestDesk;
  let page: Page;
  let downloads: string;

  /** Opens the app in `lang` (the saved preference) and waits for the first rows. */
  const open = async (lang: Lang, viewport = { width: 1440, height: 900 }) => {
    await desk.call('prefs.update', { locale: lang });
    await page.setViewportSize(viewport);
    // A new address (not only its fragment), so the page loads again and reads the preference.
    await page.goto(app.url({ lang }));
    await expect.poll(() => page.getByTestId('frame').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
    await expect.poll(() => page.locator('.ag-row[row-id]').count(), { timeout: 15_000 }).toBeGreaterThan(5);
  };
  const shot = async (name: string) => {
    const open = page.getByRole('dialog');
    if ((await open.count()) > 0) await settle(open.first());
    return screenshot(page, `workspace-${name}`);
  };
  const shownTotal = async () => Number(await page.getByTestId('sessions-total').getAttribute('data-total'));
  /** Opens a row's ⋯ menu, again when a reload of the row (a search's answer arriving) closed it on the way. */
  const openRowMenu = async (row: Locator) => {
    const menu = page.getByRole('menu');
    for (let attempt = 0; attempt < 3; attempt++) {
      await row.getByTestId('row-actions').click();
      try {
        await menu.waitFor({ timeout: 2000 });
        return menu;
      } catch {
        // the row was drawn again under the pointer: open it again
      }
    }
    await menu.waitFor();
    return menu;
  };

  beforeAll(async () => {
    // Waits for what the page shows take their time on a loaded machine.
    vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });
    app = await startWebApp({
      exportsDir: true,
      acceptDownloads: true,
      timeoutMs: 15_000,
      open: false,
      prepareContext: async (context, { origin }) => {
        await context.grantPermissions(['notifications'], { origin });
        await context.addInitScript(recordNotifications);
      },
    });
    ({ desk, page } = app);
    await desk.settled(60_000);
    downloads = mkdtempSync(join(tmpdir(), 'chatdesk-workspace-downloads-'));
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') {
      await screenshot(page, `workspace-failed-${ctx.task.name.replace(/[^a-zA-Z0-9]+/g, '-').slice(0, 40)}`);
    }
  });

  afterAll(async () => {
    await app?.close();
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  it.each(LANGS)(
    'in %s, the header exports everything matching the search and filters with no row checked',
    async (lang) => {
      const x = exportStrings[lang];
      await open(lang);
      // Narrow the list: a search and a filter (only sessions with unread messages).
      const filter: SessionFilter = { search: 'a', hasUnread: true };
      await page.getByTestId('sessions-search').fill('a');
      const unread = sessionsStrings[lang].filters.hasUnread;
      await page.getByText(unread, { exact: true }).click({ force: true });
      await expect.poll(() => page.getByRole('switch', { name: unread }).isChecked()).toBe(true);
      const expected = await cacheSessions(desk, filter, 'lastMessageAt', 'desc');
      await expect.poll(shownTotal, { timeout: 10_000 }).toBe(expected.length);
      expect(await page.getByTestId('bulk-bar').count()).toBe(0);
      const button = page.getByTestId('export-all-matching');
      expect(await button.getAttribute('aria-label')).toBe(x.exportAllMatching);
      expect(await button.textContent()).toBe(x.export);
      await button.click();
      await page.getByRole('menuitem', { name: 'CSV' }).waitFor({ state: 'visible' });
      await settle(page.getByRole('menu'));
      await shot(`${lang}-export-menu`);
      const download = page.waitForEvent('download');
      await page.getByRole('menuitem', { name: 'CSV' }).click();
      const file = await download;
      const saved = join(downloads, `${lang}-${file.suggestedFilename()}`);
      await file.saveAs(saved);
      const status = page.getByTestId('export-status');
      await expect.poll(() => status.getAttribute('data-state')).toBe('done');
      await settle(page.locator('.mantine-Notification-root').filter({ has: status }).first());
      await shot(`${lang}-export-done`);
      const csv = readCsv(saved);
      expect(csv.records[0]?.[0]).toBe(lang === 'ar' ? 'المنتج' : 'Product');
      expect(csv.records.slice(1).map((r) => r[0])).toEqual(expected.map((s) => s.product.name));
      expect(expected.length).toBeLessThan(150);
      await page.getByTestId('sessions-search').fill('');
      await page.getByText(unread, { exact: true }).click({ force: true });
    },
  );

  /** Every listed column's header and first-row cell lies inside the grid's viewport (left to right), in view. */
  const outOfView = async (columns: readonly string[]) =>
    page.evaluate((cols) => {
      const viewport = document.querySelector('.ag-root-wrapper')?.getBoundingClientRect();
      const firstRow = Array.from(document.querySelectorAll('.ag-row[row-index="0"]')).find((r) =>
        r.querySelector('[col-id="product"]'),
      );
      if (!viewport || !firstRow) return ['no grid'];
      const bad: string[] = [];
      for (const col of cols) {
        for (const [what, el] of [
          ['header', document.querySelector(`.ag-header-cell[col-id="${col}"]`)],
          ['cell', firstRow.querySelector(`[col-id="${col}"]`)],
        ] as const) {
          const box = el?.getBoundingClientRect();
          if (!box || box.width < 40) bad.push(`${col} ${what}: not shown`);
          else if (box.left < viewport.left - 0.5 || box.right > viewport.right + 0.5)
            bad.push(`${col} ${what}: ${box.left}–${box.right} outside ${viewport.left}–${viewport.right}`);
        }
      }
      // Nothing to scroll sideways to.
      const center = document.querySelector('.ag-center-cols-viewport');
      if (center && center.scrollWidth > center.clientWidth + 1) bad.push('the table scrolls sideways');
      return bad;
    }, columns);

  /** Headers whose words are cut off, and whether the page's header buttons sit on one line. */
  const headerLayout = async () =>
    page.evaluate(() => {
      // Cut off, or a word split across two lines (a line break inside a word shows as more lines than words).
      const cut = [...document.querySelectorAll('.ag-header-cell-text')]
        .filter((el) => {
          const lines = Math.round(
            el.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(el).lineHeight),
          );
          const words = (el.textContent ?? '').trim().split(/\s+/).length;
          return el.scrollWidth > el.clientWidth + 1 || lines > words;
        })
        .map((el) => el.textContent);
      const tops = ['new-session', 'columns-menu'].map(
        (id) => document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect().top ?? Number.NaN,
      );
      return { cut, buttonsOnOneLine: Math.abs((tops[0] as number) - (tops[1] as number)) < 1 };
    });

  it.each(LANGS)(
    'in %s at 1280×800, the table keeps product, customer, unread, last message and actions in view beside the pane',
    async (lang) => {
      const s = sessionsStrings[lang];
      await open(lang, { width: 1280, height: 800 });
      const KEPT = ['product', 'customer', 'unreadCount', 'lastMessageAt', 'actions'] as const;
      expect(await outOfView(KEPT)).toEqual([]);
      expect(await page.locator('.ag-header-cell[col-id="seller"]').count()).toBe(1);
      // Open the first row's conversation in the pane.
      const first = page.locator('.ag-row[row-index="0"]').filter({ has: page.locator('[col-id="customer"]') });
      await first.locator('[col-id="customer"]').click();
      const pane = page.getByRole('complementary');
      await expect.poll(() => page.getByTestId('close-pane').isVisible()).toBe(true);
      await expect.poll(() => page.locator('.ag-header-cell[col-id="seller"]').count()).toBe(0);
      await expect.poll(() => outOfView(KEPT)).toEqual([]);
      // The pane sits beside the table, not over it: on the right in English, on the left in Arabic.
      const grid = await page.locator('.ag-root-wrapper').boundingBox();
      const aside = await pane.boundingBox();
      if (!grid || !aside) throw new Error('grid or pane not laid out');
      if (lang === 'ar') expect(aside.x + aside.width).toBeLessThanOrEqual(grid.x + 0.5);
      else expect(aside.x).toBeGreaterThanOrEqual(grid.x + grid.width - 0.5);
      const headers = (await page.locator('.ag-header-cell-text').allTextContents()).filter(Boolean);
      expect(headers).toEqual([
        s.columns.product,
        s.columns.customer,
        s.columns.unreadCount,
        s.columns.lastMessageAt,
        s.columns.actions,
      ]);
      // No header cut off ("Last mes…", "Acti…"), and the page's buttons kept together on one line.
      expect(await headerLayout()).toEqual({ cut: [], buttonsOnOneLine: true });
      await settle(pane);
      await shot(`${lang}-pane-1280`);
      // Closing the pane puts back the whole table, and its layout was not remembered as the person's.
      await page.getByTestId('close-pane').click();
      await expect.poll(() => page.locator('.ag-header-cell[col-id="seller"]').count()).toBe(1);
      await expect.poll(() => page.locator('.ag-header-cell[col-id="messagesCount"]').count()).toBe(1);
      expect(await headerLayout()).toEqual({ cut: [], buttonsOnOneLine: true });
      const prefs = await desk.call('prefs.get', {});
      const hidden = (prefs.columnState ?? []).filter((c) => c.hide === true).map((c) => c.colId);
      expect(hidden).not.toContain('seller');
      // A wide window keeps the whole table beside the pane.
      await page.setViewportSize({ width: 1760, height: 900 });
      await first.locator('[col-id="customer"]').click();
      await expect.poll(() => page.getByTestId('close-pane').isVisible()).toBe(true);
      await settle(pane);
      expect(await page.locator('.ag-header-cell[col-id="seller"]').count()).toBe(1);
      expect(await outOfView([...KEPT, 'seller', 'messagesCount'])).toEqual([]);
      await shot(`${lang}-pane-1760`);
      await page.getByTestId('close-pane').click();
    },
  );

  /** Whether `inner` lies (at least `part` of its height) inside `outer`'s box on screen. */
  const inView = async (outer: string, inner: string, part = 1) =>
    page.evaluate(
      ([o, i, p]) => {
        const a = document.querySelector(o as string)?.getBoundingClientRect();
        const b = document.querySelector(i as string)?.getBoundingClientRect();
        if (!a || !b || b.height === 0) return false;
        const shown = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        return shown >= (p as number) * b.height - 0.5;
      },
      [outer, inner, part] as const,
    );

  it.each(LANGS)('in %s, the preview opens at the newest message, as the pane does', async (lang) => {
    const s = sessionsStrings[lang];
    await open(lang, { width: 1280, height: 800 });
    // The session with the most messages, found by its product's name.
    const most = (
      await desk.call('sessions.page', { filter: {}, sort: 'messagesCount', order: 'desc', offset: 0, limit: 1 })
    ).rows[0];
    if (!most) throw new Error('no session');
    expect(most.messagesCount).toBeGreaterThan(12);
    const messages = (await desk.call('messages.list', { sessionId: most.id, limit: 100 })).items;
    await page.getByTestId('sessions-search').fill(most.product.name);
    const matching = await desk.call('sessions.page', { filter: { search: most.product.name }, limit: 1 });
    await expect.poll(shownTotal).toBe(matching.total);
    const row = page.locator(`.ag-row[row-id="${most.id}"]`).filter({ has: page.locator('[col-id="actions"]') });
    await row.waitFor();
    await (await openRowMenu(row)).getByRole('menuitem', { name: s.actions.view }).click();
    const preview = page.getByTestId('conversation-preview');
    await preview.waitFor();
    await expect.poll(() => preview.getByTestId('message').count()).toBe(messages.length);
    await settle(page.getByRole('dialog'));
    const newest = messages[messages.length - 1]?.id as string;
    const oldest = messages[0]?.id as string;
    const viewport = '[role="dialog"] .mantine-ScrollArea-viewport';
    await expect.poll(() => inView(viewport, `[data-message-id="${newest}"]`)).toBe(true);
    expect(await inView(viewport, `[data-message-id="${oldest}"]`, 0.01)).toBe(false);
    await shot(`${lang}-preview-newest`);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.getByTestId('sessions-search').fill('');
  });

  it.each(LANGS)(
    'in %s, a session opened from message search scrolls to the message found and marks it',
    async (lang) => {
      await open(lang, { width: 1280, height: 800 });
      // A message of its own at the end of the longest session: below the fold when the page opens at the top.
      const longest = (
        await desk.call('sessions.page', { filter: {}, sort: 'messagesCount', order: 'desc', offset: 0, limit: 1 })
      ).rows[0];
      if (!longest) throw new Error('no session');
      const query = `needle${lang}${Date.now()}`;
      const target = await desk.call('messages.send', { sessionId: longest.id, body: `Order ${query} checked` });
      await desk.settled(30_000);
      const searchLabel = lang === 'ar' ? 'البحث في الرسائل' : 'Search messages';
      await page.getByRole('navigation').getByRole('button', { name: searchLabel }).click();
      await page.getByTestId('message-search-input').fill(query);
      await page.keyboard.press('Enter');
      const hit = page.locator(`[data-testid="message-hit"][data-message-id="${target.id}"]`);
      await expect.poll(() => page.getByTestId('message-hit').count()).toBe(1);
      await hit.click();
      await expect.poll(() => page.getByTestId('route').getAttribute('data-route')).toBe('session');
      const row = `[data-testid="message-row"][data-message-id="${target.id}"]`;
      await expect.poll(() => page.locator(row).getAttribute('data-highlighted')).toBe('true');
      await expect.poll(() => inView('[data-testid="route"]', row)).toBe(true);
      expect(await page.getByTestId('route').evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
      expect(await page.locator('[data-highlighted="true"]').count()).toBe(1);
      await shot(`${lang}-search-found-message`);
    },
  );

  /** The page's scheme as drawn: Mantine's attribute, AG Grid's mode, and how light the body and the grid are. */
  const drawn = () =>
    page.evaluate(() => {
      const lightness = (el: Element | null) => {
        if (!el) return Number.NaN;
        const [r = 0, g = 0, b = 0] = (getComputedStyle(el as Element).backgroundColor.match(/[\d.]+/g) ?? []).map(
          Number,
        );
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      };
      return {
        mantine: document.documentElement.getAttribute('data-mantine-color-scheme'),
        grid: document.documentElement.getAttribute('data-ag-theme-mode'),
        bodyDark: lightness(document.body) < 0.3,
        gridDark: lightness(document.querySelector('.ag-root-wrapper')) < 0.3,
      };
    });
  const DARK = { mantine: 'dark', grid: 'dark', bodyDark: true, gridDark: true };
  const LIGHT = { mantine: 'light', grid: 'light', bodyDark: false, gridDark: false };

  it.each(LANGS)(
    'in %s, light, dark or as the system: Mantine and the table follow, the choice kept by the core',
    async (lang) => {
      const t = settingsStrings[lang].appearance;
      await page.emulateMedia({ colorScheme: 'light' });
      await desk.call('prefs.update', { colorScheme: 'system' });
      await open(lang, { width: 1280, height: 800 });
      // As the system (the default): light, then dark when the system turns dark, without a reload.
      await expect.poll(drawn).toEqual(LIGHT);
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect.poll(drawn).toEqual(DARK);
      await page.locator('.ag-row[row-index="0"] [col-id="customer"]').click();
      await expect.poll(() => page.getByTestId('close-pane').isVisible()).toBe(true);
      await settle(page.getByRole('complementary'));
      await shot(`${lang}-dark-pane`);
      await page.getByTestId('close-pane').click();
      // Light, chosen in Settings, wins over the dark system and is kept by the core.
      await page.getByTestId('nav-settings').click();
      const control = page.getByTestId('color-scheme');
      await control.getByText(t.light, { exact: true }).click();
      await expect.poll(drawn).toMatchObject({ mantine: 'light', grid: 'light', bodyDark: false });
      await expect.poll(async () => (await desk.call('prefs.get', {})).colorScheme).toBe('light');
      await shot(`${lang}-light-settings`);
      // Dark, chosen while the system is light, kept across a reload.
      await page.emulateMedia({ colorScheme: 'light' });
      await control.getByText(t.dark, { exact: true }).click();
      await expect.poll(async () => (await desk.call('prefs.get', {})).colorScheme).toBe('dark');
      await expect.poll(drawn).toMatchObject({ mantine: 'dark', grid: 'dark', bodyDark: true });
      await settle(page.getByTestId('settings-page'));
      await shot(`${lang}-dark-settings`);
      await page.reload();
      await expect.poll(() => page.locator('.ag-row[row-id]').count(), { timeout: 15_000 }).toBeGreaterThan(5);
      await expect.poll(drawn).toEqual(DARK);
      await shot(`${lang}-dark-list`);
      await desk.call('prefs.update', { colorScheme: 'system' });
      await page.emulateMedia({ colorScheme: 'light' });
    },
  );

  it.each(LANGS)(
    'in %s, ? lists every shortcut, grouped; N, M, P, R and Delete act on the row in focus',
    async (lang) => {
      const k = shortcutStrings[lang];
      const s = sessionsStrings[lang];
      await page.emulateMedia({ colorScheme: 'light' });
      await open(lang, { width: 1440, height: 900 });
      // The help: every entry of the one table, under its group's heading, in the interface language.
      await page.locator('body').press('?');
      const help = page.getByTestId('shortcut-help');
      await help.waitFor();
      // The dialog names itself by its title once its title is mounted (a moment after its body).
      await expect.poll(() => page.getByRole('dialog').getAttribute('aria-labelledby')).toBeTruthy();
      expect(await page.getByRole('dialog').locator('h2').first().textContent()).toBe(k.title);
      for (const group of SHORTCUT_GROUPS) {
        const box = page.getByTestId(`shortcut-group-${group}`);
        expect(await box.getByRole('heading').textContent()).toBe(k.groups[group]);
        const ids = await box
          .getByTestId('shortcut')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-shortcut')));
        expect(ids).toEqual(SHORTCUTS.filter((x) => x.group === group).map((x) => x.id));
      }
      for (const shortcut of SHORTCUTS) {
        const row = help.locator(`[data-shortcut="${shortcut.id}"]`);
        expect(await row.locator('td').first().textContent()).toBe(k.actions[shortcut.id]);
        expect(await row.locator('kbd').allTextContents()).toEqual(shortcut.keys.map((c) => c.label));
      }
      await settle(page.getByRole('dialog'));
      await shot(`${lang}-shortcuts-light`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect.poll(drawn).toMatchObject({ mantine: 'dark' });
      await shot(`${lang}-shortcuts-dark`);
      await page.emulateMedia({ colorScheme: 'light' });
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

      // N: from the first row to the next one below with unread messages, as the core orders them.
      const rows = (
        await desk.call('sessions.page', { filter: {}, sort: 'lastMessageAt', order: 'desc', offset: 0, limit: 20 })
      ).rows;
      const next = rows.findIndex((r, i) => i > 0 && r.unreadCount > 0);
      expect(next).toBeGreaterThan(0);
      const target = rows[next] as (typeof rows)[number];
      await page.locator('.ag-row[row-index="0"] [col-id="customer"]').click();
      await page.keyboard.press('n');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.closest('.ag-row')?.getAttribute('row-id')))
        .toBe(target.id);
      // P views its conversation; Escape closes it.
      await page.keyboard.press('p');
      await expect.poll(() => page.getByTestId('conversation-preview').getAttribute('data-session-id')).toBe(target.id);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      // M marks its messages read, through the core.
      await page.locator(`.ag-row[row-id="${target.id}"] [col-id="customer"]`).click();
      await page.keyboard.press('m');
      await expect
        .poll(async () => {
          const now = await desk.call('sessions.page', {
            filter: {},
            sort: 'lastMessageAt',
            order: 'desc',
            offset: 0,
            limit: 20,
          });
          return now.rows.find((r) => r.id === target.id)?.unreadCount;
        })
        .toBe(0);
      // R puts the cursor in the pane's reply box.
      await page.locator(`.ag-row[row-id="${target.id}"] [col-id="customer"]`).click();
      await page.keyboard.press('r');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('reply-input');
      // Delete asks first (the row's own confirmation), and deletes once confirmed.
      await page.locator(`.ag-row[row-id="${target.id}"] [col-id="customer"]`).click();
      await page.keyboard.press('Delete');
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.getByRole('heading').first().textContent()).toBe(s.confirmDelete.title);
      await settle(dialog);
      await shot(`${lang}-shortcut-delete-confirm`);
      const total = async () =>
        (await desk.call('sessions.page', { filter: {}, sort: 'lastMessageAt', order: 'desc', offset: 0, limit: 1 }))
          .total;
      const before = await total();
      await dialog.getByRole('button', { name: s.confirmDelete.confirm }).click();
      await expect.poll(total).toBe(before - 1);
      await expect.poll(() => page.locator(`.ag-row[row-id="${target.id}"]`).count()).toBe(0);
    },
  );

  it.each(LANGS)('in %s, a right-click on a row opens the same actions as its row menu', async (lang) => {
    const s = sessionsStrings[lang];
    await page.emulateMedia({ colorScheme: 'light' });
    await open(lang, { width: 1440, height: 900 });
    const row = page.locator('.ag-row[row-index="1"]').filter({ has: page.locator('[col-id="actions"]') });
    const id = (await row.getAttribute('row-id')) as string;
    const menu = page.getByRole('menu');
    // The row's own menu, from its ⋯ button.
    await openRowMenu(row);
    const fromButton = await menu.getByRole('menuitem').allTextContents();
    // The session's actions (and B10's workflow actions beside them), the same from the button and the right-click.
    expect(fromButton).toEqual(
      expect.arrayContaining([s.actions.view, s.actions.manage, s.actions.edit, s.actions.delete]),
    );
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    // A right-click anywhere on the row: the same menu at the pointer, and not the browser's own.
    const prevented = page.evaluate(
      () =>
        new Promise<boolean>((resolve) =>
          document.addEventListener('contextmenu', (e) => setTimeout(() => resolve(e.defaultPrevented)), {
            once: true,
          }),
        ),
    );
    const cell = row.locator('[col-id="customer"]');
    const box = await cell.boundingBox();
    if (!box) throw new Error('no cell');
    await cell.click({ button: 'right' });
    expect(await prevented).toBe(true);
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(fromButton);
    expect(await menu.getAttribute('aria-label')).toContain(
      (await desk.call('sessions.page', { filter: {}, sort: 'lastMessageAt', order: 'desc', offset: 1, limit: 1 }))
        .rows[0]?.product.name,
    );
    const dropdown = await menu.boundingBox();
    if (!dropdown) throw new Error('no menu');
    // Beside the pointer (the click was in the middle of the cell).
    expect(Math.abs(dropdown.y - (box.y + box.height / 2))).toBeLessThan(40);
    await settle(menu);
    await shot(`${lang}-right-click-menu-light`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(drawn).toMatchObject({ mantine: 'dark' });
    await shot(`${lang}-right-click-menu-dark`);
    await page.emulateMedia({ colorScheme: 'light' });
    // Its items act on that row.
    await menu.getByRole('menuitem', { name: s.actions.view }).click();
    await expect.poll(() => page.getByTestId('conversation-preview').getAttribute('data-session-id')).toBe(id);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  it.each(LANGS)(
    'in %s, notifications: sound off, only flagged messages, quiet hours, as set under Settings',
    async (lang) => {
      const n = settingsStrings[lang].notifications;
      await page.emulateMedia({ colorScheme: 'light' });
      await desk.call('prefs.update', { notifySound: true, notifyWhich: 'all', quietHours: null });
      await open(lang, { width: 1280, height: 900 });
      const token = await app.backend.participantToken(CUSTOMER);
      const mine = await app.backend.request<{ items: Array<{ id: string }> }>('GET', '/me/sessions?limit=1', {
        token,
      });
      const sessionId = mine.body.items[0]?.id as string;
      const write = (body: string) =>
        app.backend.request('POST', `/me/sessions/${sessionId}/messages`, { token, body: { body } });
      const notes = () => recordedNotes(page);
      // The notices of new messages, which these rules govern; the demo admin also moderates, and a flagged message's
      // review notice (B9, its own tag; moderationScenario.test.ts) is not one of them.
      const noted = async (text: string) =>
        (await notes()).filter((x) => x.body.includes(text) && x.tag !== REVIEW_TAG);
      /** Waits until the window has the batch with `text` (the unread count it carries is on the sidebar badge). */
      const arrived = async (text: string) => {
        await expect
          .poll(async () => {
            const list = await desk.call('messages.list', { sessionId, limit: 5 });
            return list.items.some((m) => m.body.includes(text));
          })
          .toBe(true);
        const total = (await desk.call('unread.total', {})).total;
        await expect
          .poll(async () => Number(await page.getByTestId('nav-unread-badge').getAttribute('data-count')))
          .toBe(total);
      };

      await page.getByTestId('nav-settings').click();
      const rules = page.getByTestId('notification-rules');
      await rules.waitFor();
      /**
       * Turns a switch of the card on or off and waits until it shows it: clicked by its label (the switch's own
       * input is drawn over), again if the click landed while the page was still moving the card (a busy machine).
       */
      const setSwitch = async (label: string, on: boolean) => {
        const toggle = rules.getByRole('switch', { name: label });
        await expect
          .poll(
            async () => {
              if ((await toggle.isChecked()) !== on) {
                await rules.getByText(label, { exact: true }).click({ force: true });
              }
              return toggle.isChecked();
            },
            // Half a second between tries, so a click that did land has drawn the switch before the next look.
            { interval: 500, timeout: 10_000 },
          )
          .toBe(on);
      };
      await setSwitch(n.sound, false);
      await rules.getByText(n.whichOptions.flagged, { exact: true }).click();
      await expect
        .poll(async () => {
          const p = await desk.call('prefs.get', {});
          return [p.notifySound, p.notifyWhich, p.quietHours];
        })
        .toEqual([false, 'flagged', null]);
      // A plain message does not notify; a flagged one (a phone number) does, without sound.
      // Letters only: a long number in a message is flagged as a phone number.
      const tag = `${lang}${Date.now()
        .toString()
        .replace(/\d/g, (d) => 'abcdefghij'[Number(d)] as string)}`;
      await write(`Is it still available ${tag}?`);
      await arrived(`available ${tag}`);
      await write(`Call me on 0501234567 ${tag}`);
      await expect.poll(async () => (await noted(`0501234567 ${tag}`)).length).toBe(1);
      expect((await noted(`0501234567 ${tag}`))[0]?.silent).toBe(true);
      expect(await noted(`available ${tag}`)).toEqual([]);
      // Quiet hours around now (the browser's local time): nothing new notifies until they are switched off.
      await setSwitch(n.quiet, true);
      const now = await page.evaluate(() => {
        const d = new Date();
        const at = (m: number) => {
          const x = (((d.getHours() * 60 + d.getMinutes() + m) % 1440) + 1440) % 1440;
          return `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
        };
        return { from: at(-60), to: at(60) };
      });
      await page.getByTestId('quiet-from').fill(now.from);
      await page.getByTestId('quiet-to').fill(now.to);
      await expect.poll(async () => (await desk.call('prefs.get', {})).quietHours).toEqual(now);
      await settle(page.getByTestId('settings-page'));
      await shot(`${lang}-notification-settings-light`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect.poll(drawn).toMatchObject({ mantine: 'dark' });
      await shot(`${lang}-notification-settings-dark`);
      await page.emulateMedia({ colorScheme: 'light' });
      await write(`Call me on 0509999999 quiet ${tag}`);
      await arrived(`quiet ${tag}`);
      await setSwitch(n.quiet, false);
      await expect.poll(async () => (await desk.call('prefs.get', {})).quietHours).toBeNull();
      await write(`Call me on 0508888888 after ${tag}`);
      await expect.poll(async () => (await noted(`after ${tag}`)).length).toBe(1);
      expect(await noted(`quiet ${tag}`)).toEqual([]);
      await desk.call('prefs.update', { notifySound: true, notifyWhich: 'all', quietHours: null });
    },
  );
});
