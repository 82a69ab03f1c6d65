// Sign-in for staff (`/auth/...`) and for customers and sellers (`/auth/participant/...`).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LoginBody, LoginResult, Me, ParticipantLoginResult } from '../../shared/api.ts';
import { rolePermissions, User } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import { issueToken, revokeToken, verifyPassword } from '../auth.ts';
import { defineRoute, type ServerDeps } from '../http/route.ts';
import { toStaff, toUser } from '../store/rows.ts';

const Ok = z.object({ ok: z.literal(true) });
const badLogin = () => new AppError('unauthenticated', 'Wrong e-mail or password', { password: 'does not match' });

export function authRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, {
    method: 'POST',
    path: '/auth/login',
    summary: 'Staff sign-in: a bearer token, the staff member and the permissions of the role',
    auth: 'none',
    body: LoginBody,
    response: LoginResult,
    idempotent: false,
    async handler({ body, q, w }) {
      const { rows } = await q.query<{ id: string; name: string; email: string; role: string; password_hash: string }>(
        'SELECT id, name, email, role, password_hash FROM staff WHERE lower(email) = lower($1) AND disabled_at IS NULL',
        [body.email],
      );
      const row = rows[0];
      if (!(await verifyPassword(body.password, row?.password_hash)) || !row) throw badLogin();
      const staff = toStaff(row);
      const token = await issueToken(q, { kind: 'staff', id: staff.id }, deps.tokenTtlMs.staff);
      w.staff = staff;
      w.audits.push({ action: 'auth.login', targetKind: 'staff', targetId: staff.id });
      return { token, staff, permissions: [...rolePermissions[staff.role]] };
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    path: '/auth/logout',
    summary: 'Staff sign-out: revokes the token used',
    auth: 'staff',
    response: Ok,
    idempotent: false,
    async handler({ principal, q, w, staff }) {
      if (principal) await revokeToken(q, principal.token);
      w.audits.push({ action: 'auth.logout', targetKind: 'staff', targetId: staff.id });
      return { ok: true as const };
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    path: '/auth/me',
    summary: 'The signed-in staff member and the permissions of the role',
    auth: 'staff',
    response: Me,
    async handler({ staff }) {
      return { staff, permissions: [...rolePermissions[staff.role]] };
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    path: '/auth/participant/login',
    summary: 'Customer or seller sign-in (the mobile app); a real marketplace issues these tokens itself',
    auth: 'none',
    body: LoginBody,
    response: ParticipantLoginResult,
    idempotent: false,
    async handler({ body, q }) {
      const { rows } = await q.query<{
        id: string;
        name: string;
        email: string;
        role: string;
        created_at: string;
        password_hash: string | null;
      }>('SELECT id, name, email, role, created_at, password_hash FROM users WHERE lower(email) = lower($1)', [
        body.email,
      ]);
      const row = rows[0];
      if (!(await verifyPassword(body.password, row?.password_hash)) || !row) throw badLogin();
      const user = toUser(row);
      const token = await issueToken(q, { kind: 'user', id: user.id }, deps.tokenTtlMs.user);
      return { token, user };
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    path: '/auth/participant/logout',
    summary: 'Customer or seller sign-out',
    auth: 'user',
    response: Ok,
    idempotent: false,
    async handler({ principal, q }) {
      if (principal) await revokeToken(q, principal.token);
      return { ok: true as const };
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    path: '/me',
    summary: 'The signed-in customer or seller',
    auth: 'user',
    response: User,
    async handler({ user }) {
      return user;
    },
  });
}
