// Messages (F10, F11): paging, sending (staff or participant), deleting, marking read. The session's counters and
// last_message_at change in the same statement sequence, inside the caller's transaction.
import { foldArabic } from '../../shared/arabicFold.ts';
import type { Message, MessageKind, SenderRole, Session } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import { prepared, type Queryable, type Row } from '../db/db.ts';
import { moderationFlags } from '../moderation.ts';
import type { WriteCtx } from './context.ts';
import { queueFlagged } from './moderation.ts';
import { currentRules, likelyRules } from './moderationRules.ts';
import {
  MESSAGE_COLUMNS,
  type MessageRow,
  prefixed,
  SESSION_COLUMNS,
  type SessionRow,
  toMessage,
  toSession,
  unprefixed,
} from './rows.ts';
import { requireSession } from './sessions.ts';

/** What a participant reads of a session (`$n` their id): the conversation and the system messages for them (B9). */
const participantKinds = (n: number) => `AND (m.kind = 'message' OR (m.kind = 'system' AND m.recipient_id = $${n}))`;

/**
 * A session's messages, newest page first, oldest first within it. `viewer` null: staff, who see everything, internal
 * notes (B10) and every system message (B9) among them. A participant's id: the conversation and the system messages
 * addressed to them, never a note (nor can they page from one).
 */
export async function listMessages(
  db: Queryable,
  sessionId: string,
  options: { before?: string | undefined; limit: number; viewer: string | null },
): Promise<{ items: Message[]; hasMore: boolean }> {
  const params: unknown[] = [sessionId, options.limit + 1];
  let kinds = '';
  if (options.viewer !== null) {
    params.push(options.viewer);
    kinds = participantKinds(params.length);
  }
  let before = '';
  if (options.before) {
    const { rows } = await db.query(
      `SELECT 1 FROM chat_messages m WHERE m.id = $1 AND m.session_id = $2 ${options.viewer !== null ? participantKinds(3) : ''}`,
      options.viewer !== null ? [options.before, sessionId, options.viewer] : [options.before, sessionId],
    );
    if (rows.length === 0) {
      throw new AppError('not_found', `No message ${options.before} in this session`, {
        before: 'no such message here',
      });
    }
    params.push(options.before);
    before = `AND (m.created_at, m.id) < (SELECT created_at, id FROM chat_messages WHERE id = $${params.length})`;
  }
  const { rows } = await db.query<MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM chat_messages m WHERE m.session_id = $1 ${kinds} ${before}
      ORDER BY m.created_at DESC, m.id DESC LIMIT $2`,
    params,
  );
  const hasMore = rows.length > options.limit;
  const items = rows.slice(0, options.limit).reverse().map(toMessage);
  return { items, hasMore };
}

// A message's write, its statements prepared (parsed and planned once per connection): the hottest path there is.
const MESSAGE_BY_ID = prepared(`SELECT ${MESSAGE_COLUMNS} FROM chat_messages m WHERE m.id = $1`);
// A message and its session's counters in one statement (one round trip). The insert holds only if the moderation
// rules it was flagged by ($9, their revision) are still those in force: no row back means they changed, and the
// message is flagged again by the rules in force (addMessage). Insert, then bump the session: the UPDATE locks the
// session row, so concurrent messages of one session queue there (the insert's foreign-key check only takes a
// key-share lock, which does not conflict with it). The two rows come back as one, their columns prefixed; a message
// row without its session's (the session committed after the statement's snapshot) is refused by writeMessage.
const MESSAGE_WRITE = prepared(
  `WITH m AS (
     INSERT INTO chat_messages AS m (id, session_id, sender_role, sender_id, sender_name, body, flags, search_text,
         created_at)
     SELECT coalesce($1::uuid, gen_random_uuid()), $2::uuid, $3, $4::uuid, $5, $6, $7::text[], $8, clock_timestamp()
      WHERE (SELECT revision FROM moderation_rules) = $9::uuid
     RETURNING m.*
   ), s AS (
     UPDATE chat_sessions s SET messages_count = messages_count + 1, unread_count = unread_count + $10::int,
         flagged_count = flagged_count + (cardinality($7::text[]) > 0)::int,
         last_message_at = greatest(last_message_at, m.created_at), updated_at = now(),
         status = CASE WHEN $11::boolean THEN 'open' ELSE s.status END,
         resolved_at = CASE WHEN $11::boolean THEN NULL ELSE s.resolved_at END,
         snoozed_until = CASE WHEN $11::boolean THEN NULL ELSE s.snoozed_until END,
         first_response_at = CASE
           WHEN NOT $11::boolean AND s.first_response_at IS NULL AND EXISTS (
             SELECT 1 FROM chat_messages c WHERE c.session_id = s.id AND c.sender_role = 'customer'
                AND c.kind = 'message' AND c.created_at <= m.created_at)
           THEN m.created_at ELSE s.first_response_at END
       FROM m WHERE s.id = m.session_id
     RETURNING s.*
   )
   SELECT ${prefixed(MESSAGE_COLUMNS, 'm_')}, ${prefixed(SESSION_COLUMNS, 's_')} FROM m LEFT JOIN s ON s.id = m.session_id`,
);

export async function getMessage(db: Queryable, id: string): Promise<Message | null> {
  const { rows } = await db.query<MessageRow>(MESSAGE_BY_ID, [id]);
  return rows[0] ? toMessage(rows[0]) : null;
}

export interface NewMessage {
  id?: string | undefined;
  /** Default `message`; a `note` (B10) must be by staff. */
  kind?: MessageKind | undefined;
  sessionId: string;
  senderRole: SenderRole;
  senderId: string;
  senderName: string;
  body: string;
}

/**
 * Sends a message. A repeat of a client-made id returns the stored message and changes nothing. B10: a customer or
 * seller message re-opens a pending or resolved session and wakes a snoozed one; the first staff reply after the
 * customer's first message sets `firstResponseAt`. A note (kind `note`) leaves the session as it is: no counter, no
 * time, no status changes.
 */
export async function addMessage(
  ctx: WriteCtx,
  input: NewMessage,
): Promise<{ message: Message; session: Session; created: boolean }> {
  const kind = input.kind ?? 'message';
  if (kind === 'note' && input.senderRole !== 'staff') throw new AppError('forbidden', 'Only staff write notes');
  if (kind === 'system') throw new Error('system messages are written by addSystemMessages (systemMessages.ts)');
  if (input.id) {
    const existing = await getMessage(ctx.tx, input.id);
    if (existing) {
      if (
        existing.sessionId !== input.sessionId ||
        existing.body !== input.body ||
        existing.senderId !== input.senderId ||
        existing.kind !== kind
      ) {
        throw new AppError('conflict', 'A different message already has this id', { id: 'is already taken' });
      }
      return { message: existing, session: await requireSession(ctx.tx, input.sessionId, 'sessionId'), created: false };
    }
  }
  if (kind === 'note') return addNote(ctx, input);
  // B9: flagged by the rules in force as this transaction sees them (an edit committed before applies at once): those
  // used last, confirmed by the insert itself, or when they changed, those read now.
  let rules = await likelyRules(ctx.tx);
  let flags = moderationFlags(input.body, rules.rules);
  let written = await writeMessage(ctx.tx, input, flags, rules.revision);
  for (let attempt = 2; !written; attempt++) {
    if (attempt > 5) throw new AppError('conflict', 'The moderation rules kept changing; send the message again');
    rules = await currentRules(ctx.tx);
    flags = moderationFlags(input.body, rules.rules);
    written = await writeMessage(ctx.tx, input, flags, rules.revision);
  }
  const { message, session } = written;
  ctx.events.push({ type: 'message.created', message, session });
  // B9: a flagged message enters the review queue with it.
  if (flags.length > 0) await queueFlagged(ctx, message, session);
  ctx.audits.push({
    action: 'message.create',
    targetKind: 'message',
    targetId: message.id,
    details: { sessionId: input.sessionId },
  });
  return { message, session, created: true };
}

/**
 * The message written with its session's counters (MESSAGE_WRITE), if `revision` is still that of the rules in force
 * (else nothing is written). A session that does not exist is a 404 naming it.
 */
async function writeMessage(
  tx: Queryable,
  input: NewMessage,
  flags: readonly string[],
  revision: string,
): Promise<{ message: Message; session: Session } | null> {
  const participant = input.senderRole !== 'staff';
  const params = [
    input.id ?? null,
    input.sessionId,
    input.senderRole,
    input.senderId,
    input.senderName,
    input.body,
    flags,
    foldArabic(input.body),
    revision,
    participant ? 1 : 0,
    participant,
  ];
  try {
    const row = (await tx.query<Row>(MESSAGE_WRITE, params)).rows[0];
    if (!row) return null;
    // Written, but its session's counters not (the session was not yet visible to the update): undone with the rest.
    if (row.s_id === null)
      throw new AppError('conflict', 'The session changed while the message was written; send it again');
    return {
      message: toMessage(unprefixed<MessageRow>(row, 'm_')),
      session: toSession(unprefixed<SessionRow>(row, 's_')),
    };
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code === '23503' && constraint === 'chat_messages_session_id_fkey') {
      throw new AppError('not_found', `No chat session with id ${input.sessionId}`, { id: 'no such session' });
    }
    throw error;
  }
}

/** An internal note (B10): stored with the messages, its session untouched (its current state goes in the event). */
async function addNote(
  ctx: WriteCtx,
  input: NewMessage,
): Promise<{ message: Message; session: Session; created: true }> {
  const { rows: inserted } = await ctx.tx.query<MessageRow>(
    `INSERT INTO chat_messages AS m (id, kind, session_id, sender_role, sender_id, sender_name, body, search_text,
        created_at)
     VALUES (coalesce($1::uuid, gen_random_uuid()), 'note', $2, 'staff', $3, $4, $5, $6, clock_timestamp())
     RETURNING ${MESSAGE_COLUMNS}`,
    [input.id ?? null, input.sessionId, input.senderId, input.senderName, input.body, foldArabic(input.body)],
  );
  const message = toMessage(inserted[0] as MessageRow);
  // The session the event carries, read after a share lock: a message's UPDATE of it either committed first (and is
  // read here) or waits for this note, and so comes after it in the feed (see systemMessages.ts).
  await ctx.tx.query('SELECT 1 FROM chat_sessions WHERE id = $1 FOR SHARE', [input.sessionId]);
  const session = await requireSession(ctx.tx, input.sessionId, 'sessionId');
  ctx.events.push({ type: 'message.created', message, session });
  ctx.audits.push({
    action: 'note.create',
    targetKind: 'message',
    targetId: message.id,
    details: { sessionId: input.sessionId },
  });
  return { message, session, created: true };
}

export async function deleteMessage(ctx: WriteCtx, id: string): Promise<Session> {
  const { rows: deleted } = await ctx.tx.query<MessageRow>(
    `DELETE FROM chat_messages m WHERE m.id = $1 RETURNING ${MESSAGE_COLUMNS}`,
    [id],
  );
  const row = deleted[0];
  if (!row) throw new AppError('not_found', `No message with id ${id}`, { id: 'no such message' });
  const message = toMessage(row);
  // Notes (B10) and system messages (B9) are in no counter.
  if (message.kind !== 'message') {
    const session = await requireSession(ctx.tx, message.sessionId, 'sessionId');
    ctx.events.push({ type: 'message.deleted', messageId: id, session });
    ctx.audits.push({
      action: message.kind === 'note' ? 'note.delete' : 'message.delete',
      targetKind: 'message',
      targetId: id,
      details: { sessionId: message.sessionId, body: message.body.slice(0, 500) },
    });
    return session;
  }
  // A message a moderator removed (B9) is already out of the counters.
  const counted = message.removed ? 0 : 1;
  const { rows } = await ctx.tx.query<SessionRow>(
    `UPDATE chat_sessions s SET messages_count = greatest(messages_count - $5, 0),
        unread_count = greatest(unread_count - $2, 0), flagged_count = greatest(flagged_count - $3, 0),
        last_message_at = CASE WHEN last_message_at = $4::timestamptz
          THEN coalesce((SELECT max(created_at) FROM chat_messages WHERE session_id = s.id), last_message_at)
          ELSE last_message_at END,
        updated_at = now()
      WHERE s.id = $1 RETURNING ${SESSION_COLUMNS}`,
    [
      message.sessionId,
      message.senderRole !== 'staff' && message.readAt === null ? counted : 0,
      message.flags.length > 0 ? counted : 0,
      message.createdAt,
      counted,
    ],
  );
  const session = toSession(rows[0] as SessionRow);
  ctx.events.push({ type: 'message.deleted', messageId: id, session });
  ctx.audits.push({
    action: 'message.delete',
    targetKind: 'message',
    targetId: id,
    details: { sessionId: message.sessionId, senderRole: message.senderRole, body: message.body.slice(0, 500) },
  });
  return session;
}

/**
 * Marks messages read and fixes the counters, one `messages.read` event per session touched.
 * `which` selects the messages: by id (staff), or every unread message a participant received in a session.
 */
export async function markMessagesRead(
  ctx: WriteCtx,
  which: { ids: string[] } | { sessionId: string; reader: { id: string; role: SenderRole } },
): Promise<number> {
  const params: unknown[] = [];
  let where: string;
  if ('ids' in which) {
    params.push(which.ids);
    // Staff mark what customers and sellers wrote; staff messages are for the participants to read.
    where = `m.id = ANY($1::uuid[]) AND m.sender_role <> 'staff' AND m.removed_at IS NULL`;
  } else {
    params.push(which.sessionId, which.reader.role, which.reader.id);
    // What the participant reads (no note, B10; the system messages for them, B9); removed messages (B9) stay as
    // they were until restored.
    where = `m.session_id = $1 AND m.sender_role <> $2 ${participantKinds(3)} AND m.removed_at IS NULL`;
  }
  const { rows } = await ctx.tx.query<SessionRow & { ids: string[]; n: number; read_at: string }>(
    `WITH target AS (
       SELECT DISTINCT m.session_id FROM chat_messages m WHERE ${where} AND m.read_at IS NULL
     ), locked AS (
       SELECT s.id FROM chat_sessions s JOIN target t ON t.session_id = s.id ORDER BY s.id FOR UPDATE OF s
     ), marked AS (
       UPDATE chat_messages m SET read_at = now() FROM locked l
        WHERE m.session_id = l.id AND ${where} AND m.read_at IS NULL
       RETURNING m.id, m.session_id, m.sender_role
     ), per AS (
       SELECT session_id, array_agg(id) AS ids, count(*) FILTER (WHERE sender_role <> 'staff')::int AS n
         FROM marked GROUP BY session_id
     ), updated AS (
       UPDATE chat_sessions s SET unread_count = greatest(s.unread_count - per.n, 0), updated_at = now()
         FROM per WHERE s.id = per.session_id
       RETURNING ${SESSION_COLUMNS}
     )
     SELECT s.*, per.ids, now()::timestamptz(3) AS read_at FROM updated s JOIN per ON per.session_id = s.id`,
    params,
  );
  let affected = 0;
  for (const r of rows) {
    affected += r.ids.length;
    ctx.events.push({ type: 'messages.read', messageIds: r.ids, readAt: r.read_at, session: toSession(r) });
  }
  if (ctx.staff) {
    ctx.audits.push({
      action: 'message.markRead',
      targetKind: 'message',
      targetId: 'ids' in which && which.ids.length === 1 ? (which.ids[0] ?? null) : null,
      details: { ...which, affected },
    });
  }
  return affected;
}
