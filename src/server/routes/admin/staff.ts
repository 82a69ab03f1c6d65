// Staff routes for staff accounts (B4, admins only): list, create, change a role, disable and enable. Nobody
// changes their own role or disables or enables their own account.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  BulkResult,
  IdParams,
  StaffAccountPage,
  StaffCreateBody,
  StaffListQuery,
  StaffUpdateBody,
} from '../../../shared/api.ts';
import { Staff } from '../../../shared/domain.ts';
import { AppError } from '../../../shared/errors.ts';
import { hashPassword } from '../../auth.ts';
import { defineRoute, type ServerDeps } from '../../http/route.ts';
import { changeStaffRole, createStaff, disableStaff, enableStaff, listStaffAccounts } from '../../store/staff.ts';

/** The password hash of a staff account being created, made by the route's guard outside the transaction. */
const staffHashes = new WeakMap<FastifyRequest, string>();

export function adminStaffRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const route = <P, Q, B, R>(spec: Parameters<typeof defineRoute<P, Q, B, R>>[2]) => defineRoute(app, deps, spec);

  route({
    method: 'GET',
    path: '/admin/staff',
    summary: 'Staff accounts (active; with includeDisabled=true the disabled ones too, after them)',
    auth: 'staff',
    permission: 'staff.manage',
    query: StaffListQuery,
    response: StaffAccountPage,
    handler: ({ query, db }) => listStaffAccounts(db, query),
  });
  route({
    method: 'POST',
    path: '/admin/staff',
    summary: 'Create a staff account',
    auth: 'staff',
    permission: 'staff.manage',
    body: StaffCreateBody,
    response: Staff,
    status: 201,
    // scrypt is slow on purpose: hashed here, before the transaction, so the database is not held meanwhile.
    guard: async ({ body, request }) => {
      staffHashes.set(request, await hashPassword(body.password, deps.passwordCost));
    },
    handler: async ({ body, write, request }) =>
      createStaff(write, body, staffHashes.get(request) ?? (await hashPassword(body.password, deps.passwordCost))),
  });
  route({
    method: 'PATCH',
    path: '/admin/staff/:id',
    summary: "Change a staff account's role",
    auth: 'staff',
    permission: 'staff.manage',
    params: IdParams,
    body: StaffUpdateBody,
    response: Staff,
    async handler({ params, body, write, staff }) {
      if (params.id === staff.id && body.role !== staff.role)
        throw new AppError('conflict', 'You cannot change your own role', { role: 'is your own' });
      return changeStaffRole(write, params.id, body.role);
    },
  });
  route({
    method: 'DELETE',
    path: '/admin/staff/:id',
    summary: 'Disable a staff account and revoke its tokens',
    auth: 'staff',
    permission: 'staff.manage',
    params: IdParams,
    response: BulkResult,
    async handler({ params, write, staff }) {
      if (params.id === staff.id)
        throw new AppError('conflict', 'You cannot disable your own account', { id: 'is you' });
      await disableStaff(write, params.id);
      return { affected: 1 };
    },
  });
  route({
    method: 'POST',
    path: '/admin/staff/:id/enable',
    summary: 'Enable a disabled staff account again (it signs in anew: its old tokens stay revoked)',
    auth: 'staff',
    permission: 'staff.manage',
    params: IdParams,
    response: BulkResult,
    async handler({ params, write, staff }) {
      if (params.id === staff.id)
        throw new AppError('conflict', 'You cannot enable your own account', { id: 'is you' });
      await enableStaff(write, params.id);
      return { affected: 1 };
    },
  });
}
