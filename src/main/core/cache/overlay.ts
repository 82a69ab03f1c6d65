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
    case 'messages.send': {
      if (!session) return null;
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

function maxInstant(a: string, b: string): string {
  return new Date(a).getTime() >= new Date(b).getTime() ? a : new Date(b).toISOString();
}
