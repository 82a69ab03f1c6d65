// Staff actions as the outbox keeps them: what was asked (the bridge input, with the ids made here) and what the
// cache needs to lay the action over the backend's state until the backend has it (overlay.ts). Plain data, so
// an action survives a restart of the app in the cache file.
import type { BulkTarget } from '../../../shared/api.ts';
import type { CallOutput, EventPayload } from '../../../shared/bridge.ts';
import type {
  CannedReply,
  Message,
  ModerationAction,
  NamedRef,
  SanctionKind,
  Session,
  SessionStatus,
  Settings,
} from '../../../shared/domain.ts';
import type { ModerationRulesBody } from '../../../shared/moderationRules.ts';

export type ActionPayload =
  | { kind: 'sessions.create'; session: Session }
  | {
      kind: 'sessions.update';
      id: string;
      patch: { productId?: string; customerId?: string; sellerId?: string; lastMessageAt?: string };
      /** Names of the new product/customer/seller as the cache knew them. */
      refs: { product?: NamedRef; customer?: NamedRef; seller?: NamedRef };
    }
  | { kind: 'sessions.delete'; id: string }
  | { kind: 'sessions.deleteMany'; target: BulkTarget }
  | { kind: 'sessions.markRead'; target: BulkTarget }
  | {
      /** B10: one session's status, assignee or snooze (PATCH). */
      kind: 'sessions.triage';
      id: string;
      patch: { status?: SessionStatus; assigneeId?: string | null; snoozedUntil?: string | null };
      /** The new assignee's name as the desk knew it (shown until the backend's echo). */
      assigneeName?: string | null;
    }
  | { kind: 'sessions.assign'; target: BulkTarget; assigneeId: string | null; assigneeName: string | null }
  | { kind: 'sessions.resolve'; target: BulkTarget }
  | { kind: 'sessions.reopen'; target: BulkTarget }
  /** B10: snoozed until a time (an ISO instant), or woken (null). */
  | { kind: 'sessions.snooze'; target: BulkTarget; snoozedUntil: string | null }
  /** A message to the participants, or (kind 'note', B10) an internal note. */
  | { kind: 'messages.send'; message: Message }
  | { kind: 'messages.delete'; id: string; sessionId: string }
  | { kind: 'messages.markRead'; sessionId: string; ids?: string[] }
  | { kind: 'settings.update'; settings: Settings }
  /** B10: canned replies written by managers and admins (laid over the cached list until the feed has them). */
  | { kind: 'cannedReplies.create'; reply: CannedReply }
  | {
      kind: 'cannedReplies.update';
      id: string;
      patch: Partial<Pick<CannedReply, 'shortcut' | 'title' | 'body' | 'language'>>;
      /** The reply as shown once changed (the answer of the call). */
      shown: CannedReply;
    }
  | { kind: 'cannedReplies.delete'; id: string; shortcut: string }
  /** B9: a moderator's decision on a queue item, a sanction given or lifted, a message sent to the queue. */
  | { kind: 'moderation.decide'; id: string; action: ModerationAction; reason?: string }
  | {
      kind: 'moderation.sanction';
      userId: string;
      sanction: { kind: SanctionKind; minutes?: number; reason: string };
    }
  | { kind: 'moderation.liftSanction'; id: string }
  | { kind: 'moderation.escalate'; messageId: string; note: string }
  /** B9: the whole set of moderation rules, replacing the one in force (PUT). */
  | { kind: 'moderation.updateRules'; rules: ModerationRulesBody };

export type ActionKind = ActionPayload['kind'];
/**
 * What queuing an action gives back: the cache's view of it once laid over, which is the answer of the bridge call
 * of the same name (sessions.create → the Session as shown, sessions.markRead → { affected }, and so on).
 */
export type ActionResult<K extends ActionKind> = CallOutput<K>;
export const ACTION_KINDS: readonly ActionKind[] = [
  'sessions.create',
  'sessions.update',
  'sessions.delete',
  'sessions.deleteMany',
  'sessions.markRead',
  'sessions.triage',
  'sessions.assign',
  'sessions.resolve',
  'sessions.reopen',
  'sessions.snooze',
  'messages.send',
  'messages.delete',
  'messages.markRead',
  'settings.update',
  'cannedReplies.create',
  'cannedReplies.update',
  'cannedReplies.delete',
  'moderation.decide',
  'moderation.sanction',
  'moderation.liftSanction',
  'moderation.escalate',
  'moderation.updateRules',
];

export interface QueuedAction {
  seq: number;
  /** Also the Idempotency-Key the backend sees. */
  id: string;
  kind: ActionKind;
  payload: ActionPayload;
  state: 'pending' | 'acked';
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

export type SessionsChanged = EventPayload<'sessions.changed'>;

export function emptyChanges(unreadTotal = 0): SessionsChanged {
  return { sessionIds: [], all: false, deletedIds: [], unreadTotal, notify: [], readSessionIds: [] };
}

export function hasChanges(c: SessionsChanged): boolean {
  return (
    c.all ||
    c.sessionIds.length > 0 ||
    c.deletedIds.length > 0 ||
    c.notify.length > 0 ||
    c.settingsChanged === true ||
    c.moderationChanged === true ||
    (c.assigned?.length ?? 0) > 0 ||
    c.cannedRepliesChanged === true ||
    c.rulesChanged === true
  );
}

/** The HTTP request that carries an action to the backend (paths under /api/v1). */
export interface ActionRequest {
  method: 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  path: string;
  body?: unknown;
  /** A 404 means the thing is already gone: the action's intent holds (deletes). */
  goneIsDone?: boolean;
}

export function requestFor(payload: ActionPayload): ActionRequest {
  switch (payload.kind) {
    case 'sessions.create': {
      const s = payload.session;
      return {
        method: 'POST',
        path: '/admin/sessions',
        body: {
          id: s.id,
          productId: s.product.id,
          customerId: s.customer.id,
          sellerId: s.seller.id,
          lastMessageAt: s.lastMessageAt,
        },
      };
    }
    case 'sessions.update':
      return { method: 'PATCH', path: `/admin/sessions/${payload.id}`, body: payload.patch };
    case 'sessions.delete':
      return { method: 'DELETE', path: `/admin/sessions/${payload.id}`, goneIsDone: true };
    case 'sessions.deleteMany':
      return { method: 'POST', path: '/admin/sessions/delete', body: payload.target };
    case 'sessions.markRead':
      return { method: 'POST', path: '/admin/sessions/mark-read', body: payload.target };
    case 'sessions.triage':
      return { method: 'PATCH', path: `/admin/sessions/${payload.id}`, body: payload.patch };
    case 'sessions.assign':
      return {
        method: 'POST',
        path: '/admin/sessions/assign',
        body: { ...payload.target, assigneeId: payload.assigneeId },
      };
    case 'sessions.resolve':
      return { method: 'POST', path: '/admin/sessions/resolve', body: payload.target };
    case 'sessions.reopen':
      return { method: 'POST', path: '/admin/sessions/reopen', body: payload.target };
    case 'sessions.snooze':
      return {
        method: 'POST',
        path: '/admin/sessions/snooze',
        body: { ...payload.target, snoozedUntil: payload.snoozedUntil },
      };
    case 'messages.send':
      return {
        method: 'POST',
        path: `/admin/sessions/${payload.message.sessionId}/${payload.message.kind === 'note' ? 'notes' : 'messages'}`,
        body: { id: payload.message.id, body: payload.message.body },
      };
    case 'messages.delete':
      return { method: 'DELETE', path: `/admin/messages/${payload.id}`, goneIsDone: true };
    case 'messages.markRead':
      return payload.ids
        ? { method: 'POST', path: '/admin/messages/mark-read', body: { ids: payload.ids } }
        : { method: 'POST', path: '/admin/sessions/mark-read', body: { ids: [payload.sessionId] } };
    case 'settings.update':
      return { method: 'PUT', path: '/admin/settings', body: payload.settings };
    case 'cannedReplies.create': {
      const { id, shortcut, title, body, language } = payload.reply;
      return { method: 'POST', path: '/admin/canned-replies', body: { id, shortcut, title, body, language } };
    }
    case 'cannedReplies.update':
      return { method: 'PATCH', path: `/admin/canned-replies/${payload.id}`, body: payload.patch };
    case 'cannedReplies.delete':
      return { method: 'DELETE', path: `/admin/canned-replies/${payload.id}`, goneIsDone: true };
    case 'moderation.decide':
      return {
        method: 'POST',
        path: `/admin/moderation/items/${payload.id}/decision`,
        body: { action: payload.action, ...(payload.reason ? { reason: payload.reason } : {}) },
      };
    case 'moderation.sanction':
      return { method: 'POST', path: `/admin/participants/${payload.userId}/sanctions`, body: payload.sanction };
    case 'moderation.liftSanction':
      return { method: 'DELETE', path: `/admin/sanctions/${payload.id}` };
    case 'moderation.escalate':
      return { method: 'POST', path: `/admin/messages/${payload.messageId}/escalate`, body: { note: payload.note } };
    case 'moderation.updateRules':
      return { method: 'PUT', path: '/admin/moderation/rules', body: payload.rules };
  }
}

/** A short sentence for the error toast of a refused action. */
export function summaryOf(payload: ActionPayload): string {
  switch (payload.kind) {
    case 'sessions.create':
      return `Create the session about ${payload.session.product.name} for ${payload.session.customer.name}`;
    case 'sessions.update':
      return 'Edit a chat session';
    case 'sessions.delete':
      return 'Delete a chat session';
    case 'sessions.deleteMany':
      return describeTarget('Delete', payload.target);
    case 'sessions.markRead':
      return describeTarget('Mark read', payload.target);
    case 'sessions.triage': {
      const { status, assigneeId, snoozedUntil } = payload.patch;
      if (status === 'resolved') return 'Resolve a chat session';
      if (status) return `Mark a chat session ${status}`;
      if (assigneeId !== undefined) return assigneeId ? 'Assign a chat session' : 'Unassign a chat session';
      return snoozedUntil ? 'Snooze a chat session' : 'Wake a snoozed chat session';
    }
    case 'sessions.assign':
      return describeTarget(payload.assigneeId ? 'Assign' : 'Unassign', payload.target);
    case 'sessions.resolve':
      return describeTarget('Resolve', payload.target);
    case 'sessions.reopen':
      return describeTarget('Reopen', payload.target);
    case 'sessions.snooze':
      return describeTarget(payload.snoozedUntil ? 'Snooze' : 'Wake', payload.target);
    case 'messages.send':
      return `${payload.message.kind === 'note' ? 'Write the note' : 'Send'} “${payload.message.body.slice(0, 60)}”`;
    case 'messages.delete':
      return 'Delete a message';
    case 'messages.markRead':
      return payload.ids ? `Mark ${payload.ids.length} message(s) read` : 'Mark the conversation read';
    case 'settings.update':
      return `Switch chat in the mobile app ${payload.settings.chatMobileEnabled ? 'on' : 'off'}`;
    case 'cannedReplies.create':
      return `Create the canned reply #${payload.reply.shortcut}`;
    case 'cannedReplies.update':
      return `Edit the canned reply #${payload.shown.shortcut}`;
    case 'cannedReplies.delete':
      return `Delete the canned reply #${payload.shortcut}`;
    case 'moderation.decide':
      return { dismiss: 'Dismiss a review item', remove: 'Remove a message', restore: 'Restore a removed message' }[
        payload.action
      ];
    case 'moderation.sanction':
      return { warn: 'Warn a participant', mute: 'Mute a participant', ban: 'Ban a participant' }[
        payload.sanction.kind
      ];
    case 'moderation.liftSanction':
      return 'Lift a sanction';
    case 'moderation.escalate':
      return 'Send a message to the review queue';
    case 'moderation.updateRules':
      return 'Change the moderation rules';
  }
}

function describeTarget(verb: string, target: BulkTarget): string {
  return 'ids' in target
    ? `${verb} ${target.ids.length} session(s)`
    : `${verb} the ${target.allMatching.confirmedCount} session(s) matching the search`;
}

/** "All matching": the sessions are named by a filter (laid over the cache in SQL). */
export function isQueryTarget(target: BulkTarget): target is Extract<BulkTarget, { allMatching: unknown }> {
  return 'allMatching' in target;
}
