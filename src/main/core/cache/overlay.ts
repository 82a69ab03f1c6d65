// The effect of one queued staff action on a session and its messages, laid over the backend's state. Each effect
// is written so that it holds whether or not the backend's state already contains the action (its echo may arrive
// before the action is settled): a sent message counts once, a deleted message is subtracted only while the
// backend still has it, "read" is absolute.
import type { Session } from '../../../shared/domain.ts';
import type { QueuedAction } from './actions.ts';
import type { Row } from './rows.ts';

export interface OverlayContext {
  message(id: string): Row | undefined;
  /** Unread customer/seller messages among `ids` as the backend has them (not yet read by an earlier action). */
  countUnreadAmong(sessionId: string, ids: string[]): number;
  markRead(sessionId: string, at: string, ids?: string[]): void;
  hide(messageId: string): void;
}

export function overlaySession(
  ctx: OverlayContext,
  action: QueuedAction,
  session: Session | null,
  sessionId: string,
): Session | null {
  const p = action.payload;
  switch (p.kind) {
    case 'sessions.create':
      return session ?? (p.session.id === sessionId ? p.session : null);
    case 'sessions.update': {
      if (!session) return null;
      return {
        ...session,
        product: p.refs.product ?? session.product,
        customer: p.refs.customer ?? session.customer,
        seller: p.refs.seller ?? session.seller,
        lastMessageAt: p.patch.lastMessageAt ?? session.lastMessageAt,
        updatedAt: maxInstant(session.updatedAt, action.createdAt),
      };
    }
    case 'sessions.delete':
    case 'sessions.deleteMany':
      return null;
    case 'sessions.markRead':
      return session && { ...session, unreadCount: 0 };
    case 'messages.markRead': {
      if (!session) return null;
      if (!p.ids) return { ...session, unreadCount: 0 };
      const n = ctx.countUnreadAmong(sessionId, p.ids);
      return { ...session, unreadCount: Math.max(0, session.unreadCount - n) };
    }
    case 'sessions.triage':
      return session && triaged(session, p.patch, p.assigneeName, action.createdAt);
    case 'sessions.assign':
      return session && triaged(session, { assigneeId: p.assigneeId }, p.assigneeName, action.createdAt);
    case 'sessions.resolve':
      return session && triaged(session, { status: 'resolved' }, undefined, action.createdAt);
    case 'sessions.reopen':
      return session && triaged(session, { status: 'open' }, undefined, action.createdAt);
    case 'sessions.snooze':
      return session && triaged(session, { snoozedUntil: p.snoozedUntil }, undefined, action.createdAt);
    case 'messages.send': {
      if (!session) return null;
      // An internal note changes nothing of the session (not counted, no times).
      if (p.message.kind === 'note') return session;
      const row = ctx.message(p.message.id);
      // Once the backend's echo has been applied, the base already counts it.
      if (row?.origin !== 'pending') return session;
      return {
        ...session,
        messagesCount: session.messagesCount + 1,
        lastMessageAt: maxInstant(session.lastMessageAt, p.message.createdAt),
        updatedAt: maxInstant(session.updatedAt, p.message.createdAt),
      };
    }
    case 'messages.delete': {
      if (!session) return null;
      const row = ctx.message(p.id);
      if (!row || Number(row.hidden) === 1) return session;
      if (row.origin === 'pending') return { ...session, messagesCount: Math.max(0, session.messagesCount - 1) };
      const unread = row.read_at === null && row.pending_read_at === null && row.sender_role !== 'staff' ? 1 : 0;
      const flagged = (row.flags as string) !== '[]' ? 1 : 0;
      return {
        ...session,
        messagesCount: Math.max(0, session.messagesCount - 1),
        unreadCount: Math.max(0, session.unreadCount - unread),
        flaggedCount: Math.max(0, session.flaggedCount - flagged),
      };
    }
    case 'settings.update':
    case 'cannedReplies.create':
    case 'cannedReplies.update':
    case 'cannedReplies.delete':
    case 'moderation.decide':
    case 'moderation.sanction':
    case 'moderation.liftSanction':
    case 'moderation.escalate':
    case 'moderation.updateRules':
      return session;
  }
}

export function overlayMessages(ctx: OverlayContext, action: QueuedAction, sessionId: string): void {
  const p = action.payload;
  switch (p.kind) {
    case 'sessions.markRead':
      ctx.markRead(sessionId, action.createdAt);
      break;
    case 'messages.markRead':
      ctx.markRead(sessionId, action.createdAt, p.ids);
      break;
    case 'messages.delete':
      ctx.hide(p.id);
      break;
    default:
      break;
  }
}

/**
 * B10's workflow change laid over a session, as the backend makes it: resolving stamps `resolvedAt` (kept when it
 * was resolved already), any other status clears it; a change touches `updatedAt`. Holds over a base that already
 * has it (nothing changes then).
 */
function triaged(
  session: Session,
  patch: Extract<QueuedAction['payload'], { kind: 'sessions.triage' }>['patch'],
  assigneeName: string | null | undefined,
  at: string,
): Session {
  const next: Session = { ...session };
  if (patch.status !== undefined && patch.status !== session.status) {
    next.status = patch.status;
    next.resolvedAt = patch.status === 'resolved' ? at : null;
  }
  if (patch.assigneeId !== undefined && patch.assigneeId !== session.assigneeId) {
    next.assigneeId = patch.assigneeId;
    next.assigneeName = patch.assigneeId === null ? null : (assigneeName ?? null);
  }
  if (patch.snoozedUntil !== undefined) {
    const until = patch.snoozedUntil === null ? null : new Date(patch.snoozedUntil).toISOString();
    if (until !== session.snoozedUntil) next.snoozedUntil = until;
  }
  const changed =
    next.status !== session.status ||
    next.assigneeId !== session.assigneeId ||
    next.snoozedUntil !== session.snoozedUntil;
  return changed ? { ...next, updatedAt: maxInstant(session.updatedAt, at) } : session;
}

function maxInstant(a: string, b: string): string {
  return new Date(a).getTime() >= new Date(b).getTime() ? a : new Date(b).toISOString();
}
