// The change feed: events appended in the writing transaction with a gapless seq, read back by `changes`, pushed
// live by the FeedHub (woken by LISTEN/NOTIFY, so every backend instance on one database serves the same feed).

import { AppError } from '../shared/errors.ts';
import type { Actor, ChangeEvent } from '../shared/events.ts';
import { liveStaffTokens } from './auth.ts';
import type { Db, Queryable } from './db/db.ts';

export const FEED_CHANNEL = 'chatdesk_events';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewEvent = DistributiveOmit<ChangeEvent, 'seq' | 'at' | 'actor'>;

export const systemActor: Actor = { kind: 'system', id: null };

/**
 * Appends events in the caller's transaction. The seq range comes from the one-row `feed_state` counter: the
 * UPDATE locks that row until the transaction ends, so transactions commit in seq order and no seq is skipped
 * (a rolled-back transaction gives its numbers back). Call it last in a transaction to hold the lock briefly.
 * The NOTIFY is transactional too: PostgreSQL delivers it at commit, never for a rolled-back write.
 */
export async function appendEvents(tx: Queryable, actor: Actor, events: readonly NewEvent[]): Promise<ChangeEvent[]> {
  if (events.length === 0) return [];
  const { rows } = await tx.query<{ last_seq: number }>(
    'UPDATE feed_state SET last_seq = last_seq + $1 RETURNING last_seq',
    [events.length],
  );
  const last = rows[0]?.last_seq ?? 0;
  const first = last - events.length + 1;
  const at = new Date().toISOString();
  const full = events.map((e, i) => ({ ...e, seq: first + i, at, actor }) as ChangeEvent);
  await tx.query(
    `INSERT INTO events (seq, type, at, actor, payload)
     SELECT s, t, $3::timestamptz, $4::jsonb, p::jsonb
       FROM unnest($1::bigint[], $2::text[], $5::text[]) AS x(s, t, p)`,
    [full.map((e) => e.seq), full.map((e) => e.type), at, JSON.stringify(actor), full.map((e) => JSON.stringify(e))],
  );
  await tx.query('SELECT pg_notify($1, $2)', [FEED_CHANNEL, String(last)]);
  return full;
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

  constructor(db: Db) {
    this.#db = db;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  async start(pollMs = 2000): Promise<void> {
    this.#lastSeq = (await feedPosition(this.#db)).lastSeq;
    this.#unlisten = await this.#db.listen(FEED_CHANNEL, () => this.wake());
    this.#timer = setInterval(() => this.wake(), pollMs);
    this.#timer.unref();
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
