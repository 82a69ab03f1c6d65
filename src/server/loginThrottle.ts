// Sign-in throttling (staff and participants), kept in PostgreSQL so every backend instance behind a load balancer
// sees the same counts (an in-memory count per instance would multiply an attacker's budget by the instances).
//
// Two counts per attempt, both by the caller's address (an IPv6 caller by its /64), so that nobody can lock the real
// person out from elsewhere:
// - account + address: a few free failures, then each further one waits twice as long (backoff, capped);
// - address across all accounts: a larger budget per window, then the address waits for the window to end (one
//   address trying many accounts, e.g. 30 accounts × 1 guess each, is refused too).
// An attempt is counted as a failure when it starts (so parallel guesses cannot all slip past the check before the
// first failure is written) and taken back when the password was right. A refused attempt is not counted and runs
// no password check at all.
import { createHash } from 'node:crypto';
import { AppError } from '../shared/errors.ts';
import type { Db, Queryable } from './db/db.ts';

export interface LoginThrottleOptions {
  /** Failed sign-ins on one account from one address before further ones wait. */
  accountFailures: number;
  /** The first wait after those; doubled by each further failure. */
  accountLockMs: number;
  accountMaxLockMs: number;
  /** An account's count from an address is forgotten this long after its last failure. */
  accountForgetMs: number;
  /** Failed sign-ins from one address across all accounts per window. */
  addressFailures: number;
  addressWindowMs: number;
}

export const defaultLoginThrottle: LoginThrottleOptions = {
  accountFailures: 5,
  accountLockMs: 30_000,
  accountMaxLockMs: 15 * 60_000,
  accountForgetMs: 60 * 60_000,
  addressFailures: 20,
  addressWindowMs: 15 * 60_000,
};

/**
 * `CHATDESK_TRUST_PROXY`: unset, the caller's address is the connection's; else the comma-separated addresses or
 * subnets of the load balancers or proxies to trust, whose X-Forwarded-For then names the caller. Behind a load
 * balancer without it, every caller would share the balancer's address and its budget. "Trust every hop" (`1`/`true`)
 * is refused: the leftmost X-Forwarded-For entry is whatever the caller wrote, so each guess could claim a fresh
 * address and escape both sign-in budgets.
 */
export function trustProxyFromEnv(value: string | undefined): string[] | undefined {
  const text = value?.trim();
  if (!text || text === '0' || text === 'false') return undefined;
  if (text === '1' || text === 'true') {
    throw new Error(
      "CHATDESK_TRUST_PROXY must list the proxies' addresses or subnets (e.g. 10.0.0.5 or 10.0.0.0/8): trusting every " +
        'hop would let any caller choose the address sign-in throttling counts by',
    );
  }
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface LoginKeys {
  account: string;
  address: string;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The address a throttle counts by: an IPv4 address as it is (also when IPv4-mapped), an IPv6 address by its /64
 * network, since one home or server usually holds a whole /64 and could otherwise step through fresh addresses.
 */
export function throttleAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1] as string;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]?.split('::') ?? [];
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}

/** The throttle keys of an attempt: `kind` separates staff from participant accounts of the same e-mail. */
export function loginKeys(kind: 'staff' | 'user', email: string, ip: string): LoginKeys {
  const address = throttleAddress(ip);
  return {
    account: sha(`account\n${kind}\n${email.trim().toLowerCase()}\n${address}`),
    address: sha(`address\n${address}`),
  };
}

interface Row {
  key: string;
  failures: number;
  first_ms: number;
  last_ms: number;
  locked_ms: number | null;
  now_ms: number;
}

/** 429 with the seconds to wait (the route's error handler sends them as Retry-After). */
export class RateLimited extends AppError {
  readonly retryAfterS: number;
  constructor(retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super('rate_limited', `Too many sign-in attempts: try again in ${seconds} s`);
    this.retryAfterS = seconds;
  }
}

/**
 * Starts an attempt: refuses it (RateLimited) while either key is locked, else counts it as a failure and locks a key
 * that has reached its limit (the lock holds back the next attempt, not this one).
 */
export async function beginLoginAttempt(db: Db, keys: LoginKeys, options: LoginThrottleOptions): Promise<void> {
  const refusal = await db.transaction(async (tx) => {
    await tx.query('INSERT INTO login_throttle (key) SELECT unnest($1::text[]) ON CONFLICT (key) DO NOTHING', [
      [keys.account, keys.address],
    ]);
    const { rows } = await tx.query<Row>(
      `SELECT key, failures,
              extract(epoch FROM first_at)::float8 * 1000 AS first_ms,
              extract(epoch FROM last_at)::float8 * 1000 AS last_ms,
              extract(epoch FROM locked_until)::float8 * 1000 AS locked_ms,
              extract(epoch FROM clock_timestamp())::float8 * 1000 AS now_ms
         FROM login_throttle WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE`,
      [[keys.account, keys.address]],
    );
    let waitMs = 0;
    const next: Array<{ key: string; failures: number; firstMs: number; lockedMs: number | null; nowMs: number }> = [];
    for (const row of rows) {
      const isAccount = row.key === keys.account;
      const now = row.now_ms;
      if (row.locked_ms !== null && row.locked_ms > now) {
        waitMs = Math.max(waitMs, row.locked_ms - now);
        continue;
      }
      const stale = isAccount
        ? row.last_ms + options.accountForgetMs <= now
        : row.first_ms + options.addressWindowMs <= now;
      const failures = (stale ? 0 : row.failures) + 1;
      const firstMs = stale || row.failures === 0 ? now : row.first_ms;
      let lockedMs: number | null = null;
      if (isAccount && failures >= options.accountFailures) {
        const steps = Math.min(failures - options.accountFailures, 30);
        lockedMs = now + Math.min(options.accountLockMs * 2 ** steps, options.accountMaxLockMs);
      } else if (!isAccount && failures >= options.addressFailures) {
        lockedMs = firstMs + options.addressWindowMs;
      }
      next.push({ key: row.key, failures, firstMs, lockedMs, nowMs: now });
    }
    if (waitMs > 0) return waitMs;
    for (const row of next) {
      await tx.query(
        `UPDATE login_throttle SET failures = $2, first_at = to_timestamp($3::float8 / 1000),
                last_at = to_timestamp($4::float8 / 1000), locked_until = to_timestamp($5::float8 / 1000)
          WHERE key = $1`,
        [row.key, row.failures, row.firstMs, row.nowMs, row.lockedMs],
      );
    }
    return 0;
  });
  if (refusal > 0) throw new RateLimited(refusal);
}

/**
 * The attempt succeeded: the account's count from this address starts over, and the address's count takes this
 * attempt back (a success never adds to the address's budget, nor clears failures made before it).
 */
export async function endLoginAttemptWell(
  db: Queryable,
  keys: LoginKeys,
  options: LoginThrottleOptions,
): Promise<void> {
  await db.query('DELETE FROM login_throttle WHERE key = $1', [keys.account]);
  await db.query(
    `UPDATE login_throttle SET failures = greatest(failures - 1, 0),
            locked_until = CASE WHEN failures - 1 < $2 THEN NULL ELSE locked_until END
      WHERE key = $1`,
    [keys.address, options.addressFailures],
  );
}
