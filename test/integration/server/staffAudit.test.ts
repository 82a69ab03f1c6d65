// B4 routes the desk's staff and audit pages use, on PGlite and PostgreSQL: PATCH
// /admin/staff/:id changes a role (audited with the old and new role; not one's own; the new role applies at the
// next request), and GET /admin/audit-log filters by action and staff member, with bad filters refused by field.
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
