// Staff accounts and the audit log (B4) on a fake bridge: the sidebar shows Staff accounts only to admins and the
// Audit log to managers and admins; the staff page lists accounts with role badges, creates one (missing fields and
// the core's field errors shown on the field), changes a role and disables an account after a confirmation, enables a
// disabled one after a confirmation too; the
// audit page shows who/what/target/when, filters by action and staff (sent to the core), and loads more.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App.tsx';
import { useNavigation } from '../../src/renderer/src/app/navigation.ts';
import { AuditPage } from '../../src/renderer/src/features/audit/index.ts';
import { StaffPage } from '../../src/renderer/src/features/staff/index.ts';
import type { StaffAccount } from '../../src/shared/api.ts';
import type { CallInput } from '../../src/shared/bridge.ts';
import type { AuditEntry, Staff, StaffRole } from '../../src/shared/domain.ts';
import { account, createFakeBridge, type FakeBridge, frameBridge, refused, renderWithBridge } from './fakeBridge.tsx';

const ME = account('admin').staff as Staff;
const AGENT: Staff = {
  id: '00000000-0000-4000-8000-0000000000b1',
  name: 'Adel Agent',
  email: 'adel@test',
  role: 'agent',
};
const MOD: Staff = {
  id: '00000000-0000-4000-8000-0000000000b2',
  name: 'Mona Mod',
  email: 'mona@test',
  role: 'moderator',
};

const active = (s: Staff): StaffAccount => ({ ...s, disabledAt: null });

/** The app frame's start-up answered for a staff of `role`, with the staff and audit lists it may open. */
function roleBridge(role: StaffRole): FakeBridge {
  const bridge = frameBridge({ role });
  bridge.handle('staff.list', () => ({ items: [ME, AGENT].map(active), total: 2 }));
  bridge.handle('audit.list', () => ({ items: [], total: 0 }));
  return bridge;
}

function staffBridge() {
  const bridge = createFakeBridge();
  let list: StaffAccount[] = [ME, AGENT, MOD].map(active);
  bridge.handle('account.state', () => account('admin'));
  bridge.handle('staff.list', () => ({ items: list, total: list.length }));
  bridge.handle('staff.create', (input) => {
    if (input.email === 'adel@test')
      return {
        ...refused('conflict', 'A staff account with this e-mail exists'),
        fields: { email: 'is already used' },
      };
    const created: Staff = {
      id: '00000000-0000-4000-8000-0000000000c1',
      name: input.name,
      email: input.email,
      role: input.role ?? 'agent',
    };
    list = [...list, active(created)];
    return created;
  });
  bridge.handle('staff.update', (input) => {
    if (input.disabled) {
      list = list.map((s) => (s.id === input.id ? { ...s, disabledAt: new Date().toISOString() } : s));
      return { staff: null, disabled: true };
    }
    const { disabledAt: _d, ...updated } = {
      ...(list.find((s) => s.id === input.id) as StaffAccount),
      role: input.role as StaffRole,
    };
    list = list.map((s) => (s.id === input.id ? { ...updated, disabledAt: null } : s));
    return { staff: updated, disabled: false };
  });
  bridge.handle('staff.enable', (input) => {
    if (input.id === ME.id)
      return { ...refused('conflict', 'You cannot enable your own account'), fields: { id: 'is you' } };
    list = list.map((s) => (s.id === input.id ? { ...s, disabledAt: null } : s));
    return { enabled: true };
  });
  return bridge;
}

function entry(i: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    at: new Date(Date.now() - i * 60_000).toISOString(),
    staff: { id: ME.id, name: ME.name },
    action: 'auth.login',
    targetKind: 'staff',
    targetId: ME.id,
    details: {},
    ...overrides,
  };
}

beforeEach(() => {
  useNavigation.setState({ route: { name: 'users' }, selectedSessionId: null });
  void i18next.changeLanguage('en');
});

describe('sidebar entries by role', () => {
  for (const [role, staff, audit] of [
    ['agent', false, false],
    ['moderator', false, false],
    ['manager', false, true],
    ['admin', true, true],
  ] as const) {
    it(`${role}: Staff accounts ${staff ? 'shown' : 'hidden'}, Audit log ${audit ? 'shown' : 'hidden'}`, async () => {
      renderWithBridge(roleBridge(role), <App />);
      const nav = await screen.findByTestId('sidebar');
      await within(nav).findByRole('button', { name: 'Settings' });
      expect(within(nav).queryByRole('button', { name: 'Staff accounts' }) !== null).toBe(staff);
      expect(within(nav).queryByRole('button', { name: 'Audit log' }) !== null).toBe(audit);
      if (staff) {
        fireEvent.click(within(nav).getByRole('button', { name: 'Staff accounts' }));
        expect(await screen.findByTestId('staff-page')).toBeTruthy();
      }
    });
  }
});

describe('staff page', () => {
  it('lists accounts with role badges; one cannot change or disable oneself', async () => {
    renderWithBridge(staffBridge(), <StaffPage />);
    const rows = await screen.findAllByTestId('staff-row');
    expect(rows.map((r) => r.getAttribute('data-email'))).toEqual([ME.email, 'adel@test', 'mona@test']);
    expect(screen.getAllByTestId('role-badge').map((b) => b.textContent)).toEqual([
      'Admin',
      'Support agent',
      'Moderator',
    ]);
    const mine = within(rows[0] as HTMLElement);
    expect(mine.getByText('You')).toBeTruthy();
    expect(
      (mine.getByRole('button', { name: `Disable the account of ${ME.name}` }) as HTMLButtonElement).disabled,
    ).toBe(true);
    expect(
      (
        within(rows[1] as HTMLElement).getByRole('button', {
          name: 'Disable the account of Adel Agent',
        }) as HTMLButtonElement
      ).disabled,
    ).toBe(false);
  });

  it('create: missing fields and the core field errors are shown on the field; then the account joins the list', async () => {
    const bridge = staffBridge();
    renderWithBridge(bridge, <StaffPage />);
    await screen.findAllByTestId('staff-row');
    fireEvent.click(screen.getByRole('button', { name: 'New staff account' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(within(dialog).getAllByText('is required')).toHaveLength(3));
    expect(bridge.callsOf('staff.create')).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText(/^Name/), { target: { value: 'Twin' } });
    fireEvent.change(within(dialog).getByLabelText(/^E-mail/), { target: { value: 'adel@test' } });
    fireEvent.change(within(dialog).getByLabelText(/^Password/), { target: { value: 'long-enough-1' } });
    expect(within(dialog).queryAllByText('is required')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    const email = within(dialog).getByLabelText(/^E-mail/);
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('is already used')).toBeTruthy();

    fireEvent.change(email, { target: { value: 'nour@test' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(screen.getAllByTestId('staff-row')).toHaveLength(4));
    expect(bridge.callsOf('staff.create').at(-1)).toEqual({
      name: 'Twin',
      email: 'nour@test',
      role: 'agent',
      password: 'long-enough-1',
    } satisfies CallInput<'staff.create'>);
  });

  it('changes a role and disables an account only after the confirmation', async () => {
    const bridge = staffBridge();
    renderWithBridge(bridge, <StaffPage />);
    await screen.findAllByTestId('staff-row');
    const adel = screen.getAllByTestId('staff-row')[1] as HTMLElement;
    const select = within(adel).getByTestId('staff-role-select');
    fireEvent.click(select);
    await waitFor(() => expect(select.getAttribute('aria-controls')).toBeTruthy());
    const listbox = document.getElementById(select.getAttribute('aria-controls') as string) as HTMLElement;
    fireEvent.click(await within(listbox).findByRole('option', { name: 'Manager', hidden: true }));
    await waitFor(() => expect(bridge.callsOf('staff.update')).toEqual([{ id: AGENT.id, role: 'manager' }]));
    await waitFor(() =>
      expect(screen.getAllByTestId('role-badge').map((b) => b.textContent)).toEqual(['Admin', 'Manager', 'Moderator']),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Disable the account of Mona Mod' }));
    const dialog = await screen.findByRole('dialog', { name: 'Disable this account?' });
    expect(dialog.textContent).toContain('mona@test');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(bridge.callsOf('staff.update')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Disable the account of Mona Mod' }));
    fireEvent.click(await screen.findByTestId('staff-disable-confirm'));
    const mona = () => screen.getAllByTestId('staff-row')[2] as HTMLElement;
    await waitFor(() => expect(mona().getAttribute('data-disabled')).toBe('true'));
    expect(within(mona()).getByTestId('staff-disabled').textContent).toBe('Disabled');
    expect(within(mona()).queryByRole('button', { name: 'Disable the account of Mona Mod' })).toBeNull();
    expect(screen.getByTestId('staff-count').textContent).toBe('Active accounts: 2');
    expect(bridge.callsOf('staff.update').at(-1)).toEqual({ id: MOD.id, disabled: true });
  });

  it('a disabled account offers Enable; it is enabled only after the confirmation', async () => {
    const bridge = staffBridge();
    bridge.handle('staff.list', () => ({
      items: [active(ME), active(AGENT), { ...MOD, disabledAt: '2026-01-01T10:00:00.000Z' }],
      total: 3,
    }));
    renderWithBridge(bridge, <StaffPage />);
    const mona = async () => (await screen.findAllByTestId('staff-row'))[2] as HTMLElement;
    expect((await mona()).getAttribute('data-disabled')).toBe('true');
    // Active rows offer no Enable; the disabled one offers no Disable nor role change.
    expect(screen.queryByRole('button', { name: 'Enable the account of Adel Agent' })).toBeNull();
    expect(within(await mona()).queryByRole('button', { name: 'Disable the account of Mona Mod' })).toBeNull();
    expect(within(await mona()).queryByTestId('staff-role-select')).toBeNull();
    expect(screen.getByTestId('staff-count').textContent).toBe('Active accounts: 2');

    const enable = within(await mona()).getByRole('button', { name: 'Enable the account of Mona Mod' });
    expect(enable.textContent).toBe('Enable');
    fireEvent.click(enable);
    let dialog = await screen.findByRole('dialog', { name: 'Enable this account?' });
    expect(dialog.textContent).toContain('mona@test');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.callsOf('staff.enable')).toHaveLength(0);

    fireEvent.click(within(await mona()).getByRole('button', { name: 'Enable the account of Mona Mod' }));
    dialog = await screen.findByRole('dialog', { name: 'Enable this account?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enable the account' }));
    await waitFor(() => expect(bridge.callsOf('staff.enable')).toEqual([{ id: MOD.id }]));
    await waitFor(async () => expect((await mona()).getAttribute('data-disabled')).toBeNull());
    expect(within(await mona()).queryByTestId('staff-disabled')).toBeNull();
    expect(within(await mona()).getByRole('button', { name: 'Disable the account of Mona Mod' })).toBeTruthy();
    expect(screen.getByTestId('staff-count').textContent).toBe('Active accounts: 3');
  });

  it('Enable in Arabic; a refusal from the core leaves the account disabled', async () => {
    const bridge = staffBridge();
    bridge.handle('staff.list', () => ({
      items: [active(ME), { ...AGENT, disabledAt: '2026-01-01T10:00:00.000Z' }],
      total: 2,
    }));
    bridge.handle('staff.enable', () =>
      refused('offline', 'Manage staff accounts needs the backend, which cannot be reached now'),
    );
    renderWithBridge(bridge, <StaffPage />);
    await screen.findAllByTestId('staff-row');
    await act(() => i18next.changeLanguage('ar'));
    const button = await screen.findByRole('button', { name: 'تفعيل حساب Adel Agent' });
    expect(button.textContent).toBe('تفعيل');
    fireEvent.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'تفعيل هذا الحساب؟' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'تفعيل الحساب' }));
    await waitFor(() => expect(bridge.callsOf('staff.enable')).toEqual([{ id: AGENT.id }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const row = (await screen.findAllByTestId('staff-row'))[1] as HTMLElement;
    expect(row.getAttribute('data-disabled')).toBe('true');
  });

  it('says why the list cannot be loaded (offline)', async () => {
    const bridge = createFakeBridge();
    bridge.handle('account.state', () => account('admin'));
    bridge.handle('staff.list', () =>
      refused('offline', 'Manage staff accounts needs the backend, which cannot be reached now'),
    );
    renderWithBridge(bridge, <StaffPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('cannot be reached now');
  });
});

describe('audit page', () => {
  it('shows who, what, target and when (relative and absolute), filters through the core and loads more', async () => {
    const bridge = createFakeBridge();
    const all = [
      entry(0, {
        action: 'staff.role',
        targetId: AGENT.id,
        details: { email: AGENT.email, from: 'agent', role: 'manager' },
      }),
      ...Array.from({ length: 59 }, (_, i) =>
        entry(i + 1, { staff: i % 2 ? { id: AGENT.id, name: AGENT.name } : { id: ME.id, name: ME.name } }),
      ),
    ];
    bridge.handle('audit.list', (input) => {
      const rows = all.filter(
        (e) => (!input.action || e.action === input.action) && (!input.staffId || e.staff?.id === input.staffId),
      );
      const offset = input.offset ?? 0;
      return { items: rows.slice(offset, offset + (input.limit ?? 50)), total: rows.length };
    });
    renderWithBridge(bridge, <AuditPage />);
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(50));
    const first = screen.getAllByTestId('audit-row')[0] as HTMLElement;
    expect(first.textContent).toContain(ME.name);
    expect(first.textContent).toContain('Changed a role');
    expect(first.textContent).toContain('Staff accountadel@test');
    expect(within(first).getByTestId('audit-role-change').textContent).toBe('Support agent → Manager');
    expect(within(first).getByTestId('audit-relative').textContent).toBe('now');
    const absolute = within(first).getByTestId('audit-absolute');
    expect(absolute.getAttribute('datetime')).toBe(all[0]?.at);
    expect(absolute.textContent).toMatch(/\d{4}/);
    expect(screen.getByTestId('audit-shown').textContent).toBe('Shown 50 of 60');

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(60));
    expect(bridge.callsOf('audit.list').at(-1)).toEqual({ offset: 50, limit: 50 });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    fireEvent.click(screen.getByTestId('audit-filter-staff'));
    fireEvent.click(await screen.findByRole('option', { name: AGENT.name, hidden: true }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(29));
    expect(bridge.callsOf('audit.list').at(-1)).toEqual({ offset: 0, limit: 50, staffId: AGENT.id });

    fireEvent.click(screen.getByTestId('audit-filter-action'));
    fireEvent.click(await screen.findByRole('option', { name: 'Changed a role', hidden: true }));
    await waitFor(() =>
      expect(screen.getByTestId('audit-empty').textContent).toBe('No staff action matches these filters'),
    );
    expect(bridge.callsOf('audit.list').at(-1)).toEqual({
      offset: 0,
      limit: 50,
      action: 'staff.role',
      staffId: AGENT.id,
    });
  });

  it('in Arabic', async () => {
    const bridge = createFakeBridge();
    bridge.handle('audit.list', () => ({
      items: [entry(1, { action: 'staff.create', details: { role: 'agent', email: 'x@test' } })],
      total: 1,
    }));
    renderWithBridge(bridge, <AuditPage />);
    await i18next.changeLanguage('ar');
    const row = await screen.findByTestId('audit-row');
    await waitFor(() => expect(row.textContent).toContain('أنشأ حساب موظف'));
    expect(row.textContent).toContain('موظف دعم');
    expect(screen.getByRole('heading', { name: 'سجل التدقيق' })).toBeTruthy();
  });
});
