// Wires the core's events to the policy and out to the toasts, the tray and the badges: one place, driven only by
// the core's unread total and change notices, so every surface shows the same, current number.
import type { DeskCoreEndpoint, EventName, EventPayload } from '../../shared/bridge.ts';
import type { BadgeState } from '../core/notify/badge.ts';
import type { NotifyPolicy } from '../core/notify/policy.ts';
import type { NotificationService } from './notifications.ts';

export interface AttentionOptions {
  core: DeskCoreEndpoint;
  policy: NotifyPolicy;
  notifications: Pick<NotificationService, 'apply'>;
  /** Tray, dock, overlay, launcher. */
  showBadge: (state: BadgeState, paused: boolean) => void;
  /** The system's quiet state when a shell can read it. The desktop shell cannot (Electron 45 exposes no Focus or
   * do-not-disturb state on any OS), so it hands every toast to the OS, which holds them back itself. */
  isDoNotDisturb?: () => boolean;
  /** Broadcasts a bridge event to the windows (the core's event hub). */
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  persistPaused: (paused: boolean) => void;
}

export function attachAttention(options: AttentionOptions) {
  const { policy } = options;
  const refresh = () => options.showBadge(policy.badge(), policy.paused);

  // When a batch does not say which sessions became read, ask the core about the changed sessions that still have a
  // toast up: one read elsewhere (another window, the web, a colleague's bulk action) must not keep its toast.
  // A batch that changed everything (`all`: a resync, a bulk action) names no sessions: ask about every live toast.
  const withdrawIfRead = async (batch: EventPayload<'sessions.changed'>) => {
    const incoming = new Set(batch.notify.map((m) => m.sessionId));
    const changed = batch.all ? policy.liveSessions() : policy.liveSessionsAmong(batch.sessionIds);
    const candidates = changed.filter((id) => !incoming.has(id));
    const read: string[] = [];
    for (const id of candidates) {
      const result = await options.core.dispatch('sessions.get', { id });
      const gone = !result.ok && result.error.code === 'not_found';
      if (gone || (result.ok && (result.value as { unreadCount: number }).unreadCount === 0)) read.push(id);
    }
    if (read.length > 0) options.notifications.apply({ show: [], close: policy.withdrawRead(read) });
  };

  const apply = (batch: EventPayload<'sessions.changed'>, newlyUnread?: (id: string) => boolean) => {
    const decision = policy.onSessionsChanged(batch, options.isDoNotDisturb?.() ?? false, newlyUnread);
    options.notifications.apply(decision);
    options.showBadge(decision.badge, policy.paused);
    if (batch.readSessionIds === undefined) void withdrawIfRead(batch);
  };

  // 'Only sessions that were all read': a session notifies when its unread count is no more than this batch brought,
  // which the core is asked first. Unanswered, it notifies: a message missed is worse than one too many.
  const newlyUnreadOf = async (batch: EventPayload<'sessions.changed'>): Promise<(id: string) => boolean> => {
    const inBatch = new Map<string, number>();
    for (const m of batch.notify) inBatch.set(m.sessionId, (inBatch.get(m.sessionId) ?? 0) + 1);
    const newly = new Set<string>();
    for (const [id, count] of inBatch) {
      const result = await options.core.dispatch('sessions.get', { id });
      if (!result.ok || (result.value as { unreadCount: number }).unreadCount <= count) newly.add(id);
    }
    return (id) => newly.has(id);
  };

  // Batches are decided in the order the core sent them: at once, unless a batch had to ask the core first, in which
  // case the ones after it wait for it.
  let waiting = 0;
  let queue: Promise<void> = Promise.resolve();
  const decide = (batch: EventPayload<'sessions.changed'>) => {
    const ask = policy.rules.notifyWhich === 'newlyUnread' && batch.notify.length > 0;
    if (!ask && waiting === 0) {
      apply(batch);
      return;
    }
    waiting += 1;
    queue = queue
      .then(async () => apply(batch, ask ? await newlyUnreadOf(batch) : undefined))
      // A failed decision must not hold back the batches after it; the toasts and badges of the next one are whole.
      .catch((error: unknown) => console.error('Chat Desk: a notification decision failed', error))
      .finally(() => {
        waiting -= 1;
      });
  };

  const unsubscribe = options.core.subscribe((event, payload) => {
    if (event === 'sessions.changed') {
      decide(payload as EventPayload<'sessions.changed'>);
    } else if (event === 'moderation.review') {
      // B9: sent by the core to moderators and admins only.
      const decision = policy.onReview(
        payload as EventPayload<'moderation.review'>,
        options.isDoNotDisturb?.() ?? false,
      );
      options.notifications.apply(decision);
      options.showBadge(decision.badge, policy.paused);
    } else if (event === 'notify.rules') {
      policy.setRules(payload as EventPayload<'notify.rules'>);
    } else if (event === 'notifications.state') {
      const { paused } = payload as EventPayload<'notifications.state'>;
      if (paused !== policy.paused) {
        policy.setPaused(paused);
        options.persistPaused(paused);
        refresh();
      }
    }
  });

  return {
    /** The tray or menu switch: through the core when it handles it (so the renderer hears), else here. */
    async setPaused(paused: boolean): Promise<void> {
      const result = await options.core.dispatch('notifications.setPaused', { paused });
      if (!result.ok || policy.paused !== paused) {
        policy.setPaused(paused);
        options.persistPaused(paused);
        options.emit('notifications.state', { paused });
        refresh();
      }
    },
    /** Reads the notification rules and the total once at start (before the first change notice). */
    async primeUnread(): Promise<void> {
      const prefs = await options.core.dispatch('prefs.get', {});
      if (prefs.ok) policy.setRules(prefs.value as EventPayload<'notify.rules'>);
      const result = await options.core.dispatch('unread.total', {});
      if (result.ok) {
        const total = (result.value as { total: number }).total;
        policy.onSessionsChanged({ sessionIds: [], all: false, deletedIds: [], unreadTotal: total, notify: [] });
      }
      // B9: a moderator's or admin's tray starts with the review queue's count (the core's notices follow).
      const account = await options.core.dispatch('account.state', {});
      const permissions = account.ok ? (account.value as { permissions: string[] }).permissions : [];
      if (permissions.includes('moderation.decide')) {
        const counts = await options.core.dispatch('moderation.counts', {});
        if (counts.ok && policy.review === null) {
          policy.onReview({ open: (counts.value as { open: number }).open, notify: [] });
        }
      }
      refresh();
    },
    /** Redraws the tray and the badges as the policy has them now (after a change of language). */
    refresh,
    detach: unsubscribe,
  };
}
