// Staff accounts and the audit log (B4). Online-only admin tools: nothing of them is cached, every call asks the
// backend through the account's client. The core checks the role's permission first (the backend checks it again),
// and says plainly when the backend cannot be reached.
import { AuditLogQuery, Page, StaffAccountPage, StaffUpdateBody } from '../../../shared/api.ts';
import { AuditEntry, type Permission, Staff } from '../../../shared/domain.ts';
import { AppError } from '../../../shared/errors.ts';
import type { HandlerGroup } from '../context.ts';

export const adminHandlers: HandlerGroup = (ctx) => {
  /** The open account's client, once the role may do `permission` and the backend is not known to be away. */
  const clientFor = (permission: Permission, what: string) => {
    const runtime = ctx.runtime();
    if (!runtime.record.permissions.includes(permission)) {
      throw new AppError('forbidden', `The role ${runtime.record.staff.role} may not ${what}`);
    }
    if (ctx.syncState().status === 'offline') {
      throw new AppError('offline', `${capitalise(what)} needs the backend, which cannot be reached now`);
    }
    return runtime.client;
  };
  return {
    'staff.list': async ({ offset, limit, includeDisabled }) => {
      const client = clientFor('staff.manage', 'manage staff accounts');
      const params = { offset, limit, includeDisabled: String(includeDisabled) };
      return (await client.request('GET', '/admin/staff', { params, schema: StaffAccountPage })).data;
    },
    'staff.create': async (input) => {
      const client = clientFor('staff.manage', 'manage staff accounts');
      return (await client.request('POST', '/admin/staff', { body: input, schema: Staff })).data;
    },
    'staff.update': async ({ id, role, disabled }) => {
      const client = clientFor('staff.manage', 'manage staff accounts');
      if (disabled) {
        await client.request('DELETE', `/admin/staff/${id}`);
        return { staff: null, disabled: true };
      }
      const body = StaffUpdateBody.parse({ role });
      const { data } = await client.request('PATCH', `/admin/staff/${id}`, { body, schema: Staff });
      return { staff: data, disabled: false };
    },
    'staff.enable': async ({ id }) => {
      const client = clientFor('staff.manage', 'manage staff accounts');
      await client.request('POST', `/admin/staff/${id}/enable`, { body: {} });
      return { enabled: true as const };
    },
    'audit.list': async (input) => {
      const client = clientFor('audit.read', 'read the audit log');
      const params = AuditLogQuery.parse(input);
      return (await client.request('GET', '/admin/audit-log', { params, schema: Page(AuditEntry) })).data;
    },
  };
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
