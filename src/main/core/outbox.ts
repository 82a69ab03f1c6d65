// Sends queued staff actions to the backend, one at a time and in the order they were made, each with its
// Idempotency-Key (the action id) so a resend after a lost answer is never applied twice. While the backend cannot
// be reached, it waits with backoff and keeps the rest queued; when the backend refuses an action (4xx), the
// action is dropped, the cache shows the backend's state again and 'action.failed' says why.
import type { ErrorInfo } from '../../shared/errors.ts';
import { AppError } from '../../shared/errors.ts';
import { type QueuedAction, requestFor, type SessionsChanged, summaryOf } from './cache/actions.ts';
import type { Cache } from './cache/cacheClient.ts';
import { type BackendClient, isTransient } from './client.ts';
import { backoffDelay } from './sync.ts';

export interface OutboxDeps {
  cache: Cache;
  client: BackendClient;
  /** Applies the feed up to the backend's head; true when done (then accepted actions can be settled). */
  catchUp(): Promise<boolean>;
  onChanges(changes: SessionsChanged): void;
  onFailed(failure: { actionId: string; kind: string; summary: string; error: ErrorInfo }): void;
  /** An action left the queue: the backend accepted it, or refused it for good (after `onFailed`). */
  onSettled?(actionId: string, outcome: ActionOutcome): void;
  /** The pending count changed, or the outbox went offline/online. */
  onState(): void;
  onAuthLost(error: AppError): void;
  /** The backend answered: the network is back (the sync may retry at once). */
  onReachable?(): void;
  log?: (message: string) => void;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

/** How a queued action left the outbox: accepted, or refused for good (with the backend's reason). */
export type ActionOutcome = { state: 'acked' } | { state: 'refused'; error: ErrorInfo };

export class Outbox {
  readonly #deps: OutboxDeps;
  #running = false;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;
  #kicked = false;
  #attempt = 0;
  #pending = 0;
  #blocked = false;

  constructor(deps: OutboxDeps) {
    this.#deps = deps;
  }

  get pending(): number {
    return this.#pending;
  }

  /** True while the head of the queue cannot reach the backend. */
  get blocked(): boolean {
    return this.#blocked;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    await this.refreshCount();
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#kick();
    // Only waiting for the loop to end: it logs its own failures (#run).
    await this.#loop?.catch(() => {});
    this.#loop = null;
  }

  /** A new action was queued (or the network is back): send now. */
  kick(): void {
    this.#attempt = 0;
    this.#kick();
  }

  #kick(): void {
    this.#kicked = true;
    this.#wake?.();
  }

  async refreshCount(): Promise<number> {
    const n = await this.#deps.cache.call('pendingCount');
    if (n !== this.#pending) {
      this.#pending = n;
      this.#deps.onState();
    }
    return n;
  }

  #sleep(ms: number | null): Promise<void> {
    if (this.#kicked) {
      this.#kicked = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | null = null;
      const done = () => {
        if (timer) clearTimeout(timer);
        this.#wake = null;
        this.#kicked = false;
        resolve();
      };
      this.#wake = done;
      if (ms !== null) timer = setTimeout(done, ms);
    });
  }

  async #run(): Promise<void> {
    const { cache } = this.#deps;
    while (this.#running) {
      try {
        const action = await cache.call('nextPending');
        if (!action) {
          await this.refreshCount();
          if ((await cache.call('ackedCount')) > 0) {
            // Accepted actions stay laid over the cache until their feed events are in: then settle them.
            if (await this.#deps.catchUp()) this.#deps.onChanges(await cache.call('settleAcked'));
            else {
              await this.#sleep(backoffDelay(this.#attempt++, this.#base, this.#max));
              continue;
            }
          }
          await this.#sleep(null);
          continue;
        }
        await this.#send(action);
      } catch (error) {
        // The cache itself failed (closing): stop quietly if asked to, else retry later.
        if (!this.#running) break;
        this.#deps.log?.(`[outbox] ${String(error)}`);
        await this.#sleep(backoffDelay(this.#attempt++, this.#base, this.#max));
      }
    }
  }

  get #base(): number {
    return this.#deps.backoffBaseMs ?? 500;
  }
  get #max(): number {
    return this.#deps.backoffMaxMs ?? 30_000;
  }

  async #send(action: QueuedAction): Promise<void> {
    const { cache, client } = this.#deps;
    const request = requestFor(action.payload);
    try {
      const { data } = await client.request(request.method, request.path, {
        ...(request.body !== undefined ? { body: request.body } : {}),
        idempotencyKey: action.id,
      });
      await cache.call('markAcked', action.id, data);
      this.#succeeded();
      this.#deps.onSettled?.(action.id, { state: 'acked' });
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError('internal', String(error));
      if (request.goneIsDone && appError.status === 404) {
        await cache.call('markAcked', action.id, null);
        this.#succeeded();
        this.#deps.onSettled?.(action.id, { state: 'acked' });
        return;
      }
      if (appError.code === 'unauthenticated') {
        this.#running = false;
        this.#deps.onAuthLost(appError);
        return;
      }
      if (isTransient(appError)) {
        await cache.call('recordAttempt', action.id, appError.message);
        if (appError.code !== 'offline') this.#deps.onReachable?.();
        if (!this.#blocked) {
          this.#blocked = true;
          this.#deps.onState();
        }
        await this.#sleep(backoffDelay(this.#attempt++, this.#base, this.#max));
        return;
      }
      // Refused for good: undo it here and say so.
      const { action: dropped, changes } = await cache.call('refuse', action.id);
      this.#succeeded();
      this.#deps.onChanges(changes);
      this.#deps.onFailed({
        actionId: action.id,
        kind: action.kind,
        summary: summaryOf((dropped ?? action).payload),
        error: appError.toInfo(),
      });
      this.#deps.onSettled?.(action.id, { state: 'refused', error: appError.toInfo() });
    }
  }

  #succeeded(): void {
    this.#attempt = 0;
    if (this.#blocked) {
      this.#blocked = false;
      this.#deps.onReachable?.();
    }
    void this.refreshCount();
  }
}
