// Live frames leave a page at a time: the events the hub reads together are written to each feed socket in one go
// (its connection corked while the page is delivered), not one system call per frame; every event still arrives,
// once and in order, as a text frame. On PGlite, with the real server and a real WebSocket client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvents, systemActor } from '../../../src/server/feed.ts';
import { SESSION_COLUMNS, type SessionRow, toSession } from '../../../src/server/store/rows.ts';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';
import { socketWrites } from '../../support/socketWrites.ts';
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

  /** Appends a `session.upserted` event for each of `count` sessions in one transaction (one page for the hub). */
  const appendUpserts = async (count: number) => {
    const { rows } = await b.db.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM chat_sessions s LIMIT ${count}`);
    expect(rows).toHaveLength(count);
    await b.db.transaction((tx) =>
      appendEvents(
        tx,
        systemActor,
        rows.map((row) => ({ type: 'session.upserted', session: toSession(row) })),
      ),
    );
    await b.server.hub.settle();
  };

  it('writes a page of 40 events to the socket in one write, every event arriving once and in order', async () => {
    const port = Number(new URL(b.url).port);
    const before = reader.seqs.length;
    const from = b.server.hub.lastSeq;
    // The server's writes on its own connections (local port = its port).
    const writes = await socketWrites(
      (socket) => socket.localPort === port,
      async () => {
        await appendUpserts(40);
        await reader.waitFor(from + 40);
      },
    );
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
      await appendUpserts(5);
      await reader.waitFor(from + 5);
      expect(seen).toEqual([1, 2, 3, 4, 5].map((i) => from + i));
    } finally {
      unsubscribe();
    }
  });
});
