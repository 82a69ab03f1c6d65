// Limits a production backend needs: sign-in rate limit, expiring tokens, the body size limit, a heartbeat on an
// idle feed socket, and the first admin of an empty database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer } from '../../../src/server/app.ts';
import { FeedFrame } from '../../../src/shared/events.ts';
import { startTestBackend, TEST_PASSWORD_COST, type TestBackend } from '../../support/backend.ts';

describe('backend limits', () => {
  let b: TestBackend;
  beforeAll(async () => {
    b = await startTestBackend({ loginRateLimit: 3, tokenTtlMs: { staff: 1500 }, heartbeatMs: 150 });
  });
  afterAll(async () => b?.close());

  it('limits sign-in attempts per e-mail and address with rate_limited (429)', async () => {
    const attempt = (email: string) =>
      b.request<{ error: { code: string } }>('POST', '/auth/login', { body: { email, password: 'wrong' } });
    for (let i = 0; i < 3; i++) expect((await attempt('agent@demo.chatdesk')).status).toBe(401);
    const limited = await attempt('agent@demo.chatdesk');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.headers.get('retry-after')).toBeTruthy();
    // another account from the same address is not locked out by it
    expect(
      (await b.request('POST', '/auth/login', { body: { email: 'manager@demo.chatdesk', password: 'demo-password' } }))
        .status,
    ).toBe(200);
  });

  it('expires staff tokens', async () => {
    const token = await b.token('moderator');
    expect((await b.request('GET', '/auth/me', { token })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1700));
    const expired = await b.request<{ error: { code: string } }>('GET', '/auth/me', { token });
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('unauthenticated');
  });

  it('refuses bodies over the limit with payload_too_large (413) before any work', async () => {
    const token = (
      await b.request<{ token: string }>('POST', '/auth/login', {
        body: { email: 'admin@demo.chatdesk', password: 'demo-password' },
      })
    ).body.token;
    const r = await b.request<{ error: { code: string } }>('POST', '/admin/sessions/delete', {
      token,
      rawBody: JSON.stringify({ ids: Array.from({ length: 5000 }, () => crypto.randomUUID()) }),
    });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
  });

  it('sends heartbeats with the feed head on an idle socket (token in the Authorization header)', async () => {
    const token = (
      await b.request<{ token: string }>('POST', '/auth/login', {
        body: { email: 'admin@demo.chatdesk', password: 'demo-password' },
      })
    ).body.token;
    const ws = new WebSocket(`${b.url.replace('http', 'ws')}/api/v1/admin/events?after=0`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const frames: FeedFrame[] = [];
    ws.on('message', (d) => frames.push(FeedFrame.parse(JSON.parse(String(d)))));
    await new Promise((r) => setTimeout(r, 500));
    ws.close();
    const beats = frames.filter((f) => f.kind === 'heartbeat');
    expect(beats.length).toBeGreaterThanOrEqual(2);
    const { rows } = await b.db.query<{ s: number }>('SELECT last_seq AS s FROM feed_state');
    for (const beat of beats) if (beat.kind === 'heartbeat') expect(beat.lastSeq).toBe(rows[0]?.s);
  });

  it('creates the first admin of a database without staff accounts', async () => {
    const server = await startServer({
      bootstrapAdmin: { email: 'root@example.com', password: 'first-password' },
      passwordCost: TEST_PASSWORD_COST,
    });
    try {
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'root@example.com', password: 'first-password' }),
      });
      expect(login.status).toBe(200);
      const { staff, token } = (await login.json()) as { staff: { role: string }; token: string };
      expect(staff.role).toBe('admin');
      const sessions = await fetch(`${server.url}/api/v1/admin/sessions`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(await sessions.json()).toEqual({ items: [], total: 0, totalExact: true }); // F2: an empty marketplace lists nothing
    } finally {
      await server.close();
    }
  });
});
