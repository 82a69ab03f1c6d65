// The feed's sequencer (issue 18) under steady writes: each write's call is answered by the first run that started
// after it, never held until the writes stop, and every event ends numbered once, gapless, in order-key order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvents, FeedSequencer, systemActor } from '../../../src/server/feed.ts';
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
