// B4 through the desk core: staff.list / staff.create / staff.update / staff.enable / audit.list ask the real backend (PGlite, demo
// data) through the account's client; the core refuses a role without the permission before asking, the backend's
// field errors come back on the field, and with the network cut the calls say the backend cannot be reached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestBackend, type TestBackend } from '../../support/backend.ts';
import { type CuttableProxy, startCuttableProxy, startDeskCore, type TestDesk } from '../../support/desk.ts';

describe('desk core: staff accounts and audit log (B4)', () => {
  let backend: TestBackend;
  let proxy: CuttableProxy;
  let admin: TestDesk;
  const others: TestDesk[] = [];

  beforeAll(async () => {
    backend = await startTestBackend();
    proxy = await startCuttableProxy(backend.url);
    admin = await startDeskCore({ backendUrl: proxy.url });
  });
  afterAll(async () => {
    for (const d of others) await d.close();
    await admin?.close();
    await proxy?.close();
    await backend?.close();
  });

  it('an admin lists, creates, changes the role of, disables and enables again an account; the audit log records each, newest first', async () => {
    const before = await admin.call('staff.list', {});
    expect(before.items.map((s) => s.email)).toContain('agent@demo.chatdesk');
    expect(before.total).toBe(before.items.length);

    const created = await admin.call('staff.create', {
      name: 'Nour New',
      email: 'nour@demo.chatdesk',
      role: 'agent',
      password: 'long-enough-1',
    });
    expect(created).toMatchObject({ name: 'Nour New', email: 'nour@demo.chatdesk', role: 'agent' });
    const listed = await admin.call('staff.list', {});
    expect(listed.total).toBe(before.total + 1);
    expect(listed.items.find((s) => s.id === created.id)?.role).toBe('agent');

    // The new account can sign in with its password and its role's permissions.
    const nour = await startDeskCore({
      backendUrl: backend.url,
      email: 'nour@demo.chatdesk',
      password: 'long-enough-1',
    });
    others.push(nour);
    expect((await nour.call('account.state')).permissions).toEqual([
      'sessions.read',
      'messages.reply',
      'messages.markRead',
      'sessions.triage',
      'moderation.escalate',
    ]);

    const promoted = await admin.call('staff.update', { id: created.id, role: 'moderator' });
    expect(promoted).toEqual({ staff: { ...created, role: 'moderator' }, disabled: false });

    const disabled = await admin.call('staff.update', { id: created.id, disabled: true });
    expect(disabled).toEqual({ staff: null, disabled: true });
    const after = await admin.call('staff.list', {});
    expect(after.items.map((s) => s.id)).not.toContain(created.id);
    expect(after.items.every((s) => s.disabledAt === null)).toBe(true);
    const withDisabled = await admin.call('staff.list', { includeDisabled: true });
    expect(withDisabled.total).toBe(after.total + 1);
    const last = withDisabled.items.at(-1);
    expect(last).toMatchObject({ id: created.id, role: 'moderator' });
    expect(Date.now() - Date.parse(last?.disabledAt as string)).toBeLessThan(60_000);

    const log = await admin.call('audit.list', { limit: 10 });
    const mine = log.items.filter((e) => e.targetId === created.id).map((e) => e.action);
    expect(mine).toEqual(['staff.disable', 'staff.role', 'auth.login', 'staff.create']);
    const times = log.items.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    const roleEntry = log.items.find((e) => e.action === 'staff.role');
    expect(roleEntry?.details).toMatchObject({ from: 'agent', role: 'moderator', email: 'nour@demo.chatdesk' });
    expect(roleEntry?.staff?.name).toBe('Amal Admin');

    // Filters the backend applies: one action, one staff member; paging by offset.
    const creates = await admin.call('audit.list', { action: 'staff.create' });
    expect(creates.items.map((e) => e.targetId)).toEqual([created.id]);
    expect(creates.total).toBe(1);
    const byAdmin = await admin.call('audit.list', { staffId: created.id });
    expect(byAdmin.items.every((e) => e.staff?.id === created.id)).toBe(true);
    expect(byAdmin.items.map((e) => e.action)).toEqual(['auth.login']);
    const page2 = await admin.call('audit.list', { offset: 1, limit: 2 });
    expect(page2.items.map((e) => e.id)).toEqual(log.items.slice(1, 3).map((e) => e.id));
    expect(page2.total).toBe(log.total);
    // Enabled again through the core: active once more; the core checks the id before asking.
    expect(await admin.call('staff.enable', { id: created.id })).toEqual({ enabled: true });
    expect((await admin.call('staff.list', {})).items.find((s) => s.id === created.id)?.disabledAt).toBeNull();
    const twice = await admin.result('staff.enable', { id: created.id });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.code).toBe('not_found');
    const badId = await admin.result('staff.enable', { id: 'nobody' });
    expect(badId.ok).toBe(false);
    if (!badId.ok) expect(Object.keys(badId.error.fields ?? {})).toEqual(['id']);
    const enableLog = await admin.call('audit.list', { action: 'staff.enable' });
    expect(enableLog.items.map((e) => e.targetId)).toEqual([created.id]);
  });

  it('bad input comes back with the field named: from the core and from the backend', async () => {
    const short = await admin.result('staff.create', {
      name: ' ',
      email: 'not-mail',
      role: 'agent',
      password: 'short',
    });
    expect(short.ok).toBe(false);
    if (!short.ok) {
      expect(short.error.code).toBe('bad_request');
      expect(Object.keys(short.error.fields ?? {}).sort()).toEqual(['email', 'name', 'password']);
    }
    const taken = await admin.result('staff.create', {
      name: 'Twin',
      email: 'AGENT@demo.chatdesk',
      role: 'agent',
      password: 'long-enough-1',
    });
    expect(taken.ok).toBe(false);
    if (!taken.ok) {
      expect(taken.error.code).toBe('conflict');
      expect(taken.error.fields).toEqual({ email: 'is already used' });
    }
    const me = (await admin.call('account.state')).staff;
    const self = await admin.result('staff.update', { id: me?.id as string, disabled: true });
    expect(self.ok).toBe(false);
    if (!self.ok) expect(self.error.fields).toEqual({ id: 'is you' });
    const selfRole = await admin.result('staff.update', { id: me?.id as string, role: 'agent' });
    expect(selfRole.ok).toBe(false);
    if (!selfRole.ok) expect(selfRole.error.fields).toEqual({ role: 'is your own' });
    const nothing = await admin.result('staff.update', { id: me?.id as string });
    expect(nothing.ok).toBe(false);
    if (!nothing.ok) expect(Object.keys(nothing.error.fields ?? {})).toContain('role');
    const unknown = await admin.result('staff.update', { id: '00000000-0000-4000-8000-000000000000', role: 'agent' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('not_found');
  });

  it('refuses a role without the permission: an agent sees neither; a manager reads the audit log but not staff', async () => {
    const agent = await startDeskCore({
      backendUrl: backend.url,
      email: 'agent@demo.chatdesk',
      password: DEMO_PASSWORD,
    });
    others.push(agent);
    for (const call of ['staff.list', 'audit.list'] as const) {
      const r = await agent.result(call, {});
      expect(r.ok, call).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('forbidden');
        expect(r.error.message).toContain('agent');
      }
    }
    const create = await agent.result('staff.create', {
      name: 'Sneaky',
      email: 'sneaky@demo.chatdesk',
      role: 'admin',
      password: 'long-enough-1',
    });
    expect(create.ok).toBe(false);
    if (!create.ok) expect(create.error.code).toBe('forbidden');
    // And the backend refuses the agent on its own, whatever a client does.
    const direct = await backend.request('GET', '/admin/audit-log', {
      token: await backend.token('agent'),
    });
    expect(direct.status).toBe(403);

    const manager = await startDeskCore({
      backendUrl: backend.url,
      email: 'manager@demo.chatdesk',
      password: DEMO_PASSWORD,
    });
    others.push(manager);
    expect((await manager.call('audit.list', { limit: 5 })).items.length).toBeGreaterThan(0);
    const staff = await manager.result('staff.list', {});
    expect(staff.ok).toBe(false);
    if (!staff.ok) expect(staff.error.code).toBe('forbidden');
  });

  it('offline: says the backend cannot be reached, and works again once it is back', async () => {
    proxy.cut();
    const now = await admin.result('staff.list', {});
    expect(now.ok).toBe(false);
    if (!now.ok) expect(now.error.code).toBe('offline');
    await admin.waitFor(async () => (await admin.call('sync.state')).status === 'offline', 15_000, 'offline');
    const r = await admin.result('audit.list', {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('offline');
      expect(r.error.message).toMatch(/cannot be reached/);
    }
    proxy.restore();
    await admin.settled(30_000);
    expect((await admin.call('audit.list', { limit: 1 })).items).toHaveLength(1);
  });
});
