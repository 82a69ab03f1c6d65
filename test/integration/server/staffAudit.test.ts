// B4 routes the desk's staff and audit pages use, on PGlite and PostgreSQL: PATCH
// /admin/staff/:id changes a role (audited with the old and new role; not one's own; the new role applies at the
// next request), POST /admin/staff/:id/enable enables a disabled account again (audited; not one's own; its old
// tokens stay revoked), and GET /admin/audit-log filters by action and staff member, with bad filters refused by field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, Staff } from '../../../src/shared/domain.ts';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';

type Page<T> = { items: T[]; total: number };

for (const [label, postgres] of [
  ['PGlite', false],
  ['PostgreSQL', true],
] as const) {
  describe(`staff role change and audit filters on ${label}`, () => {
    let b: TestBackend;
    let admin: string;
    beforeAll(async () => {
      b = await startTestBackend({ postgres });
      admin = await b.adminToken();
    });
    afterAll(async () => {
      await b?.close();
    });

    it('changes a role, audits it, and the new role holds at once', async () => {
      const created = await b.request<Staff>('POST', '/admin/staff', {
        token: admin,
        body: { name: 'Rami', email: 'rami@demo.chatdesk', role: 'agent', password: 'long-enough' },
      });
      expect(created.status).toBe(201);
      const rami = (
        await b.request<{ token: string }>('POST', '/auth/login', {
          body: { email: 'rami@demo.chatdesk', password: 'long-enough' },
        })
      ).body.token;
      expect((await b.request('GET', '/admin/audit-log', { token: rami })).status).toBe(403);

      const changed = await b.request<Staff>('PATCH', `/admin/staff/${created.body.id}`, {
        token: admin,
        body: { role: 'manager' },
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toEqual({ ...created.body, role: 'manager' });
      expect((await b.request('GET', '/admin/audit-log', { token: rami })).status).toBe(200);

      const log = await b.request<Page<AuditEntry>>('GET', '/admin/audit-log?action=staff.role', { token: admin });
      expect(log.body.total).toBe(1);
      expect(log.body.items[0]).toMatchObject({
        action: 'staff.role',
        targetKind: 'staff',
        targetId: created.body.id,
        details: { email: 'rami@demo.chatdesk', from: 'agent', role: 'manager' },
      });

      const byRami = await b.request<Page<AuditEntry>>('GET', `/admin/audit-log?staffId=${created.body.id}`, {
        token: admin,
      });
      expect(byRami.body.items.map((e) => e.action)).toEqual(['auth.login']);
      const both = await b.request<Page<AuditEntry>>(
        `GET`,
        `/admin/audit-log?staffId=${created.body.id}&action=staff.create`,
        { token: admin },
      );
      expect(both.body).toEqual({ items: [], total: 0 });

      // Disabled: gone from the default list, last in the full one, with its time.
      expect((await b.request('DELETE', `/admin/staff/${created.body.id}`, { token: admin })).status).toBe(200);
      const active = await b.request<Page<Staff & { disabledAt: string | null }>>('GET', '/admin/staff', {
        token: admin,
      });
      expect(active.body.items.map((s) => s.id)).not.toContain(created.body.id);
      const all = await b.request<Page<Staff & { disabledAt: string | null }>>(
        'GET',
        '/admin/staff?includeDisabled=true',
        { token: admin },
      );
      expect(all.body.total).toBe(active.body.total + 1);
      expect(all.body.items.at(-1)?.id).toBe(created.body.id);
      expect(all.body.items.at(-1)?.disabledAt).toMatch(/^\d{4}-/);
      expect(all.body.items.slice(0, -1).every((s) => s.disabledAt === null)).toBe(true);
    });

    it('enables a disabled account: it signs in again, its old token stays revoked; audited; refusals like disable', async () => {
      const created = await b.request<Staff>('POST', '/admin/staff', {
        token: admin,
        body: { name: 'Huda', email: 'huda@demo.chatdesk', role: 'moderator', password: 'long-enough' },
      });
      expect(created.status).toBe(201);
      const id = created.body.id;
      const signIn = () =>
        b.request<{ token: string }>('POST', '/auth/login', {
          body: { email: 'huda@demo.chatdesk', password: 'long-enough' },
        });
      const oldToken = (await signIn()).body.token;

      // Only a disabled account can be enabled: the same 404 as disabling an already disabled one.
      const notYet = await b.request<{ error: { code: string; fields?: Record<string, string> } }>(
        'POST',
        `/admin/staff/${id}/enable`,
        { token: admin },
      );
      expect(notYet.status).toBe(404);
      expect(notYet.body.error.fields).toEqual({ id: 'no such staff' });

      expect((await b.request('DELETE', `/admin/staff/${id}`, { token: admin })).status).toBe(200);
      expect((await signIn()).status).toBe(401);
      // Not for the other roles.
      const manager = await b.token('manager');
      expect((await b.request('POST', `/admin/staff/${id}/enable`, { token: manager })).status).toBe(403);

      const enabled = await b.request<{ affected: number }>('POST', `/admin/staff/${id}/enable`, { token: admin });
      expect(enabled.status).toBe(200);
      expect(enabled.body).toEqual({ affected: 1 });
      const again = await b.request('POST', `/admin/staff/${id}/enable`, { token: admin });
      expect(again.status).toBe(404);

      // Active again, in its place among the active accounts, with its role; it signs in anew.
      const active = await b.request<Page<Staff & { disabledAt: string | null }>>('GET', '/admin/staff', {
        token: admin,
      });
      expect(active.body.items.find((s) => s.id === id)).toEqual({ ...created.body, disabledAt: null });
      const fresh = await signIn();
      expect(fresh.status).toBe(200);
      expect((await b.request('GET', '/auth/me', { token: fresh.body.token })).status).toBe(200);
      // The sign-in from before the disable was revoked with it and stays so.
      expect((await b.request('GET', '/auth/me', { token: oldToken })).status).toBe(401);

      const log = await b.request<Page<AuditEntry>>('GET', `/admin/audit-log?action=staff.enable`, { token: admin });
      expect(log.body.total).toBe(1);
      expect(log.body.items[0]).toMatchObject({
        action: 'staff.enable',
        targetKind: 'staff',
        targetId: id,
        details: { email: 'huda@demo.chatdesk' },
      });
      const order = await b.request<Page<AuditEntry>>('GET', `/admin/audit-log?limit=200`, { token: admin });
      const mine = order.body.items.filter((e) => e.targetId === id && e.action.startsWith('staff.'));
      expect(mine.map((e) => e.action)).toEqual(['staff.enable', 'staff.disable', 'staff.create']);

      // One's own account: refused with the same field as disabling it.
      const me = (await b.request<{ staff: Staff }>('GET', '/auth/me', { token: admin })).body.staff;
      const self = await b.request<{ error: { code: string; fields?: Record<string, string> } }>(
        'POST',
        `/admin/staff/${me.id}/enable`,
        { token: admin },
      );
      expect(self.status).toBe(409);
      expect(self.body.error.fields).toEqual({ id: 'is you' });
      const unknown = await b.request('POST', '/admin/staff/00000000-0000-4000-8000-000000000000/enable', {
        token: admin,
      });
      expect(unknown.status).toBe(404);
      expect((await b.request('POST', '/admin/staff/nobody/enable', { token: admin })).status).toBe(400);
    });

    it('refuses bad input by field: unknown role, own role, unknown account, bad filters', async () => {
      const me = (await b.request<{ staff: Staff }>('GET', '/auth/me', { token: admin })).body.staff;
      const bad = async (method: 'PATCH' | 'GET', path: string, status: number, field: string, body?: unknown) => {
        const r = await b.request<{ error: { fields?: Record<string, string> } }>(method, path, {
          token: admin,
          ...(body ? { body } : {}),
        });
        expect(r.status, path).toBe(status);
        expect(Object.keys(r.body.error.fields ?? {}), path).toContain(field);
      };
      await bad('PATCH', `/admin/staff/${me.id}`, 400, 'role', { role: 'boss' });
      await bad('PATCH', `/admin/staff/${me.id}`, 409, 'role', { role: 'agent' });
      await bad('PATCH', '/admin/staff/00000000-0000-4000-8000-000000000000', 404, 'id', { role: 'agent' });
      await bad('GET', '/admin/audit-log?staffId=nobody', 400, 'staffId');
      await bad('GET', '/admin/staff?includeDisabled=yes', 400, 'includeDisabled');
      await bad('GET', `/admin/audit-log?action=${'x'.repeat(101)}`, 400, 'action');
      const agent = await b.token('agent');
      const r = await b.request('PATCH', `/admin/staff/${me.id}`, { token: agent, body: { role: 'agent' } });
      expect(r.status).toBe(403);
      expect((await b.request<Staff>('GET', '/auth/me', { token: admin })).body).toMatchObject({
        staff: { role: 'admin' },
      });
    });
  });
}
