// Live frames leave a page at a time: the events the hub reads together are written to each feed socket in one go
// (its connection corked while the page is delivered), not one system call per frame; every event still arrives,
// once and in order, as a text frame. On PGlite, with the real server and a real WebSocket client.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvents, systemActor } from '../../../src/server/feed.ts';
import { SESSION_COLUMNS, type SessionRow, toSession } from '../../../src/server/store/rows.ts';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';
import { type FeedReader, followFeed } from './feedReader.ts';

describe('live frames to a feed socket', () => {
  let b: TestBackend;
  let reader: FeedReader;
  beforeAll(async () => {
    b = await startTestBackend();
    reader = await followFeed({ url: b.url, token: await b.adminToken(), snapshot: false, usePaging: false });
    await reader.waitFor(b.server.hub.lastSeq);
  });
  afterAll(async () => {
    reader?.close();
    await b?.close();
  });

  it('writes a page of 40 events to the socket in one write, every event arriving once and in order', async () => {
    const port = Number(new URL(b.url).port);
    // The server's writes on its own connections (local port = its port), counted where streams hand them to the OS.
    const writes: number[] = [];
    const proto = net.Socket.prototype as unknown as Record<'_write' | '_writev', (...args: unknown[]) => unknown>;
    const original = { _write: proto._write, _writev: proto._writev };
    for (const method of ['_write', '_writev'] as const) {
      proto[method] = function (this: net.Socket, ...args: unknown[]) {
        if (this.localPort === port) writes.push(method === '_writev' ? (args[0] as unknown[]).length : 1);
        return original[method]?.apply(this, args);
      };
    }
    const before = reader.seqs.length;
    const from = b.server.hub.lastSeq;
    try {
      const { rows } = await b.db.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM chat_sessions s LIMIT 40`);
      expect(rows).toHaveLength(40);
      await b.db.transaction((tx) =>
        appendEvents(
          tx,
          systemActor,
          rows.map((row) => ({ type: 'session.upserted', session: toSession(row) })),
        ),
      );
      await b.server.hub.settle();
      await reader.waitFor(from + 40);
    } finally {
      Object.assign(proto, original);
    }
    expect(reader.seqs.slice(before)).toEqual(Array.from({ length: 40 }, (_, i) => from + 1 + i));
    expect(reader.binaryFrames).toBe(0);
    // One write held the page's 40 frames (a heartbeat may have gone out on its own meanwhile).
    expect(writes.length).toBeLessThanOrEqual(2);
    expect(Math.max(...writes)).toBeGreaterThanOrEqual(40);
  });

  it('keeps delivering to every socket when another subscriber fails to begin a page', async () => {
    const seen: number[] = [];
    const unsubscribe = b.server.hub.subscribe({
      deliver: (event) => seen.push(event.seq),
      beginPage: () => {
        throw new Error('cannot cork');
      },
    });
    try {
      const from = b.server.hub.lastSeq;
      const { rows } = await b.db.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM chat_sessions s LIMIT 5`);
      await b.db.transaction((tx) =>
        appendEvents(
          tx,
          systemActor,
          rows.map((row) => ({ type: 'session.upserted', session: toSession(row) })),
        ),
      );
      await b.server.hub.settle();
      await reader.waitFor(from + 5);
      expect(seen).toEqual([1, 2, 3, 4, 5].map((i) => from + i));
    } finally {
      unsubscribe();
    }
  });
});
