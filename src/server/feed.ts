// The change feed: events appended in the writing transaction, numbered with a gapless seq by the sequencer once
// committed, read back by `changes`, pushed live by the FeedHub (woken by LISTEN/NOTIFY, so every backend instance on
// one database serves the same feed).

import { AppError } from '../shared/errors.ts';
import type { Actor, ChangeEvent } from '../shared/events.ts';
import { liveStaffTokens } from './auth.ts';
import { bind, type Db, prepared, type Queryable } from './db/db.ts';

export const FEED_CHANNEL = 'chatdesk_events';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewEvent = DistributiveOmit<ChangeEvent, 'seq' | 'at' | 'actor'>;

export const systemActor: Actor = { kind: 'system', id: null };

/**
 * The statement that appends events in the caller's transaction, unnumbered, each with an order key from a sequence
 * taken as it runs, which must be after the transaction's writes to shared rows (every row the write changes is
 * locked by now). No row is shared between writers. The sequencer (`numberEvents`) gives them their public `seq`
 * once they are committed; see migration 009 for why the order holds. The keys are ranked so the events keep their
 * order within the write. Null when there is nothing to append.
 */
export function eventsInsert(actor: Actor, events: readonly NewEvent[], params: unknown[]): string | null {
  if (events.length === 0) return null;
  const at = new Date().toISOString();
  // The stored payload's seq is a placeholder: readers take the seq column (readEvents).
  const full = events.map((e) => ({ ...e, seq: 0, at, actor }) as ChangeEvent);
  // One JSON array read by jsonb_array_elements, whose row estimate is the same whatever it holds: a closing
  // statement prepared with it gets one generic plan (unnest and generate_series are estimated from their values,
  // so PostgreSQL planned the statement again for every write).
  const [atP, actorP, eventsP] = [at, JSON.stringify(actor), JSON.stringify(full)].map((value) => bind(params, value));
  return `INSERT INTO events (seq, order_key, type, at, actor, payload)
    SELECT NULL, k.k, x.e->>'type', ${atP}::timestamptz, ${actorP}::jsonb, x.e
      FROM jsonb_array_elements(${eventsP}::jsonb) WITH ORDINALITY AS x(e, i)
      JOIN (SELECT n.k, row_number() OVER (ORDER BY n.k) AS i
              FROM (SELECT nextval('events_order_key_seq') AS k FROM jsonb_array_elements(${eventsP}::jsonb)) n) k
        ON k.i = x.i`;
}

/** Appends events in the caller's transaction (see `eventsInsert`). */
export async function appendEvents(tx: Queryable, actor: Actor, events: readonly NewEvent[]): Promise<void> {
  const params: unknown[] = [];
  const sql = eventsInsert(actor, events, params);
  if (sql) await tx.query(sql, params);
}

/** The advisory lock that lets one sequencer at a time number events, across every backend instance. */
export const SEQUENCER_LOCK = 72_001_338;

/**
 * The sequencer: gives every committed, unnumbered event the next seq, in order-key order. One run at a time (an
 * advisory lock; the numbers come from `feed_state`, written only here and by pruning); the run's NOTIFY at commit
 * wakes every instance's feed. Answers how many it numbered and whether it stopped at its limit with more to do.
 */
export async function numberEvents(
  db: Db,
  limit = 5000,
): Promise<{ numbered: number; more: boolean; lastSeq: number | null }> {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error('numberEvents: the limit is a positive integer');
  // One round trip: the lock, then the numbering, run as one transaction of their own (a script).
  const [, numbering] = await db.script<{ numbered: number; last_seq: number }>(
    `${SEQUENCER_LOCK_SQL}; ${numberingStatement(limit)}`,
  );
  const row = numbering?.rows[0];
  const numbered = Number(row?.numbered ?? 0);
  return { numbered, more: numbered === limit, lastSeq: row ? Number(row.last_seq) : null };
}

// A sequencer run's two statements (exported for the test that reads the numbering's plan, sequencer.test.ts).
// The lock first, in its own statement: the numbering statement's snapshot is then taken after it, so it sees every
// number the run before gave. With it, for this transaction only, no bitmap scans: the unnumbered events must be read
// through their partial index in order (events_unnumbered_idx), an index scan, which marks the index entries of
// events numbered earlier as dead as it passes them. A bitmap scan (what the planner picks once the table has many
// events) never does, so it visited every numbered event's old row version again on each run until a vacuum:
// 10–15 ms a run after 40,000 messages, against 0.2 ms.
export const SEQUENCER_LOCK_SQL = `SELECT pg_advisory_xact_lock(${SEQUENCER_LOCK}), set_config('enable_bitmapscan', 'off', true)`;

/**
 * Then one statement: the next committed events in order-key order (at most `limit`), the counter moved past them,
 * their numbers, and the NOTIFY sent at commit (its payload: the last seq given). No row when there was nothing to
 * number.
 */
export const numberingStatement = (limit: number): string =>
  `WITH todo AS (
     SELECT u.order_key, row_number() OVER (ORDER BY u.order_key) AS i
       FROM (SELECT order_key FROM events WHERE seq IS NULL ORDER BY order_key LIMIT ${limit}) u
   ), counted AS (SELECT count(*)::bigint AS n FROM todo),
   state AS (
     UPDATE feed_state SET last_seq = last_seq + (SELECT n FROM counted)
      WHERE (SELECT n FROM counted) > 0 RETURNING last_seq
   ), numbered AS (
     UPDATE events e SET seq = state.last_seq - (SELECT n FROM counted) + todo.i
       FROM todo, state WHERE e.order_key = todo.order_key RETURNING 1
   )
   SELECT (SELECT count(*) FROM numbered) AS numbered, state.last_seq,
          pg_notify('${FEED_CHANNEL}', state.last_seq::text) AS notified
     FROM state`;

/**
 * Runs the sequencer for this backend instance: after each of its writes, and on a slow timer as a safety net (an
 * instance that stopped between its commit and its run). Runs follow one another; a call is answered by the first
 * run that started after it (which numbers everything committed before the call), so under steady writes each
 * caller waits for at most the run going and the next, never for the writes to stop.
 */
export class FeedSequencer {
  readonly #db: Db;
  readonly #onError: (error: unknown) => void;
  /** Runs started and runs ended (successfully or not) so far. */
  #started = 0;
  #ended = 0;
  /** Callers waiting for the run with this number (or a later one) to end. */
  #waiters: Array<{ run: number; resolve: () => void }> = [];
  #looping: Promise<void> | null = null;
  /** The last run stopped at its limit with more to number. */
  #more = false;
  #failures = 0;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  /** The highest seq this sequencer has given (0 before its first numbering). */
  #lastNumbered = 0;

  constructor(db: Db, onError: (error: unknown) => void = () => {}) {
    this.#db = db;
    this.#onError = onError;
  }

  get lastNumbered(): number {
    return this.#lastNumbered;
  }

  start(pollMs = 1000): void {
    this.#timer = setInterval(() => void this.run(), pollMs);
    this.#timer.unref();
    void this.run();
  }

  /**
   * Numbers every event committed before the call; resolves when a run that started after the call has ended, or
   * after `maxWaitMs` when runs keep failing (the database is away): the events are numbered by a later run.
   */
  run(maxWaitMs = 2000): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const run = this.#started + 1;
    const answered = new Promise<void>((resolve) => this.#waiters.push({ run, resolve }));
    this.#looping ??= this.#loop().finally(() => {
      this.#looping = null;
    });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, maxWaitMs);
      timer.unref();
    });
    return Promise.race([answered, deadline]).finally(() => clearTimeout(timer));
  }

  async #loop(): Promise<void> {
    while (!this.#closed && (this.#waiters.length > 0 || this.#more)) {
      this.#started++;
      try {
        const result = await numberEvents(this.#db);
        this.#more = result.more;
        if (result.lastSeq !== null) this.#lastNumbered = Math.max(this.#lastNumbered, result.lastSeq);
        this.#failures = 0;
      } catch (error) {
        this.#more = false;
        if (this.#closed) break;
        if (this.#failures++ % 20 === 0) this.#onError(error);
        // The database is away or closing: try again a little later (callers are answered at their deadline).
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** Math.min(this.#failures, 6))));
        this.#started--;
        continue;
      }
      this.#ended = this.#started;
      const waiting = this.#waiters;
      this.#waiters = [];
      for (const w of waiting) {
        if (w.run <= this.#ended) w.resolve();
        else this.#waiters.push(w);
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    for (const w of this.#waiters.splice(0)) w.resolve();
    await this.#looping;
  }
}

export interface FeedPosition {
  lastSeq: number;
  prunedThrough: number;
}

export async function feedPosition(db: Queryable): Promise<FeedPosition> {
  const { rows } = await db.query<{ last_seq: number; pruned_through: number }>(
    'SELECT last_seq, pruned_through FROM feed_state',
  );
  return { lastSeq: rows[0]?.last_seq ?? 0, prunedThrough: rows[0]?.pruned_through ?? 0 };
}

/** Throws `cursor_too_old` when events after `after` were pruned, or when `after` is ahead of the feed. */
export function checkCursor(after: number, position: FeedPosition): void {
  if (after < position.prunedThrough) {
    throw new AppError(
      'cursor_too_old',
      `Events after ${after} are no longer kept (the oldest kept is ${position.prunedThrough + 1}); load a snapshot`,
      { after: `must be at least ${position.prunedThrough}` },
    );
  }
  if (after > position.lastSeq) {
    throw new AppError(
      'cursor_too_old',
      `Cursor ${after} is ahead of this feed (last ${position.lastSeq}); load a snapshot`,
      {
        after: `must be at most ${position.lastSeq}`,
      },
    );
  }
}

/** Read by every instance after every sequencer run (prepared: parsed and planned once per connection). */
const EVENTS_AFTER = prepared('SELECT seq, payload FROM events WHERE seq > $1 ORDER BY seq LIMIT $2');

export async function readEvents(db: Queryable, after: number, limit: number): Promise<ChangeEvent[]> {
  const { rows } = await db.query<{ seq: number; payload: ChangeEvent }>(EVENTS_AFTER, [after, limit]);
  return rows.map((r) => ({ ...r.payload, seq: r.seq }));
}

export interface RetentionOptions {
  /** Keep events younger than this (default 7 days). */
  maxAgeMs: number;
  /** And at most this many (default 1,000,000). */
  maxEvents: number;
}
export const defaultRetention: RetentionOptions = { maxAgeMs: 7 * 24 * 3600_000, maxEvents: 1_000_000 };

/** Removes events older than the window; records how far it went so old cursors get `cursor_too_old`. */
export async function pruneEvents(db: Db, retention: RetentionOptions): Promise<number> {
  return db.transaction(async (tx) => {
    // Lock the counter so the sequencer gives no number while the boundary moves.
    const { rows } = await tx.query<{ last_seq: number; pruned_through: number }>(
      'SELECT last_seq, pruned_through FROM feed_state FOR UPDATE',
    );
    const state = rows[0];
    if (!state) return 0;
    const byCount = state.last_seq - retention.maxEvents;
    const { rows: ageRows } = await tx.query<{ seq: number | null }>(
      `SELECT max(seq) AS seq FROM events WHERE at < now() - make_interval(secs => $1)`,
      [retention.maxAgeMs / 1000],
    );
    const through = Math.max(byCount, ageRows[0]?.seq ?? 0, state.pruned_through);
    if (through <= state.pruned_through) return 0;
    const deleted = await tx.query('DELETE FROM events WHERE seq <= $1', [through]);
    await tx.query('UPDATE feed_state SET pruned_through = $1', [through]);
    return deleted.rowCount;
  });
}

export interface FeedSubscriber {
  /** Called with each new event in seq order, once the subscriber is live. */
  deliver(event: ChangeEvent): void;
  /**
   * Around each page of events the hub delivers: what `deliver` sends in between may go out together (a feed socket
   * writes the page's frames in one system call instead of one each). `endPage` follows every `beginPage`.
   */
  beginPage?(): void;
  endPage?(): void;
}

/**
 * Reads new events once per wake-up and hands them to live subscribers. Wake-ups come from NOTIFY (any
 * instance's writes), from this instance's own commits, and from a slow poll as a safety net.
 */
export class FeedHub {
  #db: Db;
  #lastSeq = 0;
  #subscribers = new Set<FeedSubscriber>();
  #running = false;
  /** Woken while reading: read again after, up to this seq if known (`Infinity`: whatever is there). */
  #again = 0;
  #unlisten: (() => Promise<void>) | null = null;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  #idle: Array<() => void> = [];
  readonly #sequencer: FeedSequencer;

  constructor(db: Db, onError: (error: unknown) => void = () => {}) {
    this.#db = db;
    this.#sequencer = new FeedSequencer(db, onError);
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  async start(pollMs = 2000): Promise<void> {
    this.#lastSeq = (await feedPosition(this.#db)).lastSeq;
    // The payload is the last seq the sequencer gave ('' after a reconnect: unknown, so read).
    this.#unlisten = await this.#db.listen(FEED_CHANNEL, (payload) =>
      this.wake(/^\d+$/.test(payload) ? Number(payload) : undefined),
    );
    this.#timer = setInterval(() => this.wake(), pollMs);
    this.#timer.unref();
    this.#sequencer.start();
  }

  /** After a write committed events: numbers them (so the answer follows its events into the feed), then reads. */
  async afterWrite(): Promise<void> {
    await this.#sequencer.run();
    this.wake(this.#sequencer.lastNumbered);
  }

  subscribe(subscriber: FeedSubscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  /**
   * Reads what is new. `through`: the feed is known to reach this seq (a NOTIFY's payload, this instance's sequencer
   * run), so there is nothing to read when the hub is there already; a run's own wake-up and its NOTIFY's then cost
   * one read, not two. Without it (the poll, a reconnect) the hub reads to see.
   */
  wake(through = Number.POSITIVE_INFINITY): void {
    if (this.#closed || through <= this.#lastSeq) return;
    if (this.#running) {
      this.#again = Math.max(this.#again, through);
      return;
    }
    this.#running = true;
    void this.#pump();
  }

  /** Resolves once the hub has read everything committed before the call (tests, shutdown). */
  async settle(): Promise<void> {
    if (this.#closed) return;
    await this.#sequencer.run();
    this.wake();
    await new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  async #pump(): Promise<void> {
    try {
      do {
        this.#again = 0;
        for (;;) {
          const events = await readEvents(this.#db, this.#lastSeq, 1000);
          if (events.length === 0) break;
          // Every subscriber whose page began ends it, whatever fails in between (a socket left corked would hold
          // back its frames for good).
          const begun: FeedSubscriber[] = [];
          try {
            for (const s of this.#subscribers) {
              try {
                s.beginPage?.();
                begun.push(s);
              } catch {
                // Its page goes out frame by frame; the others' are not held back by it.
              }
            }
            for (const event of events) {
              this.#lastSeq = event.seq;
              for (const s of this.#subscribers) s.deliver(event);
            }
          } finally {
            for (const s of begun) s.endPage?.();
          }
          if (events.length < 1000) break;
        }
      } while (this.#again > this.#lastSeq && !this.#closed);
    } catch {
      // The database is away for a moment (restart, closing): the next wake-up or poll retries.
    } finally {
      this.#running = false;
      const idle = this.#idle.splice(0);
      for (const resolve of idle) resolve();
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.#sequencer.close();
    // Closing: a failed UNLISTEN changes nothing, the connection that listens is closed with the database.
    await this.#unlisten?.().catch(() => {});
    this.#subscribers.clear();
    for (const resolve of this.#idle.splice(0)) resolve();
  }
}

/** What the registry needs of a WebSocket. */
export interface ClosableSocket {
  close(code?: number, reason?: string): void;
}

/**
 * The open feed sockets of this instance and the token each one was opened with. A token is checked when its socket
 * opens (routes/feed.ts), again whenever tokens are revoked (the TOKENS_CHANNEL notification: sign-out, a disabled
 * account) and every `tokenCheckMs` (expiry, and a revocation whose notification was missed), so a socket never keeps
 * receiving events on a token that no longer signs anyone in. Closing uses WsClose.unauthenticated (4401) with the
 * reason, which the desk treats as "sign in again".
 */
export class FeedSockets<S extends ClosableSocket = ClosableSocket> {
  /** Told when a check could not read the tokens (the sockets stay open until the next check). */
  readonly #onCheckFailed: (error: unknown) => void;
  #open = new Map<S, string | null>();
  #checking: Promise<void> | null = null;
  #again: string | null = null;

  constructor(onCheckFailed: (error: unknown) => void = () => {}) {
    this.#onCheckFailed = onCheckFailed;
  }

  get size(): number {
    return this.#open.size;
  }

  /** A socket that has just connected (not yet signed in). */
  add(socket: S): void {
    this.#open.set(socket, null);
  }

  /** The socket's token passed the check: from now on it is checked again on revocations. */
  identify(socket: S, tokenHash: string): void {
    if (this.#open.has(socket)) this.#open.set(socket, tokenHash);
  }

  delete(socket: S): void {
    this.#open.delete(socket);
  }

  closeAll(code: number, reason: string): void {
    for (const socket of this.#open.keys()) socket.close(code, reason);
  }

  /**
   * Closes the sockets whose token is no longer valid, with `reason`. Calls that arrive while a check runs are folded
   * into one more check after it. Resolves when done; a database error leaves the sockets open until the next check.
   */
  recheck(db: Queryable, reason: string, closeCode: number): Promise<void> {
    if (this.#checking) {
      this.#again = reason;
      return this.#checking;
    }
    this.#checking = (async () => {
      let current: string | null = reason;
      while (current !== null) {
        this.#again = null;
        await this.#check(db, current, closeCode).catch(this.#onCheckFailed);
        current = this.#again;
      }
    })().finally(() => {
      this.#checking = null;
    });
    return this.#checking;
  }

  async #check(db: Queryable, reason: string, closeCode: number): Promise<void> {
    const identified = [...this.#open].filter((entry): entry is [S, string] => entry[1] !== null);
    if (identified.length === 0) return;
    const live = await liveStaffTokens(db, [...new Set(identified.map(([, hash]) => hash))]);
    for (const [socket, hash] of identified) {
      if (live.has(hash) || !this.#open.has(socket)) continue;
      this.#open.delete(socket);
      socket.close(closeCode, reason);
    }
  }
}
