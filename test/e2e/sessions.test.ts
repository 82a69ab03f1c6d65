// The sessions screen (F2–F9, B5–B7) end to end on the web edition, as a person uses it: the demo backend on PGlite,
// the real desk core, the built app (out/renderer) served by the web host over its WebSocket bridge, Chromium. The
// person signs in on the sign-in screen as the demo admin; every expectation about rows is checked against the core's
// own answer for the same query. The Arabic run starts on an Arabic system (right to left). Each language gets its
// own backend, so the runs do not see each other's deletes.
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessionsStrings } from '../../src/renderer/src/features/sessions/strings.ts';
import type { SessionFilter, SessionSort, SortOrder } from '../../src/shared/api.ts';
import type { Session } from '../../src/shared/domain.ts';
import { settle, unnamedControls } from '../support/a11y.ts';
import type { TestBackend } from '../support/backend.ts';
import { screenshot } from '../support/browser.ts';
import type { TestDesk } from '../support/desk.ts';
import { startWebApp, type WebApp } from '../support/webApp.ts';

const CUSTOMER_EMAIL = 'customer1@demo.chatdesk';

describe.each(['en', 'ar'] as const)('the sessions screen in %s (F2–F9, B5–B7)', (lang) => {
  const s = sessionsStrings[lang] as typeof sessionsStrings.en;
  let app: WebApp;
  let backend: TestBackend;
  let desk: TestDesk;
  let page: Page;

  /** A screenshot once any open dialog has finished its opening transition. */
  const shot = async (name: string) => {
    const open = page.getByRole('dialog');
    if ((await open.count()) > 0) await settle(open.first());
    return screenshot(page, `sessions-${lang}-${name}`);
  };
  const core = (
    filter: SessionFilter = {},
    sort: SessionSort = 'lastMessageAt',
    order: SortOrder = 'desc',
    limit = 20,
  ) => desk.call('sessions.page', { filter, sort, order, offset: 0, limit });
  /** Row ids on screen, top to bottom. */
  const rowIds = () =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.ag-row[row-id]'))
        .sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')))
        .map((r) => r.getAttribute('row-id') as string),
    );
  const firstIds = async (n: number) => (await rowIds()).slice(0, n);
  const row = (id: string) => page.locator(`.ag-row[row-id="${id}"]`);
  const cell = (id: string, col: string) => row(id).locator(`[col-id="${col}"]`);
  const shownTotal = async () => Number(await page.getByTestId('sessions-total').getAttribute('data-total'));
  /** Waits until the screen shows what the core answers for the same query (first rows and total). */
  const expectScreenMatches = async (
    filter: SessionFilter,
    sort: SessionSort = 'lastMessageAt',
    order: SortOrder = 'desc',
  ) => {
    const expected = await core(filter, sort, order);
    const n = Math.min(8, expected.rows.length);
    await expect
      .poll(async () => ({ ids: await firstIds(n), total: await shownTotal() }), { timeout: 10_000 })
      .toEqual({ ids: expected.rows.slice(0, n).map((r) => r.id), total: expected.total });
    return expected;
  };
  const dialog = () => page.getByRole('dialog');
  /** Opens a row's actions menu (again if a live reload of the row closed it on the way). */
  const openRowMenu = async (id: string) => {
    const menu = page.getByRole('menu');
    for (let attempt = 0; attempt < 3; attempt++) {
      await cell(id, 'actions').getByTestId('row-actions').click();
      try {
        await menu.waitFor({ timeout: 2000 });
        return menu;
      } catch {
        // try again
      }
    }
    return menu;
  };
  /** Picks an option of a searchable dropdown by typing part of its name. */
  const choose = async (input: Locator, text: string, option = text) => {
    await input.click();
    await input.fill(text);
    await page.getByRole('option').filter({ hasText: option }).first().click();
  };
  // Mantine's switch input is visually hidden; a person clicks its label.
  const toggle = async (label: string) => {
    await expect.poll(() => page.locator('.mantine-Modal-overlay').count()).toBe(0);
    const input = page.getByRole('switch', { name: label });
    const was = await input.isChecked();
    await page.getByText(label, { exact: true }).click({ force: true });
    await expect.poll(() => input.isChecked()).toBe(!was);
  };
  /**
   * Checks a row's box and waits until it shows checked; clicked again if the click landed while the grid was moving
   * the row (the bulk bar appearing above it after the first check, a live update redrawing it).
   */
  const checkRow = async (id: string) => {
    const box = row(id).locator('.ag-selection-checkbox input[type="checkbox"]');
    await expect
      .poll(
        async () => {
          if (!(await box.isChecked())) await box.click();
          return box.isChecked();
        },
        // Half a second between tries, so a click that did land has drawn the box before the next look.
        { interval: 500, timeout: 10_000 },
      )
      .toBe(true);
  };

  beforeAll(async () => {
    app = await startWebApp({
      signIn: false,
      desk: { systemLocale: lang === 'ar' ? 'ar-SA' : 'en-US' },
      viewport: { width: 1760, height: 960 },
      locale: lang,
    });
    ({ backend, desk, page } = app);
  });

  // A failed step leaves what it saw, and no dialog open for the next one.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') {
      await shot(`failed-${ctx.task.name.replace(/[^a-zA-Z0-9]+/g, '-').slice(0, 40)}`);
      for (let i = 0; i < 3 && (await dialog().count()) > 0; i++) await page.keyboard.press('Escape');
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  it('signs in on the sign-in screen and opens on the sessions screen (F1, F2)', async () => {
    const form = page.getByTestId('sign-in');
    await form.waitFor({ timeout: 20_000 });
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('frame').count(), { timeout: 30_000 }).toBe(1);
    await desk.settled(60_000);
    expect(await page.getByTestId('route').getAttribute('data-route')).toBe('sessions');
    await expect.poll(() => page.locator('.ag-row[row-id]').count(), { timeout: 15_000 }).toBeGreaterThan(5);
  });

  it('lists every session, most recent first, with the columns of F3 (F2, F3, F4, B5)', async () => {
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    if (lang === 'ar') expect(await page.locator('.ag-root-wrapper.ag-rtl, .ag-rtl').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('heading', { name: s.title }).count()).toBe(1);
    const expected = await expectScreenMatches({});
    expect(expected.total).toBe(150);
    const headers = (await page.locator('.ag-header-cell-text').allTextContents()).filter(Boolean);
    expect(headers).toEqual([
      s.columns.product,
      s.columns.customer,
      s.columns.seller,
      s.columns.messagesCount,
      s.columns.unreadCount,
      s.columns.status,
      s.columns.assignee,
      s.columns.lastMessageAt,
      s.columns.actions,
    ]);
    // Product cut to 30 characters, the full name on hover.
    const long = (await core({}, 'lastMessageAt', 'desc', 150)).rows.find(
      (r) => Array.from(r.product.name).length > 30,
    );
    expect(long, 'the demo has a product name over 30 characters').toBeTruthy();
    const longSession = long as Session;
    await page.getByTestId('sessions-search').fill(longSession.product.name);
    await expect.poll(() => cell(longSession.id, 'product').count(), { timeout: 10_000 }).toBe(1);
    const productCell = cell(longSession.id, 'product').getByTestId('product-cell');
    expect(await productCell.getAttribute('title')).toBe(longSession.product.name);
    expect(await productCell.textContent()).toBe(`${Array.from(longSession.product.name).slice(0, 30).join('')}…`);
    await page.getByTestId('sessions-search').fill('');
    await expectScreenMatches({});
    // Counts as badges: messages blue; unread yellow above zero, green at zero.
    for (const r of expected.rows.slice(0, 8)) {
      const messages = cell(r.id, 'messagesCount').getByTestId('messages-badge');
      expect(await messages.textContent()).toBe(String(r.messagesCount));
      expect(await messages.getAttribute('data-color')).toBe('blue');
      const unread = cell(r.id, 'unreadCount').getByTestId('unread-badge');
      expect(await unread.textContent()).toBe(String(r.unreadCount));
      expect(await unread.getAttribute('data-color')).toBe(r.unreadCount > 0 ? 'yellow' : 'green');
      const time = cell(r.id, 'lastMessageAt').locator('time');
      expect(await time.getAttribute('datetime')).toBe(r.lastMessageAt);
    }
    const someAgo = await cell(expected.rows[0]?.id as string, 'lastMessageAt').textContent();
    expect(someAgo).toMatch(lang === 'ar' ? /قبل|الآن|أمس/ : /ago|now|yesterday/);
    // The grid's own screen-reader words are in the interface language too.
    expect(
      await row(expected.rows[0]?.id as string)
        .locator('.ag-selection-checkbox input')
        .getAttribute('aria-label'),
    ).toBe(`${s.grid.ariaRowToggleSelection} (${s.grid.ariaUnchecked})`);
    // Every control has a name a screen reader can say, in the interface language.
    expect(await unnamedControls(page)).toEqual([]);
    // Created and updated are hidden until shown from the column menu.
    expect(await page.locator('.ag-header-cell[col-id="createdAt"]').count()).toBe(0);
    await page.getByTestId('columns-menu').click();
    await page.getByTestId('column-toggle-createdAt').getByRole('checkbox').click();
    await page.getByTestId('column-toggle-updatedAt').getByRole('checkbox').click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('menu').count()).toBe(0);
    await expect.poll(() => page.locator('.ag-header-cell[col-id="createdAt"]').count()).toBe(1);
    expect(await page.locator('.ag-header-cell[col-id="updatedAt"] .ag-header-cell-text').textContent()).toBe(
      s.columns.updatedAt,
    );
    const createdText = await cell(expected.rows[0]?.id as string, 'createdAt').textContent();
    expect(createdText).toBe(
      new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' }).format(
        new Date(expected.rows[0]?.createdAt as string),
      ),
    );
    await shot('list');
    // Names keep their first letters however narrow the table: each is cut at its own end, in its own direction (an
    // English name in the Arabic table too, B5).
    await page.setViewportSize({ width: 1000, height: 960 });
    try {
      const names = async () =>
        page.evaluate(() =>
          [...document.querySelectorAll('[data-testid$="-cell"][dir="auto"]')].flatMap((el) => {
            const text = el.firstChild;
            if (!text?.textContent) return [];
            const range = document.createRange();
            range.setStart(text, 0);
            range.setEnd(text, Array.from(text.textContent)[0]?.length ?? 1);
            const first = range.getBoundingClientRect();
            const box = el.getBoundingClientRect();
            const shown = first.left >= box.left - 1 && first.right <= box.right + 1;
            return [{ name: el.textContent, cut: el.scrollWidth > el.clientWidth, shown }];
          }),
        );
      await expect.poll(async () => (await names()).some((n) => n.cut), { timeout: 10_000 }).toBe(true);
      const seen = await names();
      expect(seen.filter((n) => !n.shown)).toEqual([]);
      expect(seen.filter((n) => n.cut && /^[A-Za-z]/.test(n.name ?? '')).length).toBeGreaterThan(0);
      await shot('narrow');
    } finally {
      await page.setViewportSize({ width: 1760, height: 960 });
    }
  });

  it('sorts by each column header through the core (F3, F4)', async () => {
    const header = (col: string) => page.locator(`.ag-header-cell[col-id="${col}"] .ag-header-cell-label`);
    await header('customer').click();
    await expectScreenMatches({}, 'customer', 'asc');
    await header('customer').click();
    await expectScreenMatches({}, 'customer', 'desc');
    await header('messagesCount').click();
    await expectScreenMatches({}, 'messagesCount', 'desc');
    await header('unreadCount').click();
    await expectScreenMatches({}, 'unreadCount', 'desc');
    await header('product').click();
    await expectScreenMatches({}, 'product', 'asc');
    await header('seller').click();
    await expectScreenMatches({}, 'seller', 'asc');
    await header('createdAt').click();
    await expectScreenMatches({}, 'createdAt', 'desc');
    await header('updatedAt').click();
    await expectScreenMatches({}, 'updatedAt', 'desc');
    await shot('sorted-updated');
    await header('lastMessageAt').click();
    await expectScreenMatches({}, 'lastMessageAt', 'desc');
  });

  it('searches product, customer and seller names from one box (F5)', async () => {
    const { rows } = await core();
    const target = rows[3] as Session;
    const search = page.getByTestId('sessions-search');
    for (const text of [target.customer.name, target.seller.name, target.product.name.slice(0, 8)]) {
      await search.fill(text);
      const expected = await expectScreenMatches({ search: text });
      expect(expected.total).toBeGreaterThan(0);
      expect(expected.total).toBeLessThan(150);
    }
    await search.fill(target.customer.name);
    await expectScreenMatches({ search: target.customer.name });
    await shot('search');
    await search.fill('no such thing zzzz');
    await expect.poll(() => page.getByTestId('sessions-empty').textContent()).toContain(s.empty);
    await shot('search-empty');
    await search.fill('');
    await expectScreenMatches({});
  });

  it('filters by customer, seller and product dropdowns and the two toggles, combined, with an indicator and a reset (F6)', async () => {
    const { rows } = await core();
    const target = rows[0] as Session;
    expect(await page.getByTestId('active-filters').getAttribute('data-count')).toBe('0');
    await choose(page.getByTestId('filter-customer'), target.customer.name);
    await expectScreenMatches({ customerId: target.customer.id });
    expect(await page.getByTestId('active-filters').textContent()).toBe(s.filters.active_one.replace('{{count}}', '1'));
    await choose(page.getByTestId('filter-seller'), target.seller.name);
    await expectScreenMatches({ customerId: target.customer.id, sellerId: target.seller.id });
    await page.getByTestId('reset-filters').click();
    await expectScreenMatches({});
    // The product dropdown searches every product through the core.
    await choose(page.getByTestId('filter-product'), target.product.name.slice(0, 10), target.product.name);
    await expectScreenMatches({ productId: target.product.id });
    await page.getByTestId('reset-filters').click();
    await toggle(s.filters.hasUnread);
    const unread = await expectScreenMatches({ hasUnread: true });
    expect(unread.total).toBeGreaterThan(0);
    for (const r of unread.rows.slice(0, 5)) expect(r.unreadCount).toBeGreaterThan(0);
    await toggle(s.filters.recent);
    await expectScreenMatches({ hasUnread: true, activeWithinDays: 7 });
    expect(await page.getByTestId('active-filters').getAttribute('data-count')).toBe('2');
    await page.getByTestId('sessions-search').fill(target.seller.name);
    await expectScreenMatches({ hasUnread: true, activeWithinDays: 7, search: target.seller.name });
    await shot('filters');
    await page.getByTestId('reset-filters').click();
    await expectScreenMatches({});
    expect(await page.getByTestId('active-filters').getAttribute('data-count')).toBe('0');
    expect(await page.getByTestId('sessions-search').inputValue()).toBe('');
  });

  it('opens the list filtered to one customer from the Users section, the filter shown in its dropdown (F13, F6)', async () => {
    const users = await desk.call('users.list', { role: 'customer', search: '', offset: 0, limit: 20 });
    const user = users.items.find((u) => u.sessionsCount > 0);
    if (!user) throw new Error('no customer with sessions');
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-page').waitFor();
    const userRow = page.getByTestId('user-row').filter({ hasText: user.email });
    await userRow.getByRole('button').first().click();
    await expect.poll(() => page.getByTestId('route').getAttribute('data-route')).toBe('sessions');
    const expected = await expectScreenMatches({ customerId: user.id });
    expect(expected.total).toBe(user.sessionsCount);
    await expect.poll(() => page.getByTestId('filter-customer').inputValue()).toBe(user.name);
    expect(await page.getByTestId('active-filters').getAttribute('data-count')).toBe('1');
    await shot('from-users');
    await page.getByTestId('reset-filters').click();
    await expectScreenMatches({});
  });

  it('previews a conversation, opens its messages page, edits and deletes a session from its row (F7)', async () => {
    const { rows } = await core();
    const target = rows[1] as Session;
    // View conversation: a modal, the list stays.
    let menu = await openRowMenu(target.id);
    await menu.getByRole('menuitem', { name: s.actions.view }).click();
    await expect.poll(() => page.getByTestId('conversation-preview').getAttribute('data-session-id')).toBe(target.id);
    await expect.poll(() => page.getByTestId('conversation-preview').getByTestId('message').count()).toBeGreaterThan(0);
    await shot('preview');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('conversation-preview').count()).toBe(0);
    // Manage messages: the session's page.
    menu = await openRowMenu(target.id);
    await menu.getByRole('menuitem', { name: s.actions.manage }).click();
    await expect.poll(() => page.getByTestId('session-messages-page').getAttribute('data-session-id')).toBe(target.id);
    await shot('manage-messages');
    await page.getByTestId('nav-sessions').click();
    await expect.poll(() => row(target.id).count(), { timeout: 10_000 }).toBe(1);
    // Edit: the form comes filled in; a new customer is saved and shown.
    menu = await openRowMenu(target.id);
    await menu.getByRole('menuitem', { name: s.actions.edit }).click();
    await expect.poll(() => dialog().getByTestId('form-customer').inputValue()).toBe(target.customer.name);
    expect(await dialog().getByTestId('form-product').inputValue()).toBe(target.product.name);
    expect(await dialog().getByTestId('form-seller').inputValue()).toBe(target.seller.name);
    const others = await desk.call('options.users', { role: 'customer', search: '', limit: 10 });
    const newCustomer = others.items.find((o) => o.id !== target.customer.id);
    if (!newCustomer) throw new Error('no other customer');
    await choose(dialog().getByTestId('form-customer'), newCustomer.label);
    await shot('edit-form');
    await dialog().getByRole('button', { name: s.form.save, exact: true }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(() => cell(target.id, 'customer').textContent(), { timeout: 10_000 }).toBe(newCustomer.label);
    expect((await desk.call('sessions.get', { id: target.id })).customer.id).toBe(newCustomer.id);
    // Delete: a confirmation naming the session and saying all its messages go.
    const before = (await core()).total;
    menu = await openRowMenu(target.id);
    await menu.getByRole('menuitem', { name: s.actions.delete }).click();
    const confirm = dialog();
    await expect.poll(() => confirm.textContent()).toContain(target.product.name);
    const text = (await confirm.textContent()) ?? '';
    expect(text).toContain(newCustomer.label);
    expect(text).toContain(lang === 'en' ? 'with all its messages' : 'مع كل رسائلها');
    await shot('delete-confirm');
    await confirm.getByRole('button', { name: s.confirmDelete.confirm }).click();
    await expect.poll(() => row(target.id).count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(shownTotal).toBe(before - 1);
    const gone = await desk.result('sessions.get', { id: target.id });
    expect(gone.ok).toBe(false);
  });

  it('marks checked rows read and deletes checked rows after a confirmation with the count (F8)', async () => {
    const unread = await core({ hasUnread: true });
    const [a, b] = unread.rows as [Session, Session];
    await page.getByTestId('sessions-search').fill('');
    await expectScreenMatches({});
    // Bring both rows on screen through the unread filter, check them, act.
    await toggle(s.filters.hasUnread);
    await expectScreenMatches({ hasUnread: true });
    await checkRow(a.id);
    await checkRow(b.id);
    await expect.poll(() => page.getByTestId('bulk-bar').getAttribute('data-count')).toBe('2');
    // What the grid announces of a checked row is in the interface language (its own words, B5).
    const announced = (await page.locator('.ag-aria-description-container').allTextContents()).join(' ');
    expect(announced).not.toMatch(/Press SPACE/); // the grid's own default wording
    if (lang === 'ar') expect(announced).not.toMatch(/[A-Za-z]{3}/);
    await shot('bulk-selected');
    await page.getByTestId('bulk-bar').getByRole('button', { name: s.bulk.markRead }).click();
    await expect
      .poll(async () => (await desk.call('sessions.get', { id: a.id })).unreadCount, { timeout: 10_000 })
      .toBe(0);
    expect((await desk.call('sessions.get', { id: b.id })).unreadCount).toBe(0);
    await expectScreenMatches({ hasUnread: true });
    await page.getByTestId('reset-filters').click();
    await expectScreenMatches({});
    // Both still checked after the list changed under them; their badges now green.
    await page.getByTestId('sessions-search').fill(a.customer.name);
    await expect
      .poll(() => cell(a.id, 'unreadCount').getByTestId('unread-badge').getAttribute('data-color'))
      .toBe('green');
    expect(await row(a.id).getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('sessions-search').fill('');
    await expectScreenMatches({});
    const before = (await core()).total;
    await page.getByTestId('bulk-bar').getByRole('button', { name: s.bulk.delete }).click();
    const confirm = dialog();
    await expect
      .poll(() => confirm.textContent())
      .toContain(lang === 'en' ? 'Delete 2 chat sessions?' : 'حذف 2 جلسة محادثة؟');
    await shot('bulk-delete-confirm');
    await confirm.getByRole('button', { name: s.confirmBulkDelete.confirm }).click();
    await expect.poll(shownTotal, { timeout: 10_000 }).toBe(before - 2);
    expect((await desk.result('sessions.get', { id: a.id })).ok).toBe(false);
    expect((await desk.result('sessions.get', { id: b.id })).ok).toBe(false);
    expect(await page.getByTestId('bulk-bar').count()).toBe(0);
    // "Select all matching": the action names the filter and the count confirmed, every matching session is read.
    await toggle(s.filters.hasUnread);
    const matching = await expectScreenMatches({ hasUnread: true });
    const first = matching.rows[0] as Session;
    await checkRow(first.id);
    await page.getByTestId('select-all-matching').click();
    await expect.poll(() => page.getByTestId('bulk-bar').getAttribute('data-all-matching')).toBe('true');
    expect(await page.getByTestId('bulk-count').textContent()).toContain(String(matching.total));
    await shot('bulk-all-matching');
    await page.getByTestId('bulk-bar').getByRole('button', { name: s.bulk.markRead }).click();
    // "All matching" asks first, showing the count it then sends as the one confirmed.
    const confirmRead = dialog();
    await expect.poll(() => confirmRead.textContent()).toContain(String(matching.total));
    await confirmRead.getByRole('button', { name: s.confirmBulkRead.confirm }).click();
    await expect.poll(async () => (await core({ hasUnread: true })).total, { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('sessions-empty').textContent(), { timeout: 10_000 }).toContain(s.empty);
    await page.getByTestId('clear-selection').click();
    await page.getByTestId('reset-filters').click();
    await expectScreenMatches({});
  });

  it('creates sessions with Create, Create & create another and Cancel, with errors on the fields (F9)', async () => {
    const before = (await core()).total;
    await page.getByTestId('new-session').click();
    const form = dialog();
    await expect.poll(() => form.getByTestId('session-form').count()).toBe(1);
    // Default now, shown m/d/Y h:i:s AM/PM.
    const shown = await form.getByTestId('form-last-message-at').textContent();
    expect(shown).toMatch(
      lang === 'en'
        ? /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} (AM|PM)$/
        : /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} (ص|م)$/,
    );
    expect(await form.getByRole('button', { name: s.form.create, exact: true }).count()).toBe(1);
    expect(await form.getByRole('button', { name: s.form.createAnother, exact: true }).count()).toBe(1);
    expect(await form.getByRole('button', { name: s.form.cancel, exact: true }).count()).toBe(1);
    expect(await unnamedControls(page)).toEqual([]);
    // Empty: each required field says so.
    await form.getByRole('button', { name: s.form.create, exact: true }).click();
    await expect.poll(() => form.getByText(s.form.required).count()).toBe(3);
    await shot('create-errors');
    const products = await desk.call('options.products', { search: '', limit: 5 });
    const customers = await desk.call('options.users', { role: 'customer', search: '', limit: 5 });
    const [p1, p2] = products.items as [(typeof products.items)[0], (typeof products.items)[0]];
    const [c1, c2] = customers.items as [(typeof customers.items)[0], (typeof customers.items)[0]];
    // Choosing a product proposes its seller.
    await choose(form.getByTestId('form-product'), p1.label);
    await expect.poll(() => form.getByTestId('form-seller').inputValue()).toBe(p1.hint);
    await choose(form.getByTestId('form-customer'), c1.label);
    await form.getByRole('button', { name: s.form.createAnother, exact: true }).click();
    // Saved, and the form stays, empty.
    await expect.poll(() => form.getByTestId('form-product').inputValue(), { timeout: 10_000 }).toBe('');
    expect(await form.getByTestId('form-customer').inputValue()).toBe('');
    expect(await form.getByTestId('form-seller').inputValue()).toBe('');
    await expect.poll(async () => (await core()).total).toBe(before + 1);
    await shot('create-another');
    await choose(form.getByTestId('form-product'), p2.label);
    await choose(form.getByTestId('form-customer'), c2.label);
    await form.getByRole('button', { name: s.form.create, exact: true }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    // Back on the list, visible there at once (now is the most recent).
    const after = await expectScreenMatches({});
    expect(after.total).toBe(before + 2);
    const top = after.rows.slice(0, 2);
    expect(top.map((r) => r.product.id).sort()).toEqual([p1.id, p2.id].sort());
    await shot('created');
    // Cancel: nothing saved.
    await page.getByTestId('new-session').click();
    await choose(dialog().getByTestId('form-product'), p1.label);
    await dialog().getByRole('button', { name: s.form.cancel, exact: true }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    expect((await core()).total).toBe(before + 2);
  });

  it('moves a session that gets a new message to the top without losing scroll or checked rows (F4, live)', async () => {
    const token = await backend.participantToken(CUSTOMER_EMAIL);
    const mine = await backend.request<{ items: Session[] }>('GET', '/me/sessions?limit=50', { token });
    const all = (await core({}, 'lastMessageAt', 'desc', 200)).rows;
    // The customer's least recent session, far down the list.
    const ids = new Set(mine.body.items.map((x) => x.id));
    const target = [...all].reverse().find((r) => ids.has(r.id)) as Session;
    const keep = all[2] as Session;
    await expectScreenMatches({});
    await checkRow(keep.id);
    const viewport = page.locator('.ag-grid-viewport');
    await viewport.evaluate((el) => el.scrollBy(0, 88));
    const scrolled = await viewport.evaluate((el) => el.scrollTop);
    expect(scrolled).toBeGreaterThan(0);
    const sent = await backend.request('POST', `/me/sessions/${target.id}/messages`, {
      token,
      body: { body: 'Is it in stock?' },
    });
    expect(sent.status).toBeLessThan(300);
    await expect.poll(async () => (await core()).rows[0]?.id, { timeout: 15_000 }).toBe(target.id);
    await expect.poll(() => row(target.id).getAttribute('row-index'), { timeout: 10_000 }).toBe('0');
    expect(await viewport.evaluate((el) => el.scrollTop)).toBe(scrolled);
    expect(await row(keep.id).getAttribute('aria-selected')).toBe('true');
    await viewport.evaluate((el) => el.scrollTo(0, 0));
    await expect
      .poll(() => cell(target.id, 'unreadCount').getByTestId('unread-badge').getAttribute('data-color'))
      .toBe('yellow');
    await shot('live-top');
    await page.getByTestId('clear-selection').click();
  });

  it('works from the keyboard: / searches, arrows move, Enter opens, Escape closes (B6)', async () => {
    const { rows } = await core();
    await page.getByRole('heading', { name: s.title }).click();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('sessions-search');
    await page.keyboard.press('Escape');
    await cell(rows[0]?.id as string, 'customer').click();
    await expect.poll(() => page.getByTestId('conversation-pane').getAttribute('data-session-id')).toBe(rows[0]?.id);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('conversation-pane').getAttribute('data-session-id')).toBe(rows[1]?.id);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('conversation-pane').getAttribute('data-session-id')).toBe(rows[2]?.id);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.getByTestId('conversation-pane').getAttribute('data-session-id')).toBe(rows[1]?.id);
    // The pane beside the table follows the row in focus.
    await expect.poll(() => page.getByTestId('conversation-pane').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('conversation-preview').getAttribute('data-session-id')).toBe(rows[1]?.id);
    await shot('keyboard-open');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('conversation-preview').count()).toBe(0);
  });

  it('saves a named view and remembers the column layout across a reload (B7)', async () => {
    const { rows } = await core();
    const seller = (rows[0] as Session).seller;
    await toggle(s.filters.hasUnread);
    await choose(page.getByTestId('filter-seller'), seller.name);
    await page.locator(`.ag-header-cell[col-id="messagesCount"] .ag-header-cell-label`).click();
    await expectScreenMatches({ hasUnread: true, sellerId: seller.id }, 'messagesCount', 'desc');
    await page.getByTestId('saved-views').click();
    await page.getByTestId('save-view').click();
    await dialog().getByTestId('view-name').fill('Seller unread');
    await dialog().getByRole('button', { name: s.views.saveButton }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    const prefs = await desk.call('prefs.get', {});
    expect(prefs.savedViews.map((v) => v.name)).toContain('Seller unread');
    // Hide a column, then reload: the layout and the view come back.
    await page.getByTestId('columns-menu').click();
    await page.getByTestId('column-toggle-seller').getByRole('checkbox').click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ag-header-cell[col-id="seller"]').count()).toBe(0);
    await expect
      .poll(async () => (await desk.call('prefs.get', {})).columnState?.find((c) => c.colId === 'seller')?.hide)
      .toBe(true);
    await page.reload();
    await expect.poll(() => page.locator('.ag-row[row-id]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.ag-header-cell[col-id="createdAt"]').count()).toBe(1);
    expect(await page.locator('.ag-header-cell[col-id="seller"]').count()).toBe(0);
    await expectScreenMatches({}, 'messagesCount', 'desc');
    await page.getByTestId('saved-views').click();
    await page.getByTestId('saved-view').filter({ hasText: 'Seller unread' }).click();
    await expectScreenMatches({ hasUnread: true, sellerId: seller.id }, 'messagesCount', 'desc');
    await expect.poll(() => page.getByTestId('filter-seller').inputValue()).toBe(seller.name);
    await shot('saved-view');
    expect(app.pageErrors).toEqual([]);
  });
});
