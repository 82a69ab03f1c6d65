// Sign-in for staff (`/auth/...`) and for customers and sellers (`/auth/participant/...`).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LoginBody, LoginResult, Me, ParticipantLoginResult } from '../../shared/api.ts';
import { rolePermissions, User } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import { checkPassword, hashPassword, issueToken, revokeToken } from '../auth.ts';
import { defineRoute, type HandlerCtx, type ServerDeps } from '../http/route.ts';
import { beginLoginAttempt, endLoginAttemptWell, type LoginKeys, loginKeys } from '../loginThrottle.ts';
import { toStaff, toUser } from '../store/rows.ts';
import { refuseSanctioned } from '../store/sanctions.ts';

const Ok = z.object({ ok: z.literal(true) });
const badLogin = () => new AppError('unauthenticated', 'Wrong e-mail or password', { password: 'does not match' });

const STAFF_SQL =
  'SELECT id, name, email, role, password_hash FROM staff WHERE lower(email) = lower($1) AND disabled_at IS NULL';
const USER_SQL = 'SELECT id, name, email, role, created_at, password_hash FROM users WHERE lower(email) = lower($1)';

interface Checked {
  row: Record<string, unknown> & { id: string };
  keys: LoginKeys;
  /** A stronger hash of the password, when the stored one is older than the backend's cost. */
  rehash: string | null;
}

/** What the guard found, for the handler (which runs in the write transaction) of the same request. */
const checkedLogins = new WeakMap<FastifyRequest, Checked>();

/**
 * The guard of both sign-in routes, outside any transaction: throttling (429), then the password check (scrypt, slow
 * on purpose, so no transaction is held open meanwhile; an unknown account costs the same), then a re-hash when the
 * stored hash is weaker than the backend's cost.
 */
async function checkLogin(
  kind: 'staff' | 'user',
  ctx: HandlerCtx<unknown, unknown, { email: string; password: string }>,
): Promise<void> {
  const { deps, body, request } = ctx;
  const keys = loginKeys(kind, body.email, request.ip);
  await beginLoginAttempt(deps.db, keys, deps.loginThrottle);
  const { rows } = await deps.db.query<Record<string, unknown> & { id: string; password_hash: string | null }>(
    kind === 'staff' ? STAFF_SQL : USER_SQL,
    [body.email],
  );
  const row = rows[0];
  const check = await checkPassword(body.password, row?.password_hash, deps.passwordCost);
  if (!check.ok || !row) throw badLogin();
  const rehash = check.outdated ? await hashPassword(body.password, deps.passwordCost) : null;
  checkedLogins.set(request, { row, keys, rehash });
}

/** In the handler's transaction: the throttle forgets the attempt and a re-hashed password is stored. */
async function acceptLogin(
  kind: 'staff' | 'user',
  ctx: HandlerCtx<unknown, unknown, unknown>,
): Promise<Checked['row']> {
  const checked = checkedLogins.get(ctx.request);
  if (!checked) throw badLogin();
  await endLoginAttemptWell(ctx.db, checked.keys, ctx.deps.loginThrottle);
  if (checked.rehash) {
    await ctx.db.query(`UPDATE ${kind === 'staff' ? 'staff' : 'users'} SET password_hash = $2 WHERE id = $1`, [
      checked.row.id,
      checked.rehash,
    ]);
  }
  return checked.row;
}

export function authRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, {
    method: 'POST',
    path: '/auth/login',
    summary: 'Staff sign-in: a bearer token, the staff member and the permissions of the role',
    auth: 'none',
    body: LoginBody,
    response: LoginResult,
    idempotent: false,
    guard: (ctx) => checkLogin('staff', ctx),
    async handler(ctx) {
      const { db, write } = ctx;
      const staff = toStaff((await acceptLogin('staff', ctx)) as never);
      const token = await issueToken(db, { kind: 'staff', id: staff.id }, deps.tokenTtlMs.staff);
      write.staff = staff;
      write.audits.push({ action: 'auth.login', targetKind: 'staff', targetId: staff.id });
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
    async handler({ principal, db, write, staff }) {
      if (principal) await revokeToken(db, principal.token);
      write.audits.push({ action: 'auth.logout', targetKind: 'staff', targetId: staff.id });
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
    async guard(ctx) {
      await checkLogin('user', ctx);
      // B9: a banned participant is refused once the password is right (a wrong one says nothing of a ban).
      const checked = checkedLogins.get(ctx.request);
      if (checked) await refuseSanctioned(ctx.deps.db, checked.row.id, ctx.deps.now(), 'use');
    },
    async handler(ctx) {
      const { db } = ctx;
      const user = toUser((await acceptLogin('user', ctx)) as never);
      // B9: checked again under a share lock on the participant, which a ban holds until it commits: a ban given
      // meanwhile is seen here, or revokes the token issued here.
      await db.query('SELECT 1 FROM users WHERE id = $1 FOR SHARE', [user.id]);
      await refuseSanctioned(db, user.id, deps.now(), 'use');
      const token = await issueToken(db, { kind: 'user', id: user.id }, deps.tokenTtlMs.user);
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
    async handler({ principal, db }) {
      if (principal) await revokeToken(db, principal.token);
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
