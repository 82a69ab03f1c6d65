// The desk core: everything the window asks for goes through here. It does not know whether Electron (IPC) or the
// web host (WebSocket) drives it; both adapt `endpoint`. It composes the account (client, cache worker, sync,
// outbox) with the groups of bridge handlers (handlers/index.ts).
import { randomUUID } from 'node:crypto';
import type { DeskCoreEndpoint, SyncState } from '../../shared/bridge.ts';
import { Accounts } from './account.ts';
import { type ActionResult, hasChanges, type SessionsChanged } from './cache/actions.ts';
import type { CoreContext, SettleOutcome } from './context.ts';
import { type CallHandlers, createDispatcher } from './dispatcher.ts';
import { EventHub } from './eventHub.ts';
import { handlerGroups } from './handlers/index.ts';
import { createReviewWatch } from './notify/review.ts';
import type { DeskCoreOptions } from './options.ts';
import { createMemorySecretStore } from './secrets.ts';

export type { DeskCoreOptions } from './options.ts';

export interface DeskCore {
  readonly endpoint: DeskCoreEndpoint;
  readonly events: EventHub;
  readonly accounts: Accounts;
  /** Stops sync and outbox and flushes the cache; `flush: false` stops at once, as a crash would (tests). */
  close(options?: { flush?: boolean }): Promise<void>;
}

export async function createDeskCore(options: DeskCoreOptions): Promise<DeskCore> {
  const events = new EventHub();
  const startedAt = new Date().toISOString();
  const log = options.log ?? ((message: string) => console.warn(message));
  let lastUnread: number | null = null;
  let lastSyncJson = '';
  const closeHooks: Array<() => Promise<void> | void> = [];
  // Who waits for a queued action to leave the outbox (ctx.settled), by action id.
  const settleWaiters = new Map<string, (outcome: SettleOutcome) => void>();
  const settle = (actionId: string, outcome: SettleOutcome) => {
    settleWaiters.get(actionId)?.(outcome);
    settleWaiters.delete(actionId);
  };
  const runCloseHooks = async () => {
    for (const actionId of [...settleWaiters.keys()]) settle(actionId, { state: 'closed' });
    const results = await Promise.allSettled(closeHooks.map(async (fn) => fn()));
    for (const result of results) {
      if (result.status === 'rejected') log(`[core] a close hook failed: ${String(result.reason)}`);
    }
  };

  // B9: moderators' and admins' review count and notices ('moderation.review'), never sent to other roles.
  const review = createReviewWatch({
    runtime: () => (accounts.signedIn ? (accounts.runtime ?? null) : null),
    online: () => syncState().status !== 'offline',
    emit: (state) => events.emit('moderation.review', state),
    log,
  });
  const emitChanges = (changes: SessionsChanged) => {
    review.onChanges(changes);
    if (!hasChanges(changes) && changes.unreadTotal === lastUnread && !changes.readSessionIds?.length) return;
    lastUnread = changes.unreadTotal;
    events.emit('sessions.changed', changes);
  };

  const syncState = (): SyncState => {
    const runtime = accounts.runtime;
    if (!runtime || !accounts.signedIn) {
      return {
        status: 'signedOut',
        progress: null,
        offlineSince: null,
        lastSyncedAt: runtime?.sync.state().lastSyncedAt ?? null,
        pendingActions: runtime?.outbox.pending ?? 0,
        cursor: runtime?.sync.state().cursor ?? 0,
      };
    }
    const s = runtime.sync.state();
    return { ...s, pendingActions: runtime.outbox.pending };
  };

  let lastStatus: SyncState['status'] | null = null;
  const emitSyncState = () => {
    const state = syncState();
    const json = JSON.stringify(state);
    if (json === lastSyncJson) return;
    lastSyncJson = json;
    // Back online: the review count is asked again.
    if (state.status === 'online' && lastStatus !== 'online') review.refresh();
    lastStatus = state.status;
    events.emit('sync.state', state);
  };

  const accounts = new Accounts({
    dataDir: options.dataDir,
    secrets: options.secrets ?? createMemorySecretStore(),
    cacheWorkerUrl: options.cacheWorkerUrl,
    ...(options.inProcessCache !== undefined ? { inProcessCache: options.inProcessCache } : {}),
    ...(options.slowQueryMs !== undefined ? { slowQueryMs: options.slowQueryMs } : {}),
    ...(options.sync ? { syncOptions: options.sync } : {}),
    ...(options.outboxBackoff ? { outboxBackoff: options.outboxBackoff } : {}),
    log,
    onChanges: emitChanges,
    onActionFailed: (failure) => events.emit('action.failed', failure),
    onActionSettled: settle,
    onAccountState: () => {
      // Signed out, or the backend refused the token: nothing queued is sent until the next sign-in.
      if (!accounts.signedIn) for (const actionId of [...settleWaiters.keys()]) settle(actionId, { state: 'closed' });
      events.emit('account.state', accounts.state());
      review.refresh();
    },
    onSyncState: emitSyncState,
    onRuntimeClosing: runCloseHooks,
  });

  const ctx: CoreContext = {
    options,
    events,
    accounts,
    startedAt,
    runtime: () => accounts.require(),
    syncState,
    emitChanges,
    emitSyncState,
    async enqueue(payload, actionId = randomUUID()) {
      const runtime = accounts.require();
      const { value, changes } = await runtime.cache
        .call('enqueue', payload, actionId, new Date().toISOString())
        .catch((error: unknown) => {
          settle(actionId, { state: 'closed' }); // never queued: whoever waits for it stops waiting
          throw error;
        });
      emitChanges(changes);
      await runtime.outbox.refreshCount();
      runtime.outbox.kick();
      // The one place the result's type is asserted: the store lays each kind over the cache and answers with
      // that kind's bridge output (cache/store.ts, #applyNew), a value that crossed the worker as plain data.
      return value as ActionResult<(typeof payload)['kind']>;
    },
    settled: (actionId) =>
      new Promise<SettleOutcome>((resolve) => {
        if (!accounts.runtime) resolve({ state: 'closed' });
        else settleWaiters.set(actionId, resolve);
      }),
    onClose: (fn) => {
      closeHooks.push(fn);
    },
  };

  const handlers: Partial<CallHandlers> = {};
  for (const group of handlerGroups) {
    for (const [name, handler] of Object.entries(group(ctx))) {
      if (name in handlers) throw new Error(`Two handler groups answer the bridge call ${name}`);
      (handlers as Record<string, unknown>)[name] = handler;
    }
  }
  const dispatcher = createDispatcher(handlers, {
    validateOutput: options.validateOutput ?? false,
    onError: (name, error) => log(`[core] ${name} failed: ${error instanceof Error ? error.stack : String(error)}`),
  });

  await accounts.resume().catch((error: unknown) => log(`[core] could not reopen the last account: ${String(error)}`));

  return {
    events,
    accounts,
    endpoint: {
      dispatch: (name, input) => dispatcher.dispatch(name, input),
      subscribe: (listener) => events.subscribe(listener),
    },
    close: (closeOptions) => accounts.close(closeOptions),
  };
}
