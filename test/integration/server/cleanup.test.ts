// Housekeeping on PGlite with a short retention: the periodic cleanup started with the server deletes idempotency
// records past their retention and tokens expired or revoked past the grace period, keeps everything younger and
// every working token, and stops with the server. Off unless asked (the test backend's default).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenHash } from '../../../src/server/auth.ts';
import { cleanupStale } from '../../../src/server/cleanup.ts';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';

const count = async (b: TestBackend, sql: string, params: unknown[] = []) =>
  (await b.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]?.n ?? 0;

const until = async (check: () => Promise<boolean>, ms: number, what: string) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('periodic cleanup of idempotency records and tokens (PGlite)', () => {
  let b: TestBackend;
  beforeAll(async () => {
    b = await startTestBackend({
      cleanup: { intervalMs: 100, idempotencyRetentionMs: 1500, tokenGraceMs: 1500 },
      tokenTtlMs: { staff: 800 },
    });
  });
  afterAll(async () => b?.close());

  it('deletes idempotency records past the retention and expired or revoked tokens past the grace period', async () => {
    const admin = await b.adminToken();
    const key = `cleanup-${crypto.randomUUID()}`;
    const write = () =>
      b.request('PUT', '/admin/settings', {
        token: admin,
        body: { chatMobileEnabled: true },
        headers: { 'idempotency-key': key },
      });
    expect((await write()).status).toBe(200);
    expect((await write()).headers.get('idempotent-replayed')).toBe('true');
    const keyRows = () => count(b, 'idempotency_keys WHERE key = $1', [key]);
    expect(await keyRows()).toBe(1);

    // A token signed out now (revoked), and the admin's (expires after 0.8 s).
    const signedOut = (
      await b.request<{ token: string }>('POST', '/auth/login', {
        body: { email: 'agent@demo.chatdesk', password: 'demo-password' },
      })
    ).body.token;
    expect((await b.request('POST', '/auth/logout', { token: signedOut })).status).toBe(200);
    const tokenRows = (token: string) => count(b, 'auth_tokens WHERE token_hash = $1', [tokenHash(token)]);
    expect(await tokenRows(signedOut)).toBe(1);
    expect(await tokenRows(admin)).toBe(1);

    // Still there within the retention and the grace period (the cleanup runs every 100 ms meanwhile).
    await new Promise((r) => setTimeout(r, 600));
    expect(await keyRows()).toBe(1);
    expect(await tokenRows(signedOut)).toBe(1);

    await until(async () => (await keyRows()) === 0, 5000, 'idempotency record deleted');
    await until(async () => (await tokenRows(signedOut)) === 0, 5000, 'revoked token deleted');
    await until(async () => (await tokenRows(admin)) === 0, 5000, 'expired token deleted');
    // The same key is a new request again (its record is gone).
    const fresh = await b.request<{ token: string }>('POST', '/auth/login', {
      body: { email: 'admin@demo.chatdesk', password: 'demo-password' },
    });
    const again = await b.request('PUT', '/admin/settings', {
      token: fresh.body.token,
      body: { chatMobileEnabled: true },
      headers: { 'idempotency-key': key },
    });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });

  it('cleanupStale keeps young records and working tokens, deletes only what is past its time', async () => {
    // A backend of its own without the periodic cleanup, so only this call deletes anything.
    const b = await startTestBackend();
    try {
      const fresh = await b.request<{ token: string }>('POST', '/auth/login', {
        body: { email: 'manager@demo.chatdesk', password: 'demo-password' },
      });
      await b.db.query(
        `INSERT INTO idempotency_keys (principal, key, fingerprint, status, body, created_at) VALUES
         ('staff:x', 'old', 'f', 200, '{}', now() - interval '8 days'),
         ('staff:x', 'young', 'f', 200, '{}', now() - interval '6 days')`,
      );
      await b.db.query(
        `INSERT INTO auth_tokens (token_hash, subject_kind, subject_id, expires_at, revoked_at) VALUES
         ('expired-long-ago', 'staff', gen_random_uuid(), now() - interval '2 days', NULL),
         ('expired-just-now', 'staff', gen_random_uuid(), now() - interval '1 hour', NULL),
         ('revoked-long-ago', 'user', gen_random_uuid(), now() + interval '20 days', now() - interval '2 days'),
         ('revoked-just-now', 'user', gen_random_uuid(), now() + interval '20 days', now() - interval '1 hour')`,
      );
      const removed = await cleanupStale(b.db, { idempotencyRetentionMs: 7 * 86_400_000, tokenGraceMs: 86_400_000 });
      expect(removed.idempotencyKeys).toBeGreaterThanOrEqual(1);
      expect(await count(b, `idempotency_keys WHERE principal = 'staff:x'`)).toBe(1);
      expect(await count(b, `idempotency_keys WHERE key = 'young'`)).toBe(1);
      const left = await b.db.query<{ token_hash: string }>(
        `SELECT token_hash FROM auth_tokens WHERE token_hash LIKE '%-ago' OR token_hash LIKE '%-now' ORDER BY 1`,
      );
      expect(left.rows.map((r) => r.token_hash)).toEqual(['expired-just-now', 'revoked-just-now']);
      expect(removed.tokens).toBeGreaterThanOrEqual(2);
      expect((await b.request('GET', '/auth/me', { token: fresh.body.token })).status).toBe(200);
    } finally {
      await b.close();
    }
  });

  it('is off unless asked, and stops with the server', async () => {
    const off = await startTestBackend({ demo: false });
    try {
      await off.db.query(
        `INSERT INTO idempotency_keys (principal, key, fingerprint, created_at)
         VALUES ('staff:y', 'ancient', 'f', now() - interval '400 days')`,
      );
      await new Promise((r) => setTimeout(r, 300));
      expect(await count(off, `idempotency_keys WHERE key = 'ancient'`)).toBe(1);
    } finally {
      await off.close();
    }
    // A cleanup that runs at start, every 50 ms, and is stopped by close(): no run touches the closed database.
    const on = await startTestBackend({ demo: false, cleanup: { intervalMs: 50 } });
    await on.db.query(
      `INSERT INTO idempotency_keys (principal, key, fingerprint, created_at)
       VALUES ('staff:y', 'ancient', 'f', now() - interval '400 days')`,
    );
    await until(
      async () => (await count(on, `idempotency_keys WHERE key = 'ancient'`)) === 0,
      5000,
      'default retention',
    );
    await on.close();
    await new Promise((r) => setTimeout(r, 200));
  });
});
