// A feed WebSocket lives only as long as its token: signing out or disabling the account closes the token's open
// sockets at once (4401 with the reason; other tokens' sockets stay open), the token cannot open a new one, and an
// expired token's socket is closed by the periodic check. On PGlite and PostgreSQL (NOTIFY carries the revocation).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WsClose } from '../../../src/shared/api.ts';
import type { Staff } from '../../../src/shared/domain.ts';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';

interface OpenFeed {
  /** Resolves with the close code and reason, whenever the socket closes. */
  closed: Promise<{ code: number; reason: string }>;
  isOpen(): boolean;
  close(): void;
}

/** Opens /admin/events with the token and waits for the first heartbeat (the socket is then signed in and live). */
async function openFeed(b: TestBackend, token: string): Promise<OpenFeed> {
  const ws = new WebSocket(`${b.url.replace('http', 'ws')}/api/v1/admin/events?after=0`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (data) => {
      if ((JSON.parse(String(data)) as { kind: string }).kind === 'heartbeat') resolve();
    });
    void closed.then(({ code, reason }) => reject(new Error(`closed before the first heartbeat: ${code} ${reason}`)));
  });
  return { closed, isOpen: () => ws.readyState === WebSocket.OPEN, close: () => ws.close() };
}

/** A connection attempt's close code (a refused token is closed right after the upgrade). */
function closeCodeOf(b: TestBackend, token: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${b.url.replace('http', 'ws')}/api/v1/admin/events?after=0`, {
      headers: { authorization: `Bearer ${token}` },
    });
    ws.on('close', (code) => resolve(code));
  });
}

const within = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)),
  ]);

for (const [label, postgres] of [
  ['PGlite', false],
  ['PostgreSQL', true],
] as const) {
  describe(`feed sockets of revoked tokens on ${label}`, () => {
    let b: TestBackend;
    let admin: string;
    const opened: OpenFeed[] = [];
    const signIn = async (email: string, password: string) => {
      const r = await b.request<{ token: string }>('POST', '/auth/login', { body: { email, password } });
      expect(r.status).toBe(200);
      return r.body.token;
    };
    const open = async (token: string) => {
      const feed = await openFeed(b, token);
      opened.push(feed);
      return feed;
    };

    beforeAll(async () => {
      // A long periodic check: what closes the sockets here is the revocation itself.
      b = await startTestBackend({ postgres, tokenCheckMs: 60_000, heartbeatMs: 60_000 });
      admin = await b.adminToken();
    });
    afterAll(async () => {
      for (const feed of opened) feed.close();
      await b?.close();
    });

    it('sign-out closes that token’s sockets (4401, "signed out"), not another token’s; the token cannot reconnect', async () => {
      const first = await signIn('moderator@demo.chatdesk', 'demo-password');
      const second = await signIn('moderator@demo.chatdesk', 'demo-password');
      const [a1, a2, other] = [await open(first), await open(first), await open(second)];

      expect((await b.request('POST', '/auth/logout', { token: first })).status).toBe(200);
      for (const feed of [a1, a2]) {
        const { code, reason } = await within(feed.closed, 5000, 'socket of the signed-out token');
        expect(code).toBe(WsClose.unauthenticated);
        expect(reason).toMatch(/signed out/);
      }
      // The same person's other sign-in keeps its socket.
      await new Promise((r) => setTimeout(r, 300));
      expect(other.isOpen()).toBe(true);
      expect(await closeCodeOf(b, first)).toBe(WsClose.unauthenticated);
    });

    it('disabling the account closes all its sockets (4401, "account disabled"); no token of it reconnects', async () => {
      const created = await b.request<Staff>('POST', '/admin/staff', {
        token: admin,
        body: {
          name: 'Sami',
          email: `sami.${label.toLowerCase()}@demo.chatdesk`,
          role: 'agent',
          password: 'long-enough',
        },
      });
      expect(created.status).toBe(201);
      const email = created.body.email;
      const [t1, t2] = [await signIn(email, 'long-enough'), await signIn(email, 'long-enough')];
      const feeds = [await open(t1), await open(t2)];
      const adminFeed = await open(admin);

      expect((await b.request('DELETE', `/admin/staff/${created.body.id}`, { token: admin })).status).toBe(200);
      for (const feed of feeds) {
        const { code, reason } = await within(feed.closed, 5000, 'socket of the disabled account');
        expect(code).toBe(WsClose.unauthenticated);
        expect(reason).toMatch(/account disabled/);
      }
      await new Promise((r) => setTimeout(r, 300));
      expect(adminFeed.isOpen()).toBe(true);
      for (const token of [t1, t2]) expect(await closeCodeOf(b, token)).toBe(WsClose.unauthenticated);

      // Enabled again, the old tokens stay revoked: still no socket with them.
      expect((await b.request('POST', `/admin/staff/${created.body.id}/enable`, { token: admin })).status).toBe(200);
      expect(await closeCodeOf(b, t1)).toBe(WsClose.unauthenticated);
    });

    it('a token revoked behind the server’s back (no notification) is caught by the periodic check', async () => {
      const quick = await startTestBackend({ postgres, tokenCheckMs: 150, heartbeatMs: 60_000 });
      try {
        const token = (
          await quick.request<{ token: string }>('POST', '/auth/login', {
            body: { email: 'agent@demo.chatdesk', password: 'demo-password' },
          })
        ).body.token;
        const feed = await openFeed(quick, token);
        await quick.db.query(
          `UPDATE auth_tokens SET expires_at = now() - interval '1 second' WHERE subject_kind = 'staff'`,
        );
        const { code, reason } = await within(feed.closed, 5000, 'socket of the expired token');
        expect(code).toBe(WsClose.unauthenticated);
        expect(reason).toMatch(/expired or revoked/);
        expect(await closeCodeOf(quick, token)).toBe(WsClose.unauthenticated);
      } finally {
        await quick.close();
      }
    });
  });
}
