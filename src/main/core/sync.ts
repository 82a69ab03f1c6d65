// Keeps the cache in step with the backend: a paged snapshot the first time (with progress), then the change feed
// after the cursor over HTTP, then the WebSocket live from the cursor. Any failure: offline, reconnect with
// backoff and jitter, resume from the cursor; "cursor too old" (HTTP 410 / close 4410): a full resync. Every batch
// of events is applied in one cache transaction and produces one change notice.
import WebSocket from 'ws';
import { type SnapshotKind, WsClose } from '../../shared/api.ts';
import { AppError } from '../../shared/errors.ts';
import { type ChangeEvent, FeedFrame } from '../../shared/events.ts';
import type { SessionsChanged } from './cache/actions.ts';
import type { Cache } from './cache/cacheClient.ts';
import type { PageSource } from './cache/service.ts';
import type { ApplyResult } from './cache/store.ts';
import type { BackendClient } from './client.ts';

export type SyncStatus = 'connecting' | 'syncing' | 'online' | 'offline';

export interface SyncSnapshot {
  status: SyncStatus;
  progress: number | null;
  offlineSince: string | null;
  lastSyncedAt: string | null;
  cursor: number;
}

export interface SyncOptions {
  snapshotPageSize?: number;
  changesPageSize?: number;
  /** No frame (event or heartbeat) for this long: the socket is presumed dead and replaced. */
  liveTimeoutMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /**
   * A snapshot's pages are told to the window (onChanges) at most this often, the first at once: while a first load
   * runs, each notice makes the window read its rows again without indexes (cache/deferredIndexes.ts).
   */
  snapshotNoticeMs?: number;
}

export interface SyncDeps {
  cache: Cache;
  client: BackendClient;
  onChanges(changes: SessionsChanged): void;
  /**
   * B9: the feed said the moderation rules changed (only their revision comes through it), or a snapshot was loaded:
   * a desk whose role reads them fetches them now, before the batch's notice and before a catch-up ends.
   */
  onRulesChanged?(): Promise<void>;
  onState(): void;
  /** The token was refused (expired, revoked): sync stops until the user signs in again. */
  onAuthLost(error: AppError): void;
  log?: (message: string) => void;
  options?: SyncOptions;
}

const SNAPSHOT_KINDS: SnapshotKind[] = ['users', 'products', 'orders', 'sessions'];

export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
  // "Equal jitter": at least half the step, so a crowd of desks reconnecting after an outage spreads out.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

class Wakeable {
  #wake: (() => void) | null = null;
  /** Set while stopping: a sleep that starts after the wake-up must not wait out its delay. */
  closed = false;
  sleep(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.#wake === done) self.#wake = null;
        resolve();
      }
      this.#wake = done;
    });
  }
  wake(): void {
    this.#wake?.();
  }
}

export class SyncEngine {
  readonly #deps: SyncDeps;
  readonly #opts: Required<SyncOptions>;
  #status: SyncStatus = 'connecting';
  #progress: number | null = null;
  #offlineSince: string | null = null;
  #lastSyncedAt: string | null = null;
  #cursor = 0;
  #running = false;
  #loop: Promise<void> | null = null;
  #forceResync = false;
  #snapshotting = false;
  #socket: WebSocket | null = null;
  #attempt = 0;
  readonly #sleeper = new Wakeable();
  /** Batches are applied one after another, whatever path (HTTP pages, socket) they came by. */
  #applyChain: Promise<unknown> = Promise.resolve();
  #buffer: ChangeEvent[] = [];
  #flushScheduled = false;
  /** The first replay after a snapshot does not notify (those messages are not new to the user). */
  #quietReplay = false;

  constructor(deps: SyncDeps) {
    this.#deps = deps;
    this.#opts = {
      snapshotPageSize: deps.options?.snapshotPageSize ?? 5000,
      changesPageSize: deps.options?.changesPageSize ?? 500,
      liveTimeoutMs: deps.options?.liveTimeoutMs ?? 45_000,
      backoffBaseMs: deps.options?.backoffBaseMs ?? 500,
      backoffMaxMs: deps.options?.backoffMaxMs ?? 30_000,
      snapshotNoticeMs: deps.options?.snapshotNoticeMs ?? 1000,
    };
  }

  state(): SyncSnapshot {
    return {
      status: this.#status,
      progress: this.#progress,
      offlineSince: this.#offlineSince,
      lastSyncedAt: this.#lastSyncedAt,
      cursor: this.#cursor,
    };
  }

  get online(): boolean {
    return this.#status === 'online';
  }

  async start(): Promise<void> {
    if (this.#running) return;
    const meta = await this.#deps.cache.call('syncMeta');
    this.#cursor = meta.cursor;
    this.#lastSyncedAt = meta.lastSyncedAt;
    this.#running = true;
    this.#sleeper.closed = false;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#sleeper.closed = true;
    this.#sleeper.wake();
    this.#socket?.terminate();
    // Only waiting for both to end: the loop logs its own failures, and each applied batch's failure went to
    // whoever queued it (#enqueueApply).
    await this.#loop?.catch(() => {});
    this.#loop = null;
    await this.#applyChain.catch(() => {});
  }

  /** Loads a full snapshot again (the user asked, or the backend no longer has our cursor). */
  resync(): void {
    this.#forceResync = true;
    this.#socket?.close(1000, 'resync');
    this.#sleeper.wake();
  }

  /** Retry now instead of waiting out the backoff (e.g. the outbox reached the backend). */
  kick(): void {
    if (this.#status === 'offline') this.#sleeper.wake();
  }

  /**
   * Applies the feed up to the backend's head over HTTP (after the outbox's actions were accepted). False when the
   * backend cannot be reached or a snapshot is loading.
   */
  async catchUp(): Promise<boolean> {
    if (this.#snapshotting || !this.#running) return false;
    try {
      await this.#pullChanges(true);
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'cursor_too_old') this.resync();
      return false;
    }
  }

  #setStatus(status: SyncStatus, progress: number | null = null): void {
    const changed = status !== this.#status || progress !== this.#progress;
    this.#status = status;
    this.#progress = progress;
    if (status === 'online') this.#offlineSince = null;
    if (status === 'offline' && !this.#offlineSince) this.#offlineSince = new Date().toISOString();
    if (changed) this.#deps.onState();
  }

  async #run(): Promise<void> {
    while (this.#running) {
      try {
        if (this.#status !== 'offline') this.#setStatus('connecting');
        const meta = await this.#deps.cache.call('syncMeta');
        if (!meta.snapshotDone || this.#forceResync) {
          this.#forceResync = false;
          await this.#snapshot();
        }
        if (!this.#running) break;
        await this.#pullChanges(!this.#quietReplay);
        this.#quietReplay = false;
        this.#attempt = 0;
        // Stopped meanwhile (sign-out, quit): no socket may be opened after stop() closed the last one.
        if (!this.#running) break;
        this.#setStatus('online');
        const code = await this.#live();
        if (code === WsClose.cursorTooOld) {
          this.#deps.log?.('[sync] the backend no longer has our cursor: full resync');
          this.#forceResync = true;
          continue;
        }
        if (code === WsClose.unauthenticated) throw new AppError('unauthenticated', 'The backend refused the token');
        if (!this.#running) break;
        if (this.#forceResync) continue;
        // The socket closed (backend restarting, network blip): back off a little, then resume from the cursor.
        this.#setStatus('offline');
        await this.#sleeper.sleep(backoffDelay(this.#attempt++, this.#opts.backoffBaseMs, this.#opts.backoffMaxMs));
      } catch (error) {
        if (!this.#running) break;
        if (error instanceof AppError && error.code === 'cursor_too_old') {
          this.#forceResync = true;
          continue;
        }
        if (error instanceof AppError && error.code === 'unauthenticated') {
          this.#running = false;
          this.#setStatus('offline');
          this.#deps.onAuthLost(error);
          break;
        }
        this.#deps.log?.(`[sync] ${error instanceof Error ? error.message : String(error)}`);
        this.#setStatus('offline');
        await this.#sleeper.sleep(backoffDelay(this.#attempt++, this.#opts.backoffBaseMs, this.#opts.backoffMaxMs));
      }
    }
  }

  async #snapshot(): Promise<void> {
    const { cache, client } = this.#deps;
    this.#snapshotting = true;
    // The window is told of the pages at most once per snapshotNoticeMs. A notice held back is stood for by the next
    // one told (at the latest the finished load's, or when the load stops or fails), which then names no session as
    // become read: it cannot name them all, and without the list the shell asks which toasts to withdraw.
    let toldAt = Number.NEGATIVE_INFINITY;
    let held: SessionsChanged | null = null;
    const tell = (changes: SessionsChanged) => {
      const { readSessionIds: _named, ...unnamed } = changes;
      this.#deps.onChanges(held ? unnamed : changes);
      held = null;
      toldAt = performance.now();
    };
    try {
      this.#setStatus('syncing', 0);
      let total = 0;
      for (const kind of SNAPSHOT_KINDS) total += (await client.snapshot(kind, null, 1)).total ?? 0;
      const gen = await cache.call('beginSnapshot', total);
      for (const kind of SNAPSHOT_KINDS) {
        let cursor: string | null = null;
        do {
          // Fetched, decoded, parsed, checked and written by the cache worker (cache/service.ts): this thread never
          // holds the page, only the small answer.
          const page = await this.#enqueueApply(() =>
            cache.call('fetchSnapshotPage', this.#source(), kind, cursor, this.#opts.snapshotPageSize, gen),
          );
          if (kind === 'sessions') {
            if (performance.now() - toldAt >= this.#opts.snapshotNoticeMs) tell(page.changes);
            else held = page.changes;
          }
          this.#setStatus('syncing', Math.min(0.99, page.progress));
          cursor = page.nextCursor;
        } while (cursor && this.#running);
        if (!this.#running) return;
      }
      const { changes, cursor } = await this.#enqueueApply(async () => {
        const finished = await cache.call('finishSnapshot', gen);
        // Events before the snapshot were never applied here: the rules are read as they are now.
        await this.#deps.onRulesChanged?.();
        return finished;
      });
      this.#cursor = cursor;
      this.#quietReplay = true;
      tell(changes);
    } finally {
      if (held) tell(held);
      this.#snapshotting = false;
    }
  }

  async #pullChanges(notify: boolean): Promise<void> {
    for (;;) {
      // Fetched and applied by the cache worker as well (a catch-up after a long absence is many pages).
      const result = await this.#enqueueApply(() =>
        this.#fetchRulesIfChanged(
          this.#deps.cache.call('fetchChanges', this.#source(), this.#cursor, this.#opts.changesPageSize, { notify }),
        ),
      );
      if (result.received > 0) this.#applied(result);
      else this.#markSynced();
      if (!result.hasMore || !this.#running) break;
    }
  }

  /** The backend and token the cache worker fetches pages with (the token may change: sign-in again). */
  #source(): PageSource {
    return { backendUrl: this.#deps.client.backendUrl, token: this.#deps.client.token };
  }

  #markSynced(): void {
    this.#lastSyncedAt = new Date().toISOString();
    void this.#deps.cache
      .call('markSynced', this.#lastSyncedAt)
      .catch((error: unknown) =>
        this.#deps.log?.(`[sync] could not record the time of the last sync: ${String(error)}`),
      );
  }

  #enqueueApply<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#applyChain.then(fn, fn);
    // The caller gets `next` and its failure; the chain only orders the batches and goes on after one fails.
    this.#applyChain = next.catch(() => {});
    return next;
  }

  async #applyBatch(events: ChangeEvent[], notify: boolean): Promise<void> {
    this.#applied(
      await this.#enqueueApply(() =>
        this.#fetchRulesIfChanged(this.#deps.cache.call('applyEvents', events, { notify })),
      ),
    );
  }

  /** A batch that says the moderation rules changed: they are fetched (by a role that reads them) before it is told. */
  async #fetchRulesIfChanged<T extends { changes: SessionsChanged }>(applying: Promise<T>): Promise<T> {
    const result = await applying;
    if (result.changes.rulesChanged) await this.#deps.onRulesChanged?.();
    return result;
  }

  #applied(result: ApplyResult): void {
    this.#cursor = result.cursor;
    this.#lastSyncedAt = new Date().toISOString();
    if (result.applied > 0) this.#deps.onChanges(result.changes);
    if (this.#status === 'online') this.#deps.onState();
    if (result.gap) {
      // Never expected from an ordered feed; cheap to guard: reconnect, which replays over HTTP first.
      this.#deps.log?.(`[sync] hole in the feed after ${result.cursor}: replaying`);
      this.#socket?.close(1000, 'gap');
    }
  }

  /** Follows the WebSocket until it closes; resolves with the close code. */
  #live(): Promise<number> {
    const { client } = this.#deps;
    return new Promise<number>((resolve) => {
      const socket = new WebSocket(client.feedUrl(this.#cursor), {
        headers: client.token ? { authorization: `Bearer ${client.token}` } : {},
        perMessageDeflate: false,
        handshakeTimeout: 10_000,
      });
      this.#socket = socket;
      let timer: NodeJS.Timeout | null = null;
      const alive = () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          this.#deps.log?.('[sync] the live feed went quiet: reconnecting');
          socket.terminate();
        }, this.#opts.liveTimeoutMs);
      };
      socket.on('open', () => {
        alive();
        this.#attempt = 0;
        this.#setStatus('online');
      });
      socket.on('message', (data) => {
        alive();
        let frame: FeedFrame;
        try {
          frame = FeedFrame.parse(JSON.parse(String(data)));
        } catch {
          this.#deps.log?.('[sync] a feed frame outside the contract was ignored');
          return;
        }
        if (frame.kind === 'event') {
          this.#buffer.push(frame.event);
          this.#scheduleFlush();
        } else if (frame.lastSeq <= this.#cursor && this.#buffer.length === 0) {
          this.#markSynced();
        }
      });
      socket.on('error', (error) => this.#deps.log?.(`[sync] feed socket: ${error.message}`));
      socket.on('close', (code) => {
        if (timer) clearTimeout(timer);
        if (this.#socket === socket) this.#socket = null;
        // Apply what arrived before the close, so the cursor the next connection resumes from is current.
        this.#flush().then(
          () => resolve(code),
          () => resolve(code),
        );
      });
    });
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => {
      this.#flushScheduled = false;
      void this.#flush().catch((error: unknown) => {
        this.#deps.log?.(`[sync] applying live events failed: ${String(error)}`);
        this.#socket?.close(1000, 'apply failed');
      });
    });
  }

  async #flush(): Promise<void> {
    if (this.#buffer.length === 0) return;
    const events = this.#buffer;
    this.#buffer = [];
    await this.#applyBatch(events, true);
  }
}
