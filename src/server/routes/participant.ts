// The mobile app's side (F11): a signed-in customer or seller sees and writes only their own sessions. Every
// route is refused with `chat_disabled` while chat in the mobile app is switched off (F12), and with
// `participant_banned` for a banned participant (B9); a muted one's message with `participant_muted`. Staff business stays
// out (B10): no internal note, and sessions without their status, assignee, snooze and response times.
import type { FastifyInstance } from 'fastify';
import {
  BulkResult,
  IdParams,
  MeSessionsQuery,
  MessageCreateBody,
  MessageListQuery,
  MessageReport,
  Page,
  ParticipantMessagePage,
  ParticipantOpenSessionBody,
  ProductListQuery,
  ReportCreateBody,
} from '../../shared/api.ts';
import { Message, ParticipantSession, Product, type Session, type User } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import type { Queryable } from '../db/db.ts';
import { defineRoute, type Gate, type ServerDeps } from '../http/route.ts';
import { listProducts } from '../store/directory.ts';
import { addMessage, listMessages, markMessagesRead } from '../store/messages.ts';
import { reportMessage } from '../store/moderation.ts';
import { participantMessage, participantSession, SESSION_COLUMNS, type SessionRow, toSession } from '../store/rows.ts';
import { chatGateStatement, judgeChatGate } from '../store/sanctions.ts';
import { createSession, requireSession } from '../store/sessions.ts';

/**
 * F12's switch, then B9: a banned participant uses no chat route until the ban ends or is lifted, and a muted one
 * sends nothing (`send`). One statement, read with the caller's token (a write's inside its transaction).
 */
const chatGate = (what: 'use' | 'send'): Gate => ({
  statement: chatGateStatement,
  judge: (rows) => judgeChatGate(rows, what),
});

/** The session, if the user takes part in it; otherwise 404 (whether it exists is none of their business). */
async function ownSession(db: Queryable, user: User, id: string): Promise<Session> {
  const session = await requireSession(db, id);
  if (session.customer.id !== user.id && session.seller.id !== user.id) {
    throw new AppError('not_found', `No chat session with id ${id}`, { id: 'no such session' });
  }
  return session;
}

export function participantRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const gate = chatGate('use');
  defineRoute(app, deps, {
    method: 'GET',
    path: '/me/products',
    summary: 'The catalogue, by name (what a customer can ask about)',
    auth: 'user',
    query: ProductListQuery,
    response: Page(Product),
    handler: ({ query, db }) => listProducts(db, query),
  });
  defineRoute(app, deps, {
    method: 'GET',
    path: '/me/sessions',
    summary: 'My sessions, most recent first',
    auth: 'user',
    gate,
    query: MeSessionsQuery,
    response: Page(ParticipantSession),
    async handler({ query, db, user }) {
      const column = user.role === 'customer' ? 'customer_id' : 'seller_id';
      const [items, total] = await Promise.all([
        db.query<SessionRow>(
          `SELECT ${SESSION_COLUMNS} FROM chat_sessions s WHERE s.${column} = $1
            ORDER BY s.last_message_at DESC, s.id DESC LIMIT $2 OFFSET $3`,
          [user.id, query.limit, query.offset],
        ),
        db.query<{ n: number }>(`SELECT count(*)::int AS n FROM chat_sessions s WHERE s.${column} = $1`, [user.id]),
      ]);
      return { items: items.rows.map((r) => participantSession(toSession(r))), total: total.rows[0]?.n ?? 0 };
    },
  });
  defineRoute(app, deps, {
    method: 'POST',
    path: '/me/sessions',
    summary: 'Customer: open the session about a product with its seller (the existing one, if any)',
    auth: 'user',
    gate,
    body: ParticipantOpenSessionBody,
    response: ParticipantSession,
    async handler({ body, write, user }) {
      if (user.role !== 'customer') throw new AppError('forbidden', 'Only customers open sessions about a product');
      const { rows: products } = await write.tx.query<{ seller_id: string }>(
        'SELECT seller_id FROM products WHERE id = $1',
        [body.productId],
      );
      if (!products[0])
        throw new AppError('not_found', `No product with id ${body.productId}`, { productId: 'no such product' });
      // One session per customer and product with its owner; the lock makes two taps at once open one.
      await write.tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${user.id}:${body.productId}`]);
      const { rows } = await write.tx.query<SessionRow>(
        `SELECT ${SESSION_COLUMNS} FROM chat_sessions s WHERE s.customer_id = $1 AND s.product_id = $2 AND s.seller_id = $3
          ORDER BY s.created_at LIMIT 1`,
        [user.id, body.productId, products[0].seller_id],
      );
      if (rows[0]) return participantSession(toSession(rows[0]));
      return participantSession(
        (await createSession(write, { productId: body.productId, customerId: user.id })).session,
      );
    },
  });
  defineRoute(app, deps, {
    method: 'GET',
    path: '/me/sessions/:id/messages',
    summary:
      'Messages of one of my sessions, oldest first, with the system messages for me (kind system: a moderator’s ' +
      'warning); one a moderator removed has removed: true and no body',
    auth: 'user',
    gate,
    params: IdParams,
    query: MessageListQuery,
    response: ParticipantMessagePage,
    async handler({ params, query, db, user }) {
      await ownSession(db, user, params.id);
      const page = await listMessages(db, params.id, { ...query, viewer: user.id });
      return { items: page.items.map(participantMessage), hasMore: page.hasMore };
    },
  });
  defineRoute(app, deps, {
    method: 'POST',
    path: '/me/sessions/:id/messages',
    summary: 'Send a message in one of my sessions',
    auth: 'user',
    gate: chatGate('send'),
    params: IdParams,
    body: MessageCreateBody,
    response: Message,
    status: 201,
    async handler({ params, body, write, user }) {
      await ownSession(write.tx, user, params.id);
      const { message } = await addMessage(write, {
        id: body.id,
        sessionId: params.id,
        senderRole: user.role,
        senderId: user.id,
        senderName: user.name,
        body: body.body,
      });
      return message;
    },
  });
  defineRoute(app, deps, {
    method: 'POST',
    path: '/me/sessions/:id/read',
    summary: 'Mark what the others wrote in one of my sessions read; affected = messages marked',
    auth: 'user',
    gate,
    params: IdParams,
    response: BulkResult,
    async handler({ params, write, user }) {
      await ownSession(write.tx, user, params.id);
      return { affected: await markMessagesRead(write, { sessionId: params.id, reader: user }) };
    },
  });
  defineRoute(app, deps, {
    method: 'POST',
    path: '/me/messages/:id/reports',
    summary:
      'Report a message of one of my sessions that is not my own (B9): 201 with the report; a repeat is 200 with ' +
      'the first report and changes nothing',
    auth: 'user',
    gate,
    params: IdParams,
    body: ReportCreateBody,
    response: MessageReport,
    status: 201,
    otherStatuses: { 200: 'A repeat: the first report of this reporter on this message; nothing changed' },
    async handler({ params, body, write, user, setStatus }) {
      const { report, created } = await reportMessage(write, user, params.id, body);
      if (!created) setStatus(200);
      return report;
    },
  });
}
