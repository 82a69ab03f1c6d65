// What every group of bridge handlers gets from the core: the options, the event hub, the open account (its
// cache, client, sync and outbox) and the helpers that queue staff actions and announce changes.
import type { SyncState } from '../../shared/bridge.ts';
import type { AccountRuntime, Accounts } from './account.ts';
import type { ActionPayload, ActionResult, SessionsChanged } from './cache/actions.ts';
import type { CallHandlers } from './dispatcher.ts';
import type { EventHub } from './eventHub.ts';
import type { DeskCoreOptions } from './options.ts';
import type { ActionOutcome } from './outbox.ts';

/** How a queued action left the outbox, or that the account closed before it did. */
export type SettleOutcome = ActionOutcome | { state: 'closed' };

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
   * (the answer of the bridge call of the same kind). `actionId` (a new UUID by default) is also its idempotency key.
   */
  enqueue<P extends ActionPayload>(payload: P, actionId?: string): Promise<ActionResult<P['kind']>>;
  /**
   * When a queued action leaves the outbox: the backend accepted it, refused it ('action.failed' says why), or the
   * account closed first (the action stays queued in its cache and is sent when the account opens again).
   */
  settled(actionId: string): Promise<SettleOutcome>;
  /**
   * Runs `fn` before the open account's runtime closes: sign-out, another account signing in, the core closing.
   * Work on the account's files (exports) stops there.
   */
  onClose(fn: () => Promise<void> | void): void;
}

/** A group of bridge handlers; the core is composed of them (handlers/index.ts). */
export type HandlerGroup = (ctx: CoreContext) => Partial<CallHandlers>;
