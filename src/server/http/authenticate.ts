// Who is asking: the Bearer token's staff member or participant, checked against the kind of account and the
// permission a route asks for. Runs before the request's input is read.
import type { FastifyRequest } from 'fastify';
import { can, type Permission, type Staff } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import type { Actor } from '../../shared/events.ts';
import { type Principal, principalForToken } from '../auth.ts';
import type { Queryable } from '../db/db.ts';
import { refuseBannedToken } from '../store/sanctions.ts';

/** Who may call a route: anyone, a staff member, or a customer or seller. */
export type Auth = 'none' | 'staff' | 'user';

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (match) return match[1] ?? null;
  }
  return null;
}

/**
 * The signed-in principal of a route that needs one (null for `auth: 'none'`); 401 or 403 otherwise. A participant
 * whose token a ban revoked (B9) is told so: 403 `participant_banned` with its end, by the backend's clock `now`.
 */
export async function authenticate(
  db: Queryable,
  request: FastifyRequest,
  auth: Auth,
  permission: Permission | undefined,
  now: () => Date = () => new Date(),
): Promise<Principal | null> {
  if (auth === 'none') return null;
  const token = bearerToken(request);
  return admit(db, token ? await principalForToken(db, token) : null, token, auth, permission, now);
}

/**
 * The route's judgement of a principal read for `token` (null: none signed in with it): 401 or 403 as above, or the
 * principal. `db` reads the ban of a participant's refused token.
 */
export async function admit(
  db: Queryable,
  principal: Principal | null,
  token: string | null,
  auth: Exclude<Auth, 'none'>,
  permission: Permission | undefined,
  now: () => Date,
): Promise<Principal> {
  if (!principal) {
    if (token && auth === 'user') await refuseBannedToken(db, token, now());
    throw new AppError('unauthenticated', 'Sign in first: missing, expired or revoked token');
  }
  if (principal.kind !== auth) {
    throw new AppError(
      'forbidden',
      auth === 'staff' ? 'This route is for staff accounts' : 'This route is for customers and sellers',
    );
  }
  if (permission && principal.kind === 'staff' && !can(principal.staff.role, permission)) {
    throw new AppError('forbidden', `The ${principal.staff.role} role may not do this (needs ${permission})`);
  }
  return principal;
}

/** Who the events and audit entries of a request name. */
export function actorOf(principal: Principal | null): Actor {
  if (!principal) return { kind: 'system', id: null };
  return principal.kind === 'staff'
    ? { kind: 'staff', id: principal.staff.id }
    : { kind: 'user', id: principal.user.id };
}

/** The staff member whose actions are audited (none for participants and anonymous requests). */
export const staffOf = (principal: Principal | null): Staff | null =>
  principal?.kind === 'staff' ? principal.staff : null;
