// The moderation workspace (B9): the review queue (one item per message that is flagged, reported or escalated),
// participants' reports, staff escalations, and moderators' decisions (dismiss, remove, restore). Every change
// appends a `moderation.item.upserted` event; a removal or a restoration also a `message.updated` with the session's
// new counters. All in the caller's transaction.
import type { MessageReport, ModerationQueueQuery } from '../../shared/api.ts';
import {
  type Message,
  MODERATION_RESTORE_DAYS,
  type ModerationAction,
  type ModerationItem,
  type ModerationReason,
  ReportCategory,
  type Session,
  type User,
} from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import { prepared, type Queryable } from '../db/db.ts';
import type { WriteCtx } from './context.ts';
import { MESSAGE_COLUMNS, type MessageRow, SESSION_COLUMNS, type SessionRow, toMessage, toSession } from './rows.ts';

/** Every flagged message not yet in the queue enters it (demo data and generated benchmarks, written in bulk). */
export const FILL_MODERATION_QUEUE_SQL = `INSERT INTO moderation_items (message_id, session_id, flagged, first_seen_at,
    updated_at)
  SELECT m.id, m.session_id, true, m.created_at, m.created_at FROM chat_messages m
   WHERE m.flags <> '{}' AND m.kind = 'message'
  ON CONFLICT (message_id) DO NOTHING`;

interface ItemRow extends MessageRow {
  item_id: string;
  item_status: ModerationItem['status'];
  flagged: boolean;
  reports_count: number;
  escalated: boolean;
  first_seen_at: string;
  decision_action: ModerationAction | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  product_id: string;
  product_name: string;
  customer_id: string;
  customer_name: string;
  seller_id: string;
  seller_name: string;
}

const ITEM_COLUMNS = `i.id AS item_id, i.status AS item_status, i.flagged, i.reports_count, i.escalated,
  i.first_seen_at, i.decision_action, i.decision_reason, i.decided_by, i.decided_by_name, i.decided_at,
  ${MESSAGE_COLUMNS}, s.product_id, s.product_name, s.customer_id, s.customer_name, s.seller_id, s.seller_name`;

/** Fills items with their reports and escalations (two queries for the whole page). */
async function withDetails(db: Queryable, rows: ItemRow[]): Promise<ModerationItem[]> {
  if (rows.length === 0) return [];
  const [reports, escalations] = await Promise.all([
    db.query<{
      message_id: string;
      category: ModerationItem['reports'][number]['category'];
      note: string | null;
      created_at: string;
    }>(
      `SELECT r.message_id, r.category, r.note, r.created_at FROM message_reports r
        WHERE r.message_id = ANY($1::uuid[]) ORDER BY r.created_at, r.id`,
      [rows.map((r) => r.id)],
    ),
    db.query<{ item_id: string; note: string; staff_id: string | null; staff_name: string; created_at: string }>(
      `SELECT e.item_id, e.note, e.staff_id, e.staff_name, e.created_at FROM moderation_escalations e
        WHERE e.item_id = ANY($1::uuid[]) ORDER BY e.created_at, e.id`,
      [rows.map((r) => r.item_id)],
    ),
  ]);
  return rows.map((r): ModerationItem => {
    const reasons: ModerationReason[] = [];
    if (r.flagged) reasons.push('flag');
    if (r.reports_count > 0) reasons.push('report');
    if (r.escalated) reasons.push('escalated');
    const message = toMessage(r);
    return {
      id: r.item_id,
      status: r.item_status,
      reasons,
      message,
      session: {
        id: r.session_id,
        product: { id: r.product_id, name: r.product_name },
        customer: { id: r.customer_id, name: r.customer_name },
        seller: { id: r.seller_id, name: r.seller_name },
      },
      flags: message.flags,
      reports: reports.rows
        .filter((x) => x.message_id === r.id)
        .map((x) => ({ category: x.category, note: x.note, at: x.created_at })),
      reportsCount: r.reports_count,
      escalations: escalations.rows
        .filter((x) => x.item_id === r.item_id)
        .map((x) => ({
          note: x.note,
          staff: x.staff_id ? { id: x.staff_id, name: x.staff_name } : null,
          at: x.created_at,
        })),
      firstSeenAt: r.first_seen_at,
      decision:
        r.decision_action && r.decided_at
          ? {
              action: r.decision_action,
              reason: r.decision_reason,
              staff: r.decided_by ? { id: r.decided_by, name: r.decided_by_name ?? '' } : null,
              at: r.decided_at,
            }
          : null,
    };
  });
}

export async function getItem(db: Queryable, id: string): Promise<ModerationItem | null> {
  const { rows } = await db.query<ItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM moderation_items i JOIN chat_messages m ON m.id = i.message_id
       JOIN chat_sessions s ON s.id = i.session_id WHERE i.id = $1`,
    [id],
  );
  return (await withDetails(db, rows))[0] ?? null;
}

async function requireItem(db: Queryable, id: string): Promise<ModerationItem> {
  const item = await getItem(db, id);
  if (!item) throw new AppError('not_found', `No review-queue item with id ${id}`, { id: 'no such item' });
  return item;
}

/**
 * The queue's WHERE clause. A report category is written as a literal (it is one of ReportCategory's values), so
 * the planner matches the category's partial index.
 */
function queueWhere(query: Pick<ModerationQueueQuery, 'status' | 'reason' | 'category'>): string {
  const where = [`i.status = '${query.status === 'resolved' ? 'resolved' : 'open'}'`];
  if (query.reason === 'flag') where.push('i.flagged');
  if (query.reason === 'report') where.push('i.reports_count > 0');
  if (query.reason === 'escalated') where.push('i.escalated');
  if (query.category) {
    const category = ReportCategory.parse(query.category);
    where.push(`'${category}' = ANY (i.categories)`);
  }
  return where.join(' AND ');
}

const CATEGORY_BITS: Record<ReportCategory, number> = { spam: 1, abuse: 2, off_platform: 4, scam: 8, other: 16 };

/** The same filter over the counters of migration 011 (a few rows, however many items). */
function totalsWhere(query: Pick<ModerationQueueQuery, 'status' | 'reason' | 'category'>): string {
  const where = [`t.status = '${query.status === 'resolved' ? 'resolved' : 'open'}'`];
  if (query.reason === 'flag') where.push('t.flagged');
  if (query.reason === 'report') where.push('t.reported');
  if (query.reason === 'escalated') where.push('t.escalated');
  if (query.category) where.push(`t.categories & ${CATEGORY_BITS[ReportCategory.parse(query.category)]} <> 0`);
  return where.join(' AND ');
}

export async function listQueue(
  db: Queryable,
  query: ModerationQueueQuery,
): Promise<{ items: ModerationItem[]; total: number }> {
  const where = queueWhere(query);
  const order = query.sort === 'reportsCount' ? 'i.reports_count DESC, i.first_seen_at, i.id' : 'i.first_seen_at, i.id';
  const [page, total] = await Promise.all([
    db.query<ItemRow>(
      `SELECT ${ITEM_COLUMNS}
         FROM (SELECT * FROM moderation_items i WHERE ${where} ORDER BY ${order} LIMIT $1 OFFSET $2) i
         JOIN chat_messages m ON m.id = i.message_id JOIN chat_sessions s ON s.id = i.session_id
        ORDER BY ${order}`,
      [query.limit, query.offset],
    ),
    db.query<{ n: number }>(
      `SELECT coalesce(sum(t.n), 0)::int AS n FROM moderation_totals t WHERE ${totalsWhere(query)}`,
    ),
  ]);
  return { items: await withDetails(db, page.rows), total: total.rows[0]?.n ?? 0 };
}

export async function openCount(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT coalesce(sum(n), 0)::int AS n FROM moderation_totals WHERE status = 'open'`,
  );
  return rows[0]?.n ?? 0;
}

async function itemChanged(ctx: WriteCtx, id: string): Promise<ModerationItem> {
  const item = await requireItem(ctx.tx, id);
  ctx.events.push({ type: 'moderation.item.upserted', item });
  return item;
}

/** Part of every flagged message's write (prepared: parsed and planned once per connection). */
const FLAGGED_INSERT = prepared(
  `INSERT INTO moderation_items (message_id, session_id, flagged, first_seen_at, updated_at)
   VALUES ($1, $2, true, $3, $3) RETURNING id`,
);

/**
 * A message just written with B3 flags enters the queue (called by addMessage, in its transaction). The item is new
 * like its message, so its event is made from what is at hand: one statement more per flagged message.
 */

export async function queueFlagged(ctx: WriteCtx, message: Message, session: Session): Promise<void> {
  const { rows } = await ctx.tx.query<{ id: string }>(FLAGGED_INSERT, [
    message.id,
    message.sessionId,
    message.createdAt,
  ]);
  const item: ModerationItem = {
    id: (rows[0] as { id: string }).id,
    status: 'open',
    reasons: ['flag'],
    message,
    session: { id: session.id, product: session.product, customer: session.customer, seller: session.seller },
    flags: message.flags,
    reports: [],
    reportsCount: 0,
    escalations: [],
    firstSeenAt: message.createdAt,
    decision: null,
  };
  ctx.events.push({ type: 'moderation.item.upserted', item });
}

interface MessageInSession extends MessageRow {
  customer_id: string;
  seller_id: string;
}

async function lockedMessage(db: Queryable, id: string): Promise<MessageInSession | null> {
  const { rows } = await db.query<MessageInSession>(
    `SELECT ${MESSAGE_COLUMNS}, s.customer_id, s.seller_id FROM chat_messages m
       JOIN chat_sessions s ON s.id = m.session_id WHERE m.id = $1 FOR UPDATE OF m`,
    [id],
  );
  return rows[0] ?? null;
}

/**
 * A participant reports a message of one of their sessions that is not their own. One report per reporter and
 * message: a repeat changes nothing and answers the first (`created: false`). A new report opens the item again.
 */
export async function reportMessage(
  ctx: WriteCtx,
  user: User,
  messageId: string,
  input: { category: ReportCategory; note?: string | undefined },
): Promise<{ report: MessageReport; created: boolean }> {
  const message = await lockedMessage(ctx.tx, messageId);
  // A message of someone else's session, or an internal note, does not exist as far as a participant knows.
  // Nor does a system message (B9) for the other party.
  if (
    !message ||
    message.kind === 'note' ||
    (message.kind === 'system' && message.recipient_id !== user.id) ||
    (message.customer_id !== user.id && message.seller_id !== user.id)
  ) {
    throw new AppError('not_found', `No message with id ${messageId}`, { id: 'no such message' });
  }
  if (message.kind === 'system') {
    throw new AppError('forbidden', 'A system message comes from the marketplace: it cannot be reported', {
      id: 'is a system message',
    });
  }
  const toReport = (r: { id: string; category: ReportCategory; note: string | null; created_at: string }) => ({
    id: r.id,
    messageId,
    category: r.category,
    note: r.note,
    createdAt: r.created_at,
  });
  const { rows: earlier } = await ctx.tx.query<{
    id: string;
    category: ReportCategory;
    note: string | null;
    created_at: string;
  }>('SELECT id, category, note, created_at FROM message_reports WHERE message_id = $1 AND reporter_id = $2', [
    messageId,
    user.id,
  ]);
  if (earlier[0]) return { report: toReport(earlier[0]), created: false };
  if (message.sender_id === user.id) {
    throw new AppError('forbidden', 'You cannot report your own message', { id: 'is your own message' });
  }
  if (message.removed_at) {
    throw new AppError('conflict', 'This message was already removed by a moderator', { id: 'is removed' });
  }
  const { rows } = await ctx.tx.query<{
    id: string;
    category: ReportCategory;
    note: string | null;
    created_at: string;
  }>(
    `INSERT INTO message_reports (message_id, reporter_id, category, note) VALUES ($1, $2, $3, $4)
     RETURNING id, category, note, created_at`,
    [messageId, user.id, input.category, input.note ?? null],
  );
  const { rows: items } = await ctx.tx.query<{ id: string }>(
    `INSERT INTO moderation_items AS i (message_id, session_id, reports_count, categories)
     VALUES ($1, $2, 1, ARRAY[$3::text])
     ON CONFLICT (message_id) DO UPDATE SET reports_count = i.reports_count + 1,
        categories = CASE WHEN $3::text = ANY (i.categories) THEN i.categories ELSE i.categories || $3::text END,
        status = 'open', updated_at = now()
     RETURNING i.id`,
    [messageId, message.session_id, input.category],
  );
  await itemChanged(ctx, (items[0] as { id: string }).id);
  return { report: toReport(rows[0] as (typeof rows)[number]), created: true };
}

/** Staff send a message to the review queue with a note (reason `escalated`); opens its item again if resolved. */
export async function escalateMessage(ctx: WriteCtx, messageId: string, note: string): Promise<ModerationItem> {
  const staff = ctx.staff;
  if (!staff) throw new AppError('forbidden', 'Only staff escalate messages');
  const message = await lockedMessage(ctx.tx, messageId);
  if (!message) throw new AppError('not_found', `No message with id ${messageId}`, { id: 'no such message' });
  if (message.kind === 'note') {
    throw new AppError('conflict', 'An internal note is not part of the conversation: nothing to moderate', {
      id: 'is an internal note',
    });
  }
  if (message.kind === 'system') {
    throw new AppError('conflict', 'A system message comes from the marketplace: nothing to moderate', {
      id: 'is a system message',
    });
  }
  const { rows } = await ctx.tx.query<{ id: string }>(
    `INSERT INTO moderation_items AS i (message_id, session_id, escalated) VALUES ($1, $2, true)
     ON CONFLICT (message_id) DO UPDATE SET escalated = true, status = 'open', updated_at = now()
     RETURNING i.id`,
    [messageId, message.session_id],
  );
  const itemId = (rows[0] as { id: string }).id;
  await ctx.tx.query(
    'INSERT INTO moderation_escalations (item_id, staff_id, staff_name, note) VALUES ($1, $2, $3, $4)',
    [itemId, staff.id, staff.name, note],
  );
  ctx.audits.push({
    action: 'moderation.escalate',
    targetKind: 'message',
    targetId: messageId,
    details: { itemId, sessionId: message.session_id, note },
  });
  return itemChanged(ctx, itemId);
}

/** Takes a removed message out of its session's counters (`sign` -1), or puts a restored one back (+1). */
async function countAgain(ctx: WriteCtx, message: Message, sign: 1 | -1): Promise<Session> {
  const unread = message.senderRole !== 'staff' && message.readAt === null ? 1 : 0;
  const flagged = message.flags.length > 0 ? 1 : 0;
  const { rows } = await ctx.tx.query<SessionRow>(
    `UPDATE chat_sessions s SET messages_count = greatest(messages_count + $2, 0),
        unread_count = greatest(unread_count + $3, 0), flagged_count = greatest(flagged_count + $4, 0),
        updated_at = now()
      WHERE s.id = $1 RETURNING ${SESSION_COLUMNS}`,
    [message.sessionId, sign, sign * unread, sign * flagged],
  );
  return toSession(rows[0] as SessionRow);
}

/**
 * A moderator's decision on an item. `dismiss` resolves it and leaves the message (refused while the message is
 * removed: restore it first); `remove` hides the message from the participants with the reason and takes it out of
 * the session's counters; `restore` undoes a removal made less than MODERATION_RESTORE_DAYS ago. Each resolves the
 * item and becomes its decision.
 */
export async function decide(
  ctx: WriteCtx,
  itemId: string,
  action: ModerationAction,
  reason: string | null,
): Promise<ModerationItem> {
  const staff = ctx.staff;
  if (!staff) throw new AppError('forbidden', 'Only staff decide');
  const { rows: found } = await ctx.tx.query<{ message_id: string }>(
    'SELECT message_id FROM moderation_items WHERE id = $1',
    [itemId],
  );
  const target = found[0];
  if (!target) throw new AppError('not_found', `No review-queue item with id ${itemId}`, { id: 'no such item' });
  // The message first, then its item: the order reports and escalations take them in.
  const row = await lockedMessage(ctx.tx, target.message_id);
  const { rows: locked } = await ctx.tx.query('SELECT 1 FROM moderation_items WHERE id = $1 FOR UPDATE', [itemId]);
  if (!row || locked.length === 0) {
    throw new AppError('not_found', `No review-queue item with id ${itemId}`, { id: 'no such item' });
  }
  const message = toMessage(row);
  if (action === 'dismiss' && message.removed) {
    throw new AppError('conflict', 'The message is removed: restore it instead of dismissing', {
      action: 'the message is removed',
    });
  }
  if (action === 'remove' && message.removed) {
    throw new AppError('conflict', 'The message is already removed', { action: 'the message is already removed' });
  }
  if (action === 'restore') {
    if (!message.removed) {
      throw new AppError('conflict', 'The message is not removed: nothing to restore', {
        action: 'the message is not removed',
      });
    }
    const { rows } = await ctx.tx.query<{ expired: boolean }>(
      `SELECT removed_at < now() - make_interval(days => $2) AS expired FROM chat_messages WHERE id = $1`,
      [message.id, MODERATION_RESTORE_DAYS],
    );
    if (rows[0]?.expired) {
      throw new AppError(
        'conflict',
        `The message was removed more than ${MODERATION_RESTORE_DAYS} days ago and can no longer be restored`,
        { action: `removed more than ${MODERATION_RESTORE_DAYS} days ago` },
      );
    }
  }
  if (action === 'remove' || action === 'restore') {
    const { rows } = await ctx.tx.query<MessageRow>(
      `UPDATE chat_messages m SET removed_at = CASE WHEN $2 THEN now() END, removed_reason = CASE WHEN $2 THEN $3 END
        WHERE m.id = $1 RETURNING ${MESSAGE_COLUMNS}`,
      [message.id, action === 'remove', reason],
    );
    const changed = toMessage(rows[0] as MessageRow);
    const session = await countAgain(ctx, message, action === 'remove' ? -1 : 1);
    ctx.events.push({ type: 'message.updated', message: changed, session });
  }
  await ctx.tx.query(
    `UPDATE moderation_items SET status = 'resolved', decision_action = $2, decision_reason = $3, decided_by = $4,
        decided_by_name = $5, decided_at = now(), updated_at = now()
      WHERE id = $1`,
    [itemId, action, reason, staff.id, staff.name],
  );
  ctx.audits.push({
    action: `moderation.${action}`,
    targetKind: 'moderationItem',
    targetId: itemId,
    details: { messageId: message.id, sessionId: message.sessionId, reason },
  });
  return itemChanged(ctx, itemId);
}
