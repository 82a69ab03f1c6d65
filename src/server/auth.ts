// Passwords (scrypt) and bearer tokens (random 32 bytes, stored as SHA-256, expiring, revocable).
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Staff, StaffRole, User } from '../shared/domain.ts';
import { prepared, type Queryable, type Row, type Statement } from './db/db.ts';

const scrypt = promisify(scryptCb) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/**
 * scrypt's cost as log2 N: 17 (N = 131072, 128 MiB and a few hundred milliseconds per check) in production. Hashes
 * stored with a lower N (older ones used 14) are re-hashed at the account's next good sign-in. Tests pass a lower
 * cost to the backend explicitly (`passwordCost`) to stay fast.
 */
export const DEFAULT_PASSWORD_COST = 17;

/** CHATDESK_PASSWORD_COST as the programs read it: unset = the default; otherwise log2 of scrypt's N, 10 to 20. */
export function passwordCostFromEnv(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const cost = Number(value);
  if (!(Number.isInteger(cost) && cost >= 10 && cost <= 20)) {
    throw new Error(`CHATDESK_PASSWORD_COST must be a whole number from 10 to 20 (log2 of scrypt's N), got ${value}`);
  }
  return cost;
}
const R = 8;
const P = 1;
const KEYLEN = 32;
/** scrypt needs 128 · N · r · p bytes; node refuses to start one above `maxmem` (32 MiB by default). */
const maxmemFor = (n: number, r: number, p: number) => 128 * n * r * p + 16 * 1024 * 1024;
/** The largest N accepted from a stored hash (2^20 = 1 GiB): a damaged row must not exhaust memory. */
const MAX_STORED_N = 2 ** 20;
/** The salt of the stand-in check for accounts without a usable hash. */
const DUMMY_SALT = randomBytes(16);

function costN(cost: number): number {
  if (!Number.isInteger(cost) || cost < 1 || cost > 20) throw new RangeError('passwordCost must be 1–20 (log2 N)');
  return 2 ** cost;
}

export async function hashPassword(password: string, cost = DEFAULT_PASSWORD_COST): Promise<string> {
  const n = costN(cost);
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEYLEN, { N: n, r: R, p: P, maxmem: maxmemFor(n, R, P) });
  return `scrypt$${n}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export interface PasswordCheck {
  ok: boolean;
  /** The password was right but its hash is weaker than `cost` asks: store a new one. */
  outdated: boolean;
}

/**
 * Checks a password against a stored hash. Without a usable hash (no such account, no password) it still runs scrypt
 * at the current cost against a dummy salt, so a missing account takes as long as a wrong password.
 */
export async function checkPassword(
  password: string,
  stored: string | null | undefined,
  cost = DEFAULT_PASSWORD_COST,
): Promise<PasswordCheck> {
  const parts = stored?.split('$');
  const [, n, r, p, salt, hash] = (parts ?? []) as [string, string, string, string, string, string];
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const usable =
    parts?.length === 6 &&
    parts[0] === 'scrypt' &&
    Number.isInteger(Math.log2(params.N)) &&
    params.N > 1 &&
    params.N <= MAX_STORED_N &&
    params.r >= 1 &&
    params.r <= 32 &&
    params.p >= 1 &&
    params.p <= 16;
  if (!usable) {
    const dummyN = costN(cost);
    await scrypt(password, DUMMY_SALT, KEYLEN, { N: dummyN, r: R, p: P, maxmem: maxmemFor(dummyN, R, P) });
    return { ok: false, outdated: false };
  }
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length || KEYLEN, {
    ...params,
    maxmem: maxmemFor(params.N, params.r, params.p),
  });
  const ok = actual.length === expected.length && timingSafeEqual(actual, expected);
  return { ok, outdated: ok && (params.N < costN(cost) || params.r < R) };
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function issueToken(
  db: Queryable,
  subject: { kind: 'staff' | 'user'; id: string },
  ttlMs: number,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO auth_tokens (token_hash, subject_kind, subject_id, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
    [tokenHash(token), subject.kind, subject.id, ttlMs / 1000],
  );
  return token;
}

/**
 * NOTIFY channel saying that tokens were revoked (sign-out, a disabled account). Sent in the revoking transaction, so
 * every backend instance hears it at commit and closes the feed sockets whose token is no longer valid.
 */
export const TOKENS_CHANNEL = 'chatdesk_tokens';
export type RevokeReason = 'signed out' | 'account disabled';

export async function notifyTokensRevoked(db: Queryable, reason: RevokeReason): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [TOKENS_CHANNEL, reason]);
}

export async function revokeToken(db: Queryable, token: string): Promise<void> {
  const { rowCount } = await db.query(
    'UPDATE auth_tokens SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL',
    [tokenHash(token)],
  );
  if (rowCount) await notifyTokensRevoked(db, 'signed out');
}

/** Revokes every token a participant holds (a ban, B9); answers how many. */
export async function revokeUserTokens(db: Queryable, userId: string): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE auth_tokens SET revoked_at = now()
      WHERE subject_kind = 'user' AND subject_id = $1 AND revoked_at IS NULL AND expires_at > now()`,
    [userId],
  );
  return rowCount;
}

/** Of these token hashes, those still valid for a staff member: not revoked, not expired, the account enabled. */
export async function liveStaffTokens(db: Queryable, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const { rows } = await db.query<{ token_hash: string }>(
    `SELECT t.token_hash FROM auth_tokens t JOIN staff s ON s.id = t.subject_id AND s.disabled_at IS NULL
      WHERE t.token_hash = ANY($1::text[]) AND t.subject_kind = 'staff' AND t.revoked_at IS NULL
        AND t.expires_at > now()`,
    [hashes],
  );
  return new Set(rows.map((r) => r.token_hash));
}

export type Principal = { kind: 'staff'; staff: Staff; token: string } | { kind: 'user'; user: User; token: string };

/**
 * Every signed-in request's first statement (prepared: parsed and planned once per connection): sent with BEGIN by a
 * write route without a guard (principalStatement), run before anything else by every other route.
 */
const PRINCIPAL_OF_TOKEN = prepared(
  `SELECT t.subject_kind AS kind, coalesce(s.id, u.id) AS id, coalesce(s.name, u.name) AS name,
          coalesce(s.email, u.email) AS email, coalesce(s.role, u.role) AS role, u.created_at
     FROM auth_tokens t
     LEFT JOIN staff s ON t.subject_kind = 'staff' AND s.id = t.subject_id AND s.disabled_at IS NULL
     LEFT JOIN users u ON t.subject_kind = 'user' AND u.id = t.subject_id
    WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now()`,
);

/** A token no backend issued: longer than any it gives (43 characters), or empty. */
export const impossibleToken = (token: string) => !token || token.length > 200;

/** The statement that reads the principal of a bearer token, by its hash (principalOfRows reads its answer). */
export function principalStatement(hash: string): Statement {
  return { sql: PRINCIPAL_OF_TOKEN, params: [hash] };
}

/** The principal in what principalStatement answered, or null (unknown, expired, revoked, disabled). */
export function principalOfRows(rows: readonly Row[], token: string): Principal | null {
  const row = rows[0] as
    | { kind: 'staff' | 'user'; id: string; name: string; email: string; role: string; created_at: string }
    | undefined;
  if (!row?.id) return null;
  if (row.kind === 'staff') {
    return {
      kind: 'staff',
      token,
      staff: { id: row.id, name: row.name, email: row.email, role: row.role as StaffRole },
    };
  }
  return {
    kind: 'user',
    token,
    user: { id: row.id, name: row.name, email: row.email, role: row.role as User['role'], createdAt: row.created_at },
  };
}

/** The staff member or participant a bearer token belongs to, or null (unknown, expired, revoked, disabled). */
export async function principalForToken(db: Queryable, token: string): Promise<Principal | null> {
  if (impossibleToken(token)) return null;
  const { sql, params } = principalStatement(tokenHash(token));
  return principalOfRows((await db.query(sql, params)).rows, token);
}
