// System messages (B9): a notice from the marketplace to one participant, written into each of their conversations,
// such as a moderator's warning. Kind `system`, sent as staff (the moderator) to `recipient_id`: that participant
// reads it through `/me` and staff in the session's message list, the other party never does. Like an internal note
// (B10) it is in no counter (messages, unread, flagged) and leaves the session's times and workflow as they are, so
// the session list reads the same to staff and to both participants.
import { foldArabic } from '../../shared/arabicFold.ts';
import type { Staff } from '../../shared/domain.ts';
import type { WriteCtx } from './context.ts';
import { MESSAGE_COLUMNS, type MessageRow, SESSION_COLUMNS, type SessionRow, toMessage, toSession } from './rows.ts';

/** A warning as its participant reads it, in the marketplace's two languages. */
export const warningText = (reason: string) =>
  `تحذير من فريق الإشراف: ${reason}\nA warning from the moderators: ${reason}`;

/** A warning goes into at most this many of the participant's conversations (the most recently active). */
export const SYSTEM_MESSAGE_SESSIONS = 100;

/**
 * Writes `body` as a system message for the participant where they will read it: their open and pending sessions,
 * the most recently active first, at most SYSTEM_MESSAGE_SESSIONS of them (or, with none open, their most recent
 * session), one `message.created` event each (with the session as it is). A seller with fifty thousand old
 * conversations gets one warning in the ones that are live, not fifty thousand messages. Answers how many were written.
 */
export async function addSystemMessages(ctx: WriteCtx, userId: string, body: string, staff: Staff): Promise<number> {
  const { rows: inserted } = await ctx.tx.query<MessageRow>(
    `WITH live AS (
       SELECT s.id FROM chat_sessions s
        WHERE (s.customer_id = $1 OR s.seller_id = $1) AND s.status <> 'resolved'
        ORDER BY s.last_message_at DESC, s.id LIMIT $6
     ), latest AS (
       SELECT s.id FROM chat_sessions s
        WHERE (s.customer_id = $1 OR s.seller_id = $1) AND NOT EXISTS (SELECT 1 FROM live)
        ORDER BY s.last_message_at DESC, s.id LIMIT 1
     )
     INSERT INTO chat_messages AS m (kind, session_id, sender_role, sender_id, sender_name, recipient_id, body,
        search_text, created_at)
     SELECT 'system', t.id, 'staff', $2, $3, $1, $4, $5, clock_timestamp()
       FROM (SELECT id FROM live UNION ALL SELECT id FROM latest) t
     RETURNING ${MESSAGE_COLUMNS}`,
    [userId, staff.id, staff.name, body, foldArabic(body), SYSTEM_MESSAGE_SESSIONS],
  );
  if (inserted.length === 0) return 0;
  // The sessions as the events carry them, read under a share lock (in id order): a message's UPDATE of one of them
  // either committed first (and is read here) or waits for this write, and so comes after it in the feed. A plain
  // read could publish a session older than one already in the feed, which the desks would then show.
  const { rows: sessions } = await ctx.tx.query<SessionRow>(
    `SELECT ${SESSION_COLUMNS} FROM chat_sessions s WHERE s.id = ANY($1::uuid[]) ORDER BY s.id FOR SHARE`,
    [inserted.map((m) => m.session_id)],
  );
  const byId = new Map(sessions.map((r) => [r.id, toSession(r)]));
  for (const row of inserted) {
    const session = byId.get(row.session_id);
    if (session) ctx.events.push({ type: 'message.created', message: toMessage(row), session });
  }
  return inserted.length;
}
