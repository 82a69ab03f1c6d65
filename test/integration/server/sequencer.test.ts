// The feed's sequencer (issue 18) under steady writes: each write's call is answered by the first run that started
// after it, never held until the writes stop, and every event ends numbered once, gapless, in order-key order. The
// hub that reads the numbered events reads once per run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, sqlText } from '../../../src/server/db/db.ts';
import {
  appendEvents,
  FeedHub,
  FeedSequencer,
  numberEvents,
  numberingStatement,
  SEQUENCER_LOCK_SQL,
  systemActor,
} from '../../../src/server/feed.ts';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';

let b: TestBackend;
beforeAll(async () => {
  b = await startTestBackend({ demo: false });
});
afterAll(async () => b?.close());

/** One write: a transaction that appends one settings event, committed. */
const write = (i: number) =>
  b.db.transaction((tx) =>
    appendEvents(tx, systemActor, [
      { type: 'session.deleted', sessionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
    ]),
  );

describe('the feed sequencer', () => {
  it('answers a write while writes keep coming, and numbers every event once, gapless, in order-key order', async () => {
    const sequencer = new FeedSequencer(b.db);
    const before = Number((await b.db.query<{ s: number }>('SELECT last_seq AS s FROM feed_state')).rows[0]?.s);
    await write(0);
    let answered = false;
    const first = sequencer.run(60_000).then(() => {
      answered = true;
    });
    // Writers keep writing, each asking for a run, until the first write is answered (or 300 writes went by).
    let writes = 1;
    const pending: Promise<void>[] = [];
    while (!answered && writes < 300) {
      await write(writes++);
      pending.push(sequencer.run(60_000));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await first;
    expect(writes, 'the first write waited for the writes to stop').toBeLessThan(300);
    await Promise.all(pending);
    await sequencer.run();
    const { rows } = await b.db.query<{ seq: number | null; order_key: number }>(
      'SELECT seq, order_key FROM events WHERE order_key > 0 ORDER BY order_key',
    );
    const numbered = rows.filter((r) => r.seq !== null && r.seq > before);
    expect(numbered).toHaveLength(writes);
    expect(rows.every((r) => r.seq !== null)).toBe(true);
    expect(numbered.map((r) => r.seq)).toEqual(Array.from({ length: writes }, (_, i) => before + i + 1));
    await sequencer.close();
  });
});

describe('the feed hub', () => {
  it('reads once per sequencer run (its own wake-up and the run’s NOTIFY are one read) and delivers each event once', async () => {
    let reads = 0;
    const counted: Db = {
      ...b.db,
      query: (sql, params) => {
        if (sqlText(sql).startsWith('SELECT seq, payload FROM events')) reads++;
        return b.db.query(sql, params);
      },
    };
    const hub = new FeedHub(counted);
    // The poll (the safety net) out of the way: only the writes and their NOTIFY wake the hub.
    await hub.start(600_000);
    const seen: number[] = [];
    hub.subscribe({ deliver: (event) => seen.push(event.seq) });
    const from = hub.lastSeq;
    reads = 0;
    const writes = 12;
    for (let i = 0; i < writes; i++) {
      await write(1000 + i);
      await hub.afterWrite();
      // The run's NOTIFY arrives meanwhile, naming a seq the hub has read already.
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    expect(seen).toEqual(Array.from({ length: writes }, (_, i) => from + i + 1));
    expect(reads).toBe(writes);
    // Without a seq (the poll, a reconnect) the hub reads to see, and finds nothing new.
    await hub.settle();
    expect(reads).toBe(writes + 1);
    expect(seen).toHaveLength(writes);
    await hub.close();
  });
});

describe('the feed sequencer on PostgreSQL, after many events', () => {
  let pgBackend: TestBackend;
  beforeAll(async () => {
    pgBackend = await startTestBackend({ demo: false, postgres: true });
  });
  afterAll(async () => pgBackend?.close());

  it('reads only the unnumbered events through their index, not every numbered event’s old row again', async () => {
    const db = pgBackend.db;
    const deleted = (i: number) => ({
      type: 'session.deleted' as const,
      sessionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    });
    // 20,000 events numbered: each left an old row version (seq still null) behind until a vacuum. The table is not
    // analysed since (as between autovacuums under steady writes): left to itself the planner picks a bitmap scan.
    await db.transaction((tx) =>
      appendEvents(
        tx,
        systemActor,
        Array.from({ length: 20_000 }, (_, i) => deleted(i)),
      ),
    );
    while ((await numberEvents(db)).more) {}
    await db.transaction((tx) => appendEvents(tx, systemActor, [deleted(1), deleted(2), deleted(3)]));
    // The numbering statement as a run makes it, and its plan (rolled back: nothing numbered).
    const plan = async () =>
      db
        .transaction(async (tx) => {
          await tx.query(SEQUENCER_LOCK_SQL);
          const { rows } = await tx.query<{ 'QUERY PLAN': unknown }>(
            `EXPLAIN (ANALYZE, FORMAT JSON) ${numberingStatement(5000)}`,
          );
          throw Object.assign(new Error('rolled back'), { plan: JSON.stringify(rows[0]?.['QUERY PLAN']) });
        })
        .catch((error: { plan?: string }) => {
          if (!error.plan) throw error;
          return error.plan;
        });
    // Through the partial index of the unnumbered events, in order: an index scan marks the old versions' entries
    // dead as it passes them (once no transaction can still see them), so later runs skip them; a bitmap scan never.
    const text = await plan();
    expect(text).not.toContain('Bitmap');
    expect(text).toContain('events_unnumbered_idx');
    // The setting holds for the run's own transaction (the script numberEvents sends), and for it alone.
    const [, during] = await db.script<{ enable_bitmapscan: string }>(`${SEQUENCER_LOCK_SQL}; SHOW enable_bitmapscan`);
    expect(during?.rows).toEqual([{ enable_bitmapscan: 'off' }]);
    expect((await db.query('SHOW enable_bitmapscan')).rows).toEqual([{ enable_bitmapscan: 'on' }]);
  });
});
