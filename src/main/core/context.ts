// What every group of bridge handlers gets from the core: the options, the event hub, the open account (its
// cache, client, sync and outbox) and the helpers that queue staff actions and announce changes.
import type { SyncState } from '../../shared/bridge.ts';
import type { AccountRuntime, Accounts } from './account.ts';
import type { ActionPayload, ActionResult, SessionsChanged } from './cache/actions.ts';
import type { CallHandlers } from './dispatcher.ts';
import type { EventHub } from './eventHub.ts';
import type { DeskCoreOptions } from './options.ts';

export interface CoreContext {
  readonly options: DeskCoreOptions;
  readonly events: EventHub;
  readonly accounts: Accounts;
  readonly startedAt: string;
  /** The open account, or an `unauthenticated` error. */
  runtime(): AccountRuntime;
  syncState(): SyncState;
  /** Announces one batch of changes to the window ('sessions.changed'). */
  emitChanges(changes: SessionsChanged): void;
  emitSyncState(): void;
  /**
   * Queues a staff action: checked and applied to the cache at once, sent by the outbox; returns what it shows
   * (the answer of the bridge call of the same kind).
   */
  enqueue<P extends ActionPayload>(payload: P): Promise<ActionResult<P['kind']>>;
  /**
   * Runs `fn` before the open account's runtime closes: sign-out, another account signing in, the core closing.
   * Work on the account's files (exports) stops there.
   */
  onClose(fn: () => Promise<void> | void): void;
}

/** A group of bridge handlers; the core is composed of them (handlers/index.ts). */
export type HandlerGroup = (ctx: CoreContext) => Partial<CallHandlers>;
