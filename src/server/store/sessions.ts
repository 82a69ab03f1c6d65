// Chat sessions: list (F2–F6), create/edit (F7, F9), bulk delete and mark-read (F8). Every write keeps the
// denormalised names, the folded search text and the counters in step, and emits the session's new state.
import {
  type BulkTarget,
  SESSION_TOTAL_EXACT_UP_TO,
  type SessionFilter,
  type SessionListPage,
  type SessionListQuery,
} from '../../shared/api.ts';
import { foldArabic } from '../../shared/arabicFold.ts';
import type { Session } from '../../shared/domain.ts';
import { AppError, moreThanConfirmed } from '../../shared/errors.ts';
import { checkParties, type Parties, type PartiesInput, partiesSellerId } from '../../shared/parties.ts';
import { likeContains, sessionSearchText } from '../../shared/search.ts';
import { prepared, type Queryable } from '../db/db.ts';
import type { WriteCtx } from './context.ts';
import { SESSION_COLUMNS, type SessionRow, toSession } from './rows.ts';

const SORT_COLUMNS: Record<SessionListQuery['sort'], string> = {
  product: 's.product_name',
  customer: 's.customer_name',
  seller: 's.seller_name',
  messagesCount: 's.messages_count',
  unreadCount: 's.unread_count',
  flaggedCount: 's.flagged_count',
  lastMessageAt: 's.last_message_at',
  createdAt: 's.created_at',
  updatedAt: 's.updated_at',
  status: 's.status',
  assignee: 's.assignee_name',
  snoozedUntil: 's.snoozed_until',
  firstResponseAt: 's.first_response_at',
  resolvedAt: 's.resolved_at',
};

/** The WHERE clause of a session filter; appends its parameters to `params`. `me`: who `assignee=me` is. */
export function sessionWhere(filter: SessionFilter, params: unknown[], me: string | null = null): string {
  const clauses: string[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.search) {
    const folded = foldArabic(filter.search);
    if (folded) clauses.push(`s.search_text LIKE ${add(likeContains(folded))}`);
  }
  if (filter.customerId) clauses.push(`s.customer_id = ${add(filter.customerId)}`);
  if (filter.sellerId) clauses.push(`s.seller_id = ${add(filter.sellerId)}`);
  if (filter.productId) clauses.push(`s.product_id = ${add(filter.productId)}`);
  if (filter.hasUnread === true) clauses.push('s.unread_count > 0');
  if (filter.hasUnread === false) clauses.push('s.unread_count = 0');
  if (filter.flagged === true) clauses.push('s.flagged_count > 0');
  if (filter.flagged === false) clauses.push('s.flagged_count = 0');
  if (filter.activeWithinDays) {
    clauses.push(`s.last_message_at >= now() - make_interval(days => ${add(filter.activeWithinDays)})`);
  }
  if (filter.status) clauses.push(`s.status = ${add(filter.status)}`);
  if (filter.assignee === 'none') clauses.push('s.assignee_id IS NULL');
  else if (filter.assignee === 'me') clauses.push(me ? `s.assignee_id = ${add(me)}::uuid` : 'false');
  else if (filter.assignee === 'meOrNone') {
    clauses.push(me ? `(s.assignee_id IS NULL OR s.assignee_id = ${add(me)}::uuid)` : 's.assignee_id IS NULL');
  } else if (filter.assignee) clauses.push(`s.assignee_id = ${add(filter.assignee)}::uuid`);
  if (filter.snoozed === true) clauses.push('s.snoozed_until > now()');
  if (filter.snoozed === false) clauses.push('(s.snoozed_until IS NULL OR s.snoozed_until <= now())');
  return clauses.length ? clauses.join(' AND ') : 'true';
}

export async function listSessions(
  db: Queryable,
  query: SessionListQuery,
  me: string | null = null,
): Promise<SessionListPage> {
  const params: unknown[] = [];
  const where = sessionWhere(query, params, me);
  const column = SORT_COLUMNS[query.sort];
  const dir = query.order === 'asc' ? 'ASC' : 'DESC';
  const listParams = [...params, query.limit, query.offset];
  const page = `SELECT s.id, ${column} AS sort_key FROM chat_sessions s WHERE ${where}
    ORDER BY ${column} ${dir}, s.id ${dir} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`;
  const [rows, total] = await Promise.all([
    // A page past the first skips the rows before it by the sort's index alone (an index-only scan of its key and
    // id), then reads the page's rows: skipping 10,000 rows of the heap took 190 ms at 1,000,000 sessions, this 5.
    db.query<SessionRow>(
      query.offset > 0
        ? `SELECT ${SESSION_COLUMNS} FROM (${page}) p JOIN chat_sessions s ON s.id = p.id
            ORDER BY p.sort_key ${dir}, p.id ${dir}`
        : `SELECT ${SESSION_COLUMNS} FROM chat_sessions s WHERE ${where}
            ORDER BY ${column} ${dir}, s.id ${dir} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      listParams,
    ),
    listTotal(db, where, params),
  ]);
  return { items: rows.rows.map(toSession), ...total };
}

/**
 * The list's total without counting a million rows: unfiltered, the kept counter (migration 008); filtered, an exact
 * count of at most SESSION_TOTAL_EXACT_UP_TO + 1 matches, and above that the planner's estimate, marked not exact.
 */
async function listTotal(
  db: Queryable,
  where: string,
  params: unknown[],
): Promise<{ total: number; totalExact: boolean }> {
  if (where === 'true') {
    const { rows } = await db.query<{ n: number }>('SELECT coalesce(sum(sessions), 0)::int AS n FROM session_totals');
    return { total: rows[0]?.n ?? 0, totalExact: true };
  }
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM chat_sessions s WHERE ${where} LIMIT ${SESSION_TOTAL_EXACT_UP_TO + 1}) m`,
    params,
  );
  const counted = rows[0]?.n ?? 0;
  if (counted <= SESSION_TOTAL_EXACT_UP_TO) return { total: counted, totalExact: true };
  const { rows: plan } = await db.query<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM chat_sessions s WHERE ${where}`,
    params,
  );
  const estimate = Math.round(plan[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0);
  return { total: Math.max(estimate, counted), totalExact: false };
}

/** Read by every message's write (prepared: parsed and planned once per connection). */
const SESSION_BY_ID = prepared(`SELECT ${SESSION_COLUMNS} FROM chat_sessions s WHERE s.id = $1`);

export async function getSession(db: Queryable, id: string): Promise<Session | null> {
  const { rows } = await db.query<SessionRow>(SESSION_BY_ID, [id]);
  return rows[0] ? toSession(rows[0]) : null;
}

export async function requireSession(db: Queryable, id: string, field = 'id'): Promise<Session> {
  const session = await getSession(db, id);
  if (!session) throw new AppError('not_found', `No chat session with id ${id}`, { [field]: 'no such session' });
  return session;
}

/** Looks the product, customer and seller up and judges them by the shared rule (checkParties). */
export async function resolveParties(db: Queryable, input: PartiesInput): Promise<Parties> {
  const { rows: products } = await db.query<{ id: string; name: string; seller_id: string }>(
    'SELECT id, name, seller_id FROM products WHERE id = $1',
    [input.productId],
  );
  const row = products[0];
  const product = row ? { id: row.id, name: row.name, sellerId: row.seller_id } : undefined;
  const sellerId = partiesSellerId(input, product);
  const ids = [input.customerId, ...(sellerId ? [sellerId] : [])];
  const { rows: users } = await db.query<{ id: string; name: string; role: string }>(
    'SELECT id, name, role FROM users WHERE id = ANY($1::uuid[])',
    [ids],
  );
  const byId = new Map(users.map((u) => [u.id, u]));
  return checkParties(input, {
    product,
    customer: byId.get(input.customerId),
    seller: sellerId ? byId.get(sellerId) : undefined,
  });
}

export async function createSession(
  ctx: WriteCtx,
  input: {
    id?: string | undefined;
    productId: string;
    customerId: string;
    sellerId?: string | undefined;
    lastMessageAt?: string | undefined;
  },
): Promise<{ session: Session; created: boolean }> {
  if (input.id) {
    const existing = await getSession(ctx.tx, input.id);
    if (existing) return { session: sameSessionOrConflict(existing, input), created: false };
  }
  const p = await resolveParties(ctx.tx, input);
  const { rows } = await ctx.tx.query<SessionRow>(
    `INSERT INTO chat_sessions AS s (id, product_id, customer_id, seller_id, product_name, customer_name, seller_name,
        search_text, last_message_at)
     VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8, coalesce($9::timestamptz, now()))
     RETURNING ${SESSION_COLUMNS}`,
    [
      input.id ?? null,
      p.product.id,
      p.customer.id,
      p.seller.id,
      p.product.name,
      p.customer.name,
      p.seller.name,
      sessionSearchText(p.product.name, p.customer.name, p.seller.name),
      input.lastMessageAt ?? null,
    ],
  );
  const session = toSession(rows[0] as SessionRow);
  ctx.events.push({ type: 'session.upserted', session });
  ctx.audits.push({ action: 'session.create', targetKind: 'session', targetId: session.id, details: { ...input } });
  return { session, created: true };
}

function sameSessionOrConflict(
  existing: Session,
  input: { productId: string; customerId: string; sellerId?: string | undefined },
): Session {
  const same =
    existing.product.id === input.productId &&
    existing.customer.id === input.customerId &&
    (!input.sellerId || existing.seller.id === input.sellerId);
  if (!same) throw new AppError('conflict', 'A different session already has this id', { id: 'is already taken' });
  return existing;
}

export async function patchSession(
  ctx: WriteCtx,
  id: string,
  patch: {
    productId?: string | undefined;
    customerId?: string | undefined;
    sellerId?: string | undefined;
    lastMessageAt?: string | undefined;
  },
): Promise<Session> {
  const current = await requireSession(ctx.tx, id);
  const p = await resolveParties(ctx.tx, {
    productId: patch.productId ?? current.product.id,
    customerId: patch.customerId ?? current.customer.id,
    sellerId: patch.sellerId ?? current.seller.id,
  });
  const { rows } = await ctx.tx.query<SessionRow>(
    `UPDATE chat_sessions s SET product_id = $2, customer_id = $3, seller_id = $4, product_name = $5,
        customer_name = $6, seller_name = $7, search_text = $8,
        last_message_at = coalesce($9::timestamptz, last_message_at), updated_at = now()
      WHERE s.id = $1 RETURNING ${SESSION_COLUMNS}`,
    [
      id,
      p.product.id,
      p.customer.id,
      p.seller.id,
      p.product.name,
      p.customer.name,
      p.seller.name,
      sessionSearchText(p.product.name, p.customer.name, p.seller.name),
      patch.lastMessageAt ?? null,
    ],
  );
  const session = toSession(rows[0] as SessionRow);
  ctx.events.push({ type: 'session.upserted', session });
  ctx.audits.push({ action: 'session.update', targetKind: 'session', targetId: id, details: { ...patch } });
  return session;
}

/**
 * The WHERE clause of a bulk target. "All matching" is bounded by when the person confirmed (`asOf`: sessions
 * created since are left alone) and refused with 409 and the current count when it now matches more sessions than
 * they confirmed; nothing is changed then.
 */
export async function targetWhere(
  db: Queryable,
  target: BulkTarget,
  params: unknown[],
  me: string | null = null,
): Promise<string> {
  if ('ids' in target) {
    params.push(target.ids);
    return `s.id = ANY($${params.length}::uuid[])`;
  }
  const { filter, asOf } = target.allMatching;
  const where = `${sessionWhere(filter, params, me)} AND s.created_at <= $${params.push(asOf)}::timestamptz`;
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM chat_sessions s WHERE ${where}`,
    params,
  );
  checkConfirmed(target, rows[0]?.n ?? 0);
  return where;
}

/**
 * 409 with the current count when an "all matching" target touches more sessions than the person confirmed. Called
 * before the write (the count), and after it with the sessions the write touched: a session that started matching
 * between the two statements (READ COMMITTED) makes the write fail and roll back rather than exceed the confirmation.
 */
export function checkConfirmed(target: BulkTarget, current: number): void {
  if (!('allMatching' in target) || current <= target.allMatching.confirmedCount) return;
  throw moreThanConfirmed(current, target.allMatching.confirmedCount, 'allMatching.confirmedCount');
}

/** `received`: the target as the request sent it, for the audit log (defaults to the parsed one). */
export async function deleteSessions(ctx: WriteCtx, target: BulkTarget, received: unknown = target): Promise<number> {
  const params: unknown[] = [];
  const where = await targetWhere(ctx.tx, target, params, ctx.staff?.id ?? null);
  const { rows } = await ctx.tx.query<{ id: string }>(
    `DELETE FROM chat_sessions s WHERE ${where} RETURNING s.id`,
    params,
  );
  checkConfirmed(target, rows.length);
  for (const r of rows) ctx.events.push({ type: 'session.deleted', sessionId: r.id });
  ctx.audits.push({
    action: 'session.delete',
    targetKind: 'session',
    targetId: rows.length === 1 ? (rows[0]?.id ?? null) : null,
    details: { target: received, affected: rows.length, ids: rows.slice(0, 100).map((r) => r.id) },
  });
  return rows.length;
}

/**
 * Marks every unread customer/seller message of the target sessions read, fixes their unread counters and emits
 * one `messages.read` per session. Staff messages are left alone: they are read by the participants.
 */
export async function markSessionsRead(ctx: WriteCtx, target: BulkTarget, received: unknown = target): Promise<number> {
  const params: unknown[] = [];
  const where = await targetWhere(ctx.tx, target, params, ctx.staff?.id ?? null);
  const { rows } = await ctx.tx.query<SessionRow & { ids: string[]; read_at: string }>(
    `WITH target AS (
       SELECT s.id FROM chat_sessions s WHERE ${where} AND s.unread_count > 0 ORDER BY s.id FOR UPDATE
     ), marked AS (
       UPDATE chat_messages m SET read_at = now() FROM target t
        WHERE m.session_id = t.id AND m.read_at IS NULL AND m.sender_role <> 'staff'
       RETURNING m.id, m.session_id
     ), per AS (
       SELECT session_id, array_agg(id) AS ids, count(*)::int AS n FROM marked GROUP BY session_id
     ), updated AS (
       UPDATE chat_sessions s SET unread_count = greatest(s.unread_count - per.n, 0), updated_at = now()
         FROM per WHERE s.id = per.session_id
       RETURNING ${SESSION_COLUMNS}
     )
     SELECT s.*, per.ids, now()::timestamptz(3) AS read_at FROM updated s JOIN per ON per.session_id = s.id`,
    params,
  );
  checkConfirmed(target, rows.length);
  let affected = 0;
  for (const r of rows) {
    affected += r.ids.length;
    ctx.events.push({ type: 'messages.read', messageIds: r.ids, readAt: r.read_at, session: toSession(r) });
  }
  ctx.audits.push({
    action: 'session.markRead',
    targetKind: 'session',
    targetId: rows.length === 1 ? (rows[0]?.id ?? null) : null,
    details: { target: received, sessions: rows.length, messages: affected },
  });
  return affected;
}

/** Unread messages over every session (F1): the kept counter's 64 slots (migration 008), not a sum over sessions. */
export async function unreadTotal(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ total: string | number }>(
    'SELECT coalesce(sum(unread), 0)::bigint AS total FROM session_totals',
  );
  return Number(rows[0]?.total ?? 0);
}
