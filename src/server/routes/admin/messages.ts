// Staff routes for messages (F10, F1): a session's messages, replying as support, internal notes (B10), deleting
// one, marking read by id, and the unread total.
import type { FastifyInstance } from 'fastify';
import {
  BulkResult,
  IdParams,
  MessageCreateBody,
  MessageIdsBody,
  MessageListQuery,
  MessagePage,
  NoteCreateBody,
  UnreadTotal,
} from '../../../shared/api.ts';
import { Message, Session } from '../../../shared/domain.ts';
import { defineRoute, type ServerDeps } from '../../http/route.ts';
import { addMessage, deleteMessage, listMessages, markMessagesRead } from '../../store/messages.ts';
import { requireSession, unreadTotal } from '../../store/sessions.ts';

export function adminMessageRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const route = <P, Q, B, R>(spec: Parameters<typeof defineRoute<P, Q, B, R>>[2]) => defineRoute(app, deps, spec);

  route({
    method: 'GET',
    path: '/admin/sessions/:id/messages',
    summary: 'Messages of a session with its internal notes (kind note), oldest first; `before` pages back',
    auth: 'staff',
    permission: 'sessions.read',
    params: IdParams,
    query: MessageListQuery,
    response: MessagePage,
    async handler({ params, query, db }) {
      await requireSession(db, params.id);
      return listMessages(db, params.id, { ...query, viewer: null });
    },
  });
  route({
    method: 'POST',
    path: '/admin/sessions/:id/messages',
    summary: 'Reply as support (a staff message never counts as unread)',
    auth: 'staff',
    permission: 'messages.reply',
    params: IdParams,
    body: MessageCreateBody,
    response: Message,
    status: 201,
    async handler({ params, body, write, staff }) {
      // A session that does not exist is refused by the insert itself (404), with no read of its own first.
      const { message } = await addMessage(write, {
        id: body.id,
        sessionId: params.id,
        senderRole: 'staff',
        senderId: staff.id,
        senderName: staff.name,
        body: body.body,
      });
      return message;
    },
  });
  route({
    method: 'POST',
    path: '/admin/sessions/:id/notes',
    summary:
      'Write an internal note (B10): in the staff message list and feed with kind note; never shown to participants, ' +
      'never counted, never re-opening or waking the session',
    auth: 'staff',
    permission: 'messages.reply',
    params: IdParams,
    body: NoteCreateBody,
    response: Message,
    status: 201,
    async handler({ params, body, write, staff }) {
      await requireSession(write.tx, params.id);
      const { message } = await addMessage(write, {
        id: body.id,
        kind: 'note',
        sessionId: params.id,
        senderRole: 'staff',
        senderId: staff.id,
        senderName: staff.name,
        body: body.body,
      });
      return message;
    },
  });
  route({
    method: 'DELETE',
    path: '/admin/messages/:id',
    summary: 'Delete one message; returns its session with the new counters',
    auth: 'staff',
    permission: 'messages.delete',
    params: IdParams,
    response: Session,
    handler: ({ params, write }) => deleteMessage(write, params.id),
  });
  route({
    method: 'POST',
    path: '/admin/messages/mark-read',
    summary: 'Mark messages read by id; affected = messages that were unread (unknown ids are skipped)',
    auth: 'staff',
    permission: 'messages.markRead',
    body: MessageIdsBody,
    response: BulkResult,
    handler: async ({ body, write }) => ({ affected: await markMessagesRead(write, { ids: body.ids }) }),
  });
  route({
    method: 'GET',
    path: '/admin/unread-total',
    summary: 'Unread messages across all sessions (F1)',
    auth: 'staff',
    permission: 'sessions.read',
    response: UnreadTotal,
    handler: async ({ db }) => ({ total: await unreadTotal(db) }),
  });
}
