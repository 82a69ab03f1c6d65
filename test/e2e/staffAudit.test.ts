// Staff accounts and the audit log (B4) as people meet them on the web edition: the built renderer served by the
// web host, the real desk core, the demo backend on PGlite, Chromium. An admin creates an agent account (a taken
// e-mail refused on its field first); the audit log shows the creation, newest first; signing in as that agent
// hides the Staff accounts and Audit log entries, and the backend refuses the agent the audit log anyway. Back as the
// admin, disabling the agent and enabling it again each ask first, show in the row, and are the newest audit entries.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle, unnamedControls } from '../support/a11y.ts';
import { DEMO_PASSWORD, type TestBackend } from '../support/backend.ts';
import { screenshot } from '../support/browser.ts';
import { DEMO_ADMIN, type TestDesk } from '../support/desk.ts';
import { startWebApp, type WebApp } from '../support/webApp.ts';

const NEW_AGENT = { name: 'Nour Agent', email: 'nour.agent@demo.chatdesk', password: 'nour-password-1' };

describe('staff accounts and audit log on the web edition (B4)', () => {
  let app: WebApp;
  let backend: TestBackend;
  let desk: TestDesk;
  let page: Page;
  /** Taken before the run: a sign-in of its own would be the newest audit entry. */
  let adminToken: string;

  const nav = () => page.getByTestId('sidebar');

  beforeAll(async () => {
    app = await startWebApp({ signIn: false, desk: { systemLocale: 'en-US' } });
    ({ backend, desk, page } = app);
    adminToken = await backend.adminToken();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('an admin sees Staff accounts and creates an agent account (a taken e-mail refused on its field)', async () => {
    await app.signIn(DEMO_ADMIN.email, DEMO_PASSWORD);
    await nav().getByRole('button', { name: 'Staff accounts' }).click();
    const table = page.getByTestId('staff-table');
    await expect.poll(() => table.getByTestId('staff-row').count(), { timeout: 15_000 }).toBe(4);
    expect((await table.getByTestId('role-badge').allTextContents()).sort()).toEqual([
      'Admin',
      'Manager',
      'Moderator',
      'Support agent',
    ]);

    await page.getByRole('button', { name: 'New staff account' }).click();
    const dialog = page.getByRole('dialog', { name: 'New staff account' });
    await dialog.getByLabel('Name').fill(NEW_AGENT.name);
    await dialog.getByLabel('E-mail').fill('agent@demo.chatdesk');
    await dialog.getByRole('textbox', { name: 'Password' }).fill(NEW_AGENT.password);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => dialog.getByText('is already used').count()).toBe(1);
    expect(await dialog.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'staff-create-field-error');

    await dialog.getByLabel('E-mail').fill(NEW_AGENT.email);
    await dialog.getByRole('button', { name: 'Create' }).click();
    const row = table.locator(`[data-email="${NEW_AGENT.email}"]`);
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await row.getByTestId('role-badge').textContent()).toBe('Support agent');
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'staff-list-created');

    // The backend holds it: the account exists with the agent role.
    const staff = await backend.request<{ items: { email: string; role: string }[] }>('GET', '/admin/staff', {
      token: adminToken,
    });
    expect(staff.body.items.find((s) => s.email === NEW_AGENT.email)?.role).toBe('agent');
  });

  it('the audit log shows the creation first: who, what, target, relative and absolute time', async () => {
    await nav().getByRole('button', { name: 'Audit log' }).click();
    const rows = page.getByTestId('audit-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(1);
    const first = rows.first();
    expect(await first.getAttribute('data-action')).toBe('staff.create');
    const text = await first.textContent();
    expect(text).toContain('Amal Admin');
    expect(text).toContain('Created a staff account');
    expect(text).toContain(NEW_AGENT.email);
    expect(await first.getByTestId('audit-relative').textContent()).toMatch(/now|second|minute/);
    expect(await first.getByTestId('audit-absolute').textContent()).toMatch(/\d{4}/);

    // Filter by action: the backend answers only creations.
    await page.getByTestId('audit-filter-action').click();
    await page.getByRole('option', { name: 'Created a staff account' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.getByTestId('audit-shown').textContent()).toBe('Shown 1 of 1');
    await screenshot(page, 'audit-log-created');

    // Arabic, right to left: the same entry in the staff's language.
    await page.getByTestId('language-switch').getByText('العربية').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => page.getByRole('heading', { name: 'سجل التدقيق' }).count()).toBe(1);
    expect(await rows.first().textContent()).toContain('أنشأ حساب موظف');
    expect(await unnamedControls(page)).toEqual([]);
    // The page lies beside the sidebar, now on the right, once the frame has moved it there.
    await settle(page.getByTestId('frame'));
    await expect
      .poll(async () => {
        const [content, sidebar] = await Promise.all([
          page.getByTestId('audit-page').boundingBox(),
          page.getByTestId('sidebar').boundingBox(),
        ]);
        return content && sidebar ? content.x + content.width <= sidebar.x : false;
      })
      .toBe(true);
    await screenshot(page, 'audit-log-arabic');
    await page.getByTestId('language-switch').getByText('English').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('ltr');
  });

  it('signed in as the new agent, the Staff accounts and Audit log entries are hidden', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByText(`The account of ${NEW_AGENT.name}`).count()).toBe(0);
    await app.signIn(NEW_AGENT.email, NEW_AGENT.password);
    await expect.poll(() => nav().getByRole('button', { name: 'Settings' }).count()).toBe(1);
    expect(await page.getByTestId('signed-in-as').textContent()).toContain(NEW_AGENT.name);
    expect(await nav().getByRole('button', { name: 'Staff accounts' }).count()).toBe(0);
    expect(await nav().getByRole('button', { name: 'Audit log' }).count()).toBe(0);
    // And the core refuses the call itself, whatever the interface shows.
    const refused = await desk.result('audit.list', {});
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('forbidden');
    await expect.poll(() => page.getByText('Online', { exact: true }).count(), { timeout: 30_000 }).toBe(1);
    await screenshot(page, 'staff-agent-sidebar');
  });
  it('back as the admin: disabling the agent asks first, then the row shows it disabled and the agent cannot sign in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await app.signIn(DEMO_ADMIN.email, DEMO_PASSWORD);
    await nav().getByRole('button', { name: 'Staff accounts' }).click();
    const row = page.locator(`[data-testid="staff-row"][data-email="${NEW_AGENT.email}"]`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await row.getByRole('button', { name: `Disable the account of ${NEW_AGENT.name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Disable this account?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain(NEW_AGENT.email);
    await settle(dialog);
    await screenshot(page, 'staff-disable-confirm');
    await dialog.getByRole('button', { name: 'Disable the account' }).click();
    await expect.poll(() => row.getAttribute('data-disabled')).toBe('true');
    expect(await row.getByTestId('staff-disabled').textContent()).toBe('Disabled');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await screenshot(page, 'staff-disabled');
    const login = await backend.request('POST', '/auth/login', {
      body: { email: NEW_AGENT.email, password: NEW_AGENT.password },
    });
    expect(login.status).toBe(401);
  });

  it('the disabled agent is enabled again after a confirmation: it signs in, and the audit log shows disable then enable', async () => {
    const row = page.locator(`[data-testid="staff-row"][data-email="${NEW_AGENT.email}"]`);
    expect(await row.getByRole('button', { name: `Disable the account of ${NEW_AGENT.name}` }).count()).toBe(0);
    await row.getByRole('button', { name: `Enable the account of ${NEW_AGENT.name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Enable this account?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain(NEW_AGENT.email);
    await settle(dialog);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'staff-enable-confirm');
    await dialog.getByRole('button', { name: 'Enable the account' }).click();
    await expect.poll(() => row.getAttribute('data-disabled')).toBe(null);
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await row.getByTestId('staff-disabled').count()).toBe(0);
    expect(await row.getByRole('button', { name: `Disable the account of ${NEW_AGENT.name}` }).count()).toBe(1);
    await screenshot(page, 'staff-enabled');
    const login = await backend.request('POST', '/auth/login', {
      body: { email: NEW_AGENT.email, password: NEW_AGENT.password },
    });
    expect(login.status).toBe(200);

    await nav().getByRole('button', { name: 'Audit log' }).click();
    const rows = page.getByTestId('audit-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(2);
    // Newest first: the agent's own sign-in just now (through the backend), then the enable, then the disable.
    const staffRows = page.locator('[data-testid="audit-row"][data-action^="staff."]');
    expect(await staffRows.nth(0).getAttribute('data-action')).toBe('staff.enable');
    expect(await staffRows.nth(1).getAttribute('data-action')).toBe('staff.disable');
    const enabled = await staffRows.nth(0).textContent();
    expect(enabled).toContain('Amal Admin');
    expect(enabled).toContain('Enabled a staff account');
    expect(enabled).toContain(NEW_AGENT.email);
    expect(await staffRows.nth(1).textContent()).toContain('Disabled a staff account');
    await page.getByTestId('audit-filter-action').click();
    await page.getByRole('option', { name: 'Enabled a staff account' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.getByTestId('audit-shown').textContent()).toBe('Shown 1 of 1');
    await screenshot(page, 'audit-log-enabled');
  });
});
