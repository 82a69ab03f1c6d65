// The change feed: events appended in the writing transaction, numbered with a gapless seq by the sequencer once
// committed, read back by `changes`, pushed live by the FeedHub (woken by LISTEN/NOTIFY, so every backend instance on
// one database serves the same feed).

import { AppError } from '../shared/errors.ts';
import type { Actor, ChangeEvent } from '../shared/events.ts';
import { liveStaffTokens } from './auth.ts';
import type { Db, Queryable } from './db/db.ts';

export const FEED_CHANNEL = 'chatdesk_events';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewEvent = DistributiveOmit<ChangeEvent, 'seq' | 'at' | 'actor'>;

export const systemActor: Actor = { kind: 'system', id: null };

/**
 * Appends events in the caller's transaction, unnumbered: each gets an order key from a sequence, taken here, which
 * must be the transaction's last write to any shared row (every row the write changes is locked by now), and the
 * writing transaction's id. No row is shared between writers. The sequencer (`numberEvents`) gives them their public
 * `seq` once they are committed; see migration 009 for why the order holds.
 */
export async function appendEvents(tx: Queryable, actor: Actor, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  const { rows } = await tx.query<{ k: number }>(
    `SELECT nextval('events_order_key_seq') AS k FROM generate_series(1, $1)`,
    [events.length],
  );
  const keys = rows.map((r) => r.k).sort((a, b) => a - b);
  const at = new Date().toISOString();
  // The stored payload's seq is a placeholder: readers take the seq column (readEvents).
  const full = events.map((e) => ({ ...e, seq: 0, at, actor }) as ChangeEvent);
  await tx.query(
    `INSERT INTO events (seq, order_key, xid, type, at, actor, payload)
     SELECT NULL, k, pg_current_xact_id(), t, $3::timestamptz, $4::jsonb, p::jsonb
       FROM unnest($1::bigint[], $2::text[], $5::text[]) AS x(k, t, p)`,
    [keys, full.map((e) => e.type), at, JSON.stringify(actor), full.map((e) => JSON.stringify(e))],
  );
}

/** The advisory lock that lets one sequencer at a time number events, across every backend instance. */
const SEQUENCER_LOCK = 72_001_338;

export interface NumberingResult {
  /** Events numbered by this run. */
  numbered: number;
  /** Unnumbered events remain that must wait for an older transaction still in flight. */
  waiting: boolean;
  /** The run stopped at its limit with more to number. */
  more: boolean;
}

/**
 * The sequencer: gives committed, unnumbered events the next seqs, in order-key order, as long as their transaction
 * is older than every transaction still in flight, and stops at the first that is not. One run at a time (advisory
 * lock); the run's NOTIFY at commit wakes every instance's feed.
 */
export async function numberEvents(db: Db, limit = 5000): Promise<NumberingResult> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEQUENCER_LOCK]);
    // One statement: the horizon and the rows come from the same snapshot (this transaction has no id yet).
    const { rows } = await tx.query<{ order_key: number; xid: string; horizon: string }>(
      `SELECT order_key, xid::text AS xid, pg_snapshot_xmin(pg_current_snapshot())::text AS horizon
         FROM events WHERE seq IS NULL ORDER BY order_key LIMIT $1`,
      [limit],
    );
    const first = rows[0];
    if (!first) return { numbered: 0, waiting: false, more: false };
    const horizon = BigInt(first.horizon);
    let ready = 0;
    while (ready < rows.length && BigInt((rows[ready] as { xid: string }).xid) < horizon) ready++;
    const waiting = ready < rows.length;
    if (ready === 0) return { numbered: 0, waiting, more: false };
    const { rows: state } = await tx.query<{ last_seq: number }>(
      'UPDATE feed_state SET last_seq = last_seq + $1 RETURNING last_seq',
      [ready],
    );
    const last = state[0]?.last_seq ?? ready;
    await tx.query(
      `UPDATE events e SET seq = $1 + x.i - 1
         FROM unnest($2::bigint[]) WITH ORDINALITY AS x(k, i) WHERE e.order_key = x.k`,
      [last - ready + 1, rows.slice(0, ready).map((r) => r.order_key)],
    );
    await tx.query('SELECT pg_notify($1, $2)', [FEED_CHANNEL, String(last)]);
    return { numbered: ready, waiting, more: !waiting && rows.length === limit };
  });
}

/**
 * Runs the sequencer for this backend instance: after each of its writes (coalesced: a run numbers every write
 * committed before it), again shortly while events wait for an older transaction, and on a slow timer as a safety
 * net (an instance that stopped between its commit and its run).
 */
export class FeedSequencer {
  readonly #db: Db;
  readonly #onError: (error: unknown) => void;
  #running: Promise<void> | null = null;
  #again = false;
  #timer: NodeJS.Timeout | null = null;
  #retry: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(db: Db, onError: (error: unknown) => void = () => {}) {
    this.#db = db;
    this.#onError = onError;
  }

  start(pollMs = 1000): void {
    this.#timer = setInterval(() => void this.run(), pollMs);
    this.#timer.unref();
    void this.run();
  }

  /**
   * Numbers every event committed before the call; resolves once they are numbered, or after `maxWaitMs` when an
   * older transaction still in flight holds them back (they are numbered as soon as it ends).
   */
  async run(maxWaitMs = 2000): Promise<void> {
    if (this.#closed) return;
    const deadline = Date.now() + maxWaitMs;
    // A run already going may have read before our commit: wait for it, then one more.
    if (this.#running) {
      this.#again = true;
      await this.#running;
    }
    this.#running ??= this.#loop(deadline).finally(() => {
      this.#running = null;
    });
    await this.#running;
  }

  async #loop(deadline: number): Promise<void> {
    let pause = 5;
    do {
      this.#again = false;
      let result: NumberingResult;
      try {
        result = await numberEvents(this.#db);
      } catch (error) {
        if (!this.#closed) this.#onError(error);
        return;
      }
      if (result.more) this.#again = true;
      else if (result.waiting) {
        if (Date.now() >= deadline || this.#closed) {
          this.#retryLater();
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, pause));
        pause = Math.min(pause * 2, 100);
        this.#again = true;
      }
    } while (this.#again && !this.#closed);
  }

  #retryLater(): void {
    if (this.#retry || this.#closed) return;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      void this.run();
    }, 100);
    this.#retry.unref();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    if (this.#retry) clearTimeout(this.#retry);
    await this.#running?.catch(() => {});
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

export async function readEvents(db: Queryable, after: number, limit: number): Promise<ChangeEvent[]> {
  const { rows } = await db.query<{ seq: number; payload: ChangeEvent }>(
    'SELECT seq, payload FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
    [after, limit],
  );
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
    // Lock the counter so no writer appends while the boundary moves.
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
  #again = false;
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
    this.#unlisten = await this.#db.listen(FEED_CHANNEL, () => this.wake());
    this.#timer = setInterval(() => this.wake(), pollMs);
    this.#timer.unref();
    this.#sequencer.start();
  }

  /** After a write committed events: numbers them (so the answer follows its events into the feed), then reads. */
  async afterWrite(): Promise<void> {
    await this.#sequencer.run();
    this.wake();
  }

  subscribe(subscriber: FeedSubscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  wake(): void {
    if (this.#closed) return;
    if (this.#running) {
      this.#again = true;
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
        this.#again = false;
        for (;;) {
          const events = await readEvents(this.#db, this.#lastSeq, 1000);
          if (events.length === 0) break;
          for (const event of events) {
            this.#lastSeq = event.seq;
            for (const s of this.#subscribers) s.deliver(event);
          }
          if (events.length < 1000) break;
        }
      } while (this.#again && !this.#closed);
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
