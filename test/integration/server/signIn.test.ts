// Sign-in guessing and secrets in logs, on PGlite and PostgreSQL: the per account + address backoff, the budget of
// one address across accounts, parallel guesses, 429 with Retry-After, the real person signing in from elsewhere
// while an attacker is locked out, re-hashing of weaker password hashes, and tokens sent in a feed socket's URL
// (any spelling) kept out of the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hashPassword } from '../../../src/server/auth.ts';
import { cleanupStale } from '../../../src/server/cleanup.ts';
import { defaultLoginThrottle } from '../../../src/server/loginThrottle.ts';
import { WsClose } from '../../../src/shared/api.ts';
import { DEMO_PASSWORD, startTestBackend, TEST_PASSWORD_COST, type TestBackend } from '../../support/backend.ts';

type Refusal = { error: { code: string; message: string } };

let nextAddress = 1;
/** A caller address of its own for each scenario (the backend trusts X-Forwarded-For here, as behind a proxy). */
const newAddress = () => `198.51.100.${nextAddress++}`;

describe.each([
  { driver: 'PGlite', postgres: false },
  { driver: 'PostgreSQL', postgres: true },
])('sign-in guessing and logs on $driver', ({ postgres }) => {
  let b: TestBackend;
  const logLines: string[] = [];
  beforeAll(async () => {
    b = await startTestBackend({
      postgres,
      // The test's requests come from loopback, standing for the load balancer.
      trustProxy: ['127.0.0.1', '::1'],
      // The production throttle, not the test backends' relaxed one.
      loginThrottle: defaultLoginThrottle,
      logger: 'info',
      logStream: { write: (line: string) => void logLines.push(line) },
    });
  });
  afterAll(async () => b?.close());

  const signIn = (address: string, email: string, password: string, path = '/auth/login') =>
    b.request<Refusal & { token: string }>('POST', path, {
      body: { email, password },
      headers: { 'x-forwarded-for': address },
    });

  it('locks an account for the address guessing it, with a doubling Retry-After, never for the real person', async () => {
    const attacker = newAddress();
    const free = defaultLoginThrottle.accountFailures;
    for (let i = 0; i < free; i++) expect((await signIn(attacker, 'agent@demo.chatdesk', 'wrong')).status).toBe(401);
    const locked = await signIn(attacker, 'agent@demo.chatdesk', 'wrong');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
    const wait = Number(locked.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(defaultLoginThrottle.accountLockMs / 1000 - 5);
    expect(wait).toBeLessThanOrEqual(defaultLoginThrottle.accountLockMs / 1000);
    // Even the right password waits at this address: no guess is checked while locked.
    expect((await signIn(attacker, 'agent@demo.chatdesk', DEMO_PASSWORD)).status).toBe(429);
    // The real person, from their own address, is not locked out.
    expect((await signIn(newAddress(), 'agent@demo.chatdesk', DEMO_PASSWORD)).status).toBe(200);
    // The wait over (moved into the past here), the next failure waits twice as long.
    await b.db.query(`UPDATE login_throttle SET locked_until = now() - interval '1 second'`);
    expect((await signIn(attacker, 'agent@demo.chatdesk', 'wrong')).status).toBe(401);
    const again = await signIn(attacker, 'agent@demo.chatdesk', 'wrong');
    expect(again.status).toBe(429);
    const doubled = Number(again.headers.get('retry-after'));
    expect(doubled).toBeGreaterThan((2 * defaultLoginThrottle.accountLockMs) / 1000 - 5);
    expect(doubled).toBeLessThanOrEqual((2 * defaultLoginThrottle.accountLockMs) / 1000);
  });

  it('refuses one address trying 30 accounts (known or not) once its budget is spent', async () => {
    const attacker = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const email = i % 3 === 0 ? `customer${i + 1}@demo.chatdesk` : `nobody${i}@example.com`;
      const path = i % 2 === 0 ? '/auth/participant/login' : '/auth/login';
      statuses.push((await signIn(attacker, email, 'guess', path)).status);
    }
    const budget = defaultLoginThrottle.addressFailures;
    expect(statuses.slice(0, budget)).toEqual(Array(budget).fill(401));
    expect(statuses.slice(budget)).toEqual(Array(30 - budget).fill(429));
    // Every account still signs in from anywhere else.
    expect(
      (await signIn(newAddress(), 'customer1@demo.chatdesk', DEMO_PASSWORD, '/auth/participant/login')).status,
    ).toBe(200);
  });

  it('counts parallel guesses before checking them: only the free ones run', async () => {
    const attacker = newAddress();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => signIn(attacker, 'seller2@demo.chatdesk', 'wrong', '/auth/participant/login')),
    );
    const statuses = results.map((r) => r.status).sort();
    const free = defaultLoginThrottle.accountFailures;
    expect(statuses).toEqual([...Array(free).fill(401), ...Array(12 - free).fill(429)]);
  });

  it('forgets an account’s failures at a good sign-in, and a good sign-in costs the address nothing', async () => {
    const person = newAddress();
    const free = defaultLoginThrottle.accountFailures;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < free - 1; i++)
        expect((await signIn(person, 'moderator@demo.chatdesk', 'typo')).status).toBe(401);
      expect((await signIn(person, 'moderator@demo.chatdesk', DEMO_PASSWORD)).status).toBe(200);
    }
    const { rows } = await b.db.query<{ failures: number }>(
      'SELECT failures FROM login_throttle ORDER BY last_at DESC',
    );
    // The address's row holds the failures only (3 rounds × 4), not the 3 successes.
    expect(rows.some((r) => r.failures === 3 * (free - 1))).toBe(true);
  });

  it('re-hashes a weaker stored hash at the next good sign-in, not at a wrong one', async () => {
    const weak = await hashPassword('old-password', TEST_PASSWORD_COST - 2);
    await b.db.query(`UPDATE staff SET password_hash = $1 WHERE email = 'manager@demo.chatdesk'`, [weak]);
    const stored = async () =>
      (await b.db.query<{ h: string }>(`SELECT password_hash AS h FROM staff WHERE email = 'manager@demo.chatdesk'`))
        .rows[0]?.h;
    expect((await signIn(newAddress(), 'manager@demo.chatdesk', 'not-it')).status).toBe(401);
    expect(await stored()).toBe(weak);
    expect((await signIn(newAddress(), 'manager@demo.chatdesk', 'old-password')).status).toBe(200);
    const upgraded = await stored();
    expect(upgraded).not.toBe(weak);
    expect(upgraded?.startsWith(`scrypt$${2 ** TEST_PASSWORD_COST}$8$1$`)).toBe(true);
    expect((await signIn(newAddress(), 'manager@demo.chatdesk', 'old-password')).status).toBe(200);
    expect(await stored()).toBe(upgraded);
  });

  it('drops throttle rows that are neither locked nor recent in the periodic cleanup', async () => {
    await b.db.query(
      `INSERT INTO login_throttle (key, failures, last_at, locked_until) VALUES
         ('old', 3, now() - interval '2 days', NULL),
         ('old-but-locked', 9, now() - interval '2 days', now() + interval '1 hour'),
         ('recent', 2, now() - interval '1 hour', NULL)`,
    );
    const removed = await cleanupStale(b.db, { idempotencyRetentionMs: 7 * 86_400_000, tokenGraceMs: 86_400_000 });
    expect(removed.loginThrottle).toBe(1);
    const { rows } = await b.db.query<{ key: string }>(
      `SELECT key FROM login_throttle WHERE key IN ('old', 'old-but-locked', 'recent') ORDER BY key`,
    );
    expect(rows.map((r) => r.key)).toEqual(['old-but-locked', 'recent']);
  });

  it('keeps a token sent in the feed socket’s URL (any spelling) out of the log, and refuses the socket', async () => {
    const token = await b.adminToken();
    const ws = `${b.url.replace('http', 'ws')}/api/v1/admin/events`;
    const spellings = ['token', '%74oken', 'TOKEN', '%2574oken', 'access_token', 'to%6Ben', 't%6F%6B%65%6E'];
    for (const name of spellings) {
      const code = await new Promise<number>((resolve) => {
        const socket = new WebSocket(`${ws}?after=0&${name}=${token}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        socket.on('close', (c) => resolve(c));
        socket.on('error', () => {});
      });
      expect(code).toBe(WsClose.unauthenticated);
    }
    // The same token in an API query string is redacted too.
    await b.request('GET', `/auth/me?%54oken=${token}`, { token });
    const log = logLines.join('');
    for (const name of spellings) expect(log).toContain(`${name}=[redacted]`);
    expect(log).toContain('%54oken=[redacted]');
    expect(log).not.toContain(token);
  });
});
