// The SQL of the session list (F3–F6, B3) over the cache: one WHERE builder shared by the grid's pages, bulk
// actions on "all matching" and export, and one ORDER BY per sort, each backed by an index (schema.ts).
import type { SessionFilter, SessionSort, SortOrder } from '../../../shared/api.ts';
import { foldArabic } from '../../../shared/arabicFold.ts';
import { likeContains } from '../../../shared/search.ts';

export type SqlValue = string | number | null;

/**
 * The expression each sort orders by. B10's nullable columns sort their empty values last going up (as the backend
 * does), through the same expressions as their indexes (schema.ts, migration 4).
 */
export const SORT_COLUMNS: Record<SessionSort, string> = {
  product: 'product_key',
  customer: 'customer_key',
  seller: 'seller_key',
  messagesCount: 'messages_count',
  unreadCount: 'unread_count',
  flaggedCount: 'flagged_count',
  lastMessageAt: 'last_message_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  status: 'status',
  assignee: 'ifnull(assignee_key, char(1114111))',
  snoozedUntil: "ifnull(snoozed_until, '~')",
  firstResponseAt: "ifnull(first_response_at, '~')",
  resolvedAt: "ifnull(resolved_at, '~')",
};

/** The index that walks each sort (schema.ts). */
export const SORT_INDEX: Record<SessionSort, string> = {
  product: 'sessions_by_product_name',
  customer: 'sessions_by_customer_name',
  seller: 'sessions_by_seller_name',
  messagesCount: 'sessions_by_messages',
  unreadCount: 'sessions_by_unread',
  flaggedCount: 'sessions_by_flagged',
  lastMessageAt: 'sessions_by_last_message',
  createdAt: 'sessions_by_created',
  updatedAt: 'sessions_by_updated',
  status: 'sessions_by_status',
  assignee: 'sessions_by_assignee',
  snoozedUntil: 'sessions_by_snoozed',
  firstResponseAt: 'sessions_by_first_response',
  resolvedAt: 'sessions_by_resolved',
};

/** `assignee: 'me'`: the staff account the cache belongs to (the core records it at sign-in, account.ts). */
const ME = `(SELECT json_extract(value, '$.staffId') FROM kv WHERE key = 'core.account')`;

/** B10's terms of a filter (status, assignee, snoozed), for the WHERE builders below. */
function workflowTerms(filter: SessionFilter, now: number, clauses: string[], params: SqlValue[], c = ''): void {
  if (filter.status) {
    clauses.push(`${c}status = ?`);
    params.push(filter.status);
  }
  if (filter.assignee === 'none') clauses.push(`${c}assignee_id IS NULL`);
  else if (filter.assignee === 'me') clauses.push(`${c}assignee_id = ${ME}`);
  else if (filter.assignee === 'meOrNone') clauses.push(`(${c}assignee_id IS NULL OR ${c}assignee_id = ${ME})`);
  else if (filter.assignee) {
    clauses.push(`${c}assignee_id = ?`);
    params.push(filter.assignee);
  }
  if (filter.snoozed !== undefined) {
    clauses.push(filter.snoozed ? `${c}snoozed_until > ?` : `(${c}snoozed_until IS NULL OR ${c}snoozed_until <= ?)`);
    params.push(new Date(now).toISOString());
  }
}

export interface WhereClause {
  sql: string;
  params: SqlValue[];
}

/** The products, customers and sellers whose (folded) names contain the search: the search as indexed ids. */
export interface SearchMatches {
  products: string[];
  customers: string[];
  sellers: string[];
}

/**
 * The WHERE clause of a filter. `now` fixes "the last N days" so a page and its total agree. With `matches`, the
 * search becomes "product, customer or seller among these ids" (index lookups) instead of a scan of the folded
 * names; both select the same sessions, as the names on a session are those of its product and people.
 */
export function sessionWhere(filter: SessionFilter, now: number, matches?: SearchMatches | null): WhereClause {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  const folded = filter.search ? foldArabic(filter.search) : '';
  // With the search as ids, its indexes lead; the other terms only check rows (unary + hides their indexes).
  const c = matches ? '+' : '';
  if (folded && matches) {
    clauses.push(
      `(product_id IN (SELECT value FROM json_each(?)) OR customer_id IN (SELECT value FROM json_each(?))
        OR seller_id IN (SELECT value FROM json_each(?)))`,
    );
    params.push(JSON.stringify(matches.products), JSON.stringify(matches.customers), JSON.stringify(matches.sellers));
  } else if (folded) {
    clauses.push(`search_text LIKE ? ESCAPE '\\'`);
    params.push(likeContains(folded));
  }
  if (filter.customerId) {
    clauses.push('customer_id = ?');
    params.push(filter.customerId);
  }
  if (filter.sellerId) {
    clauses.push('seller_id = ?');
    params.push(filter.sellerId);
  }
  if (filter.productId) {
    clauses.push('product_id = ?');
    params.push(filter.productId);
  }
  if (filter.hasUnread === true) clauses.push(`${c}unread_count > 0`);
  if (filter.hasUnread === false) clauses.push(`${c}unread_count = 0`);
  if (filter.flagged === true) clauses.push(`${c}flagged_count > 0`);
  if (filter.flagged === false) clauses.push(`${c}flagged_count = 0`);
  if (filter.activeWithinDays) {
    clauses.push(`${c}last_message_at >= ?`);
    params.push(new Date(now - filter.activeWithinDays * 86_400_000).toISOString());
  }
  workflowTerms(filter, now, clauses, params, c);
  return { sql: clauses.length ? clauses.join(' AND ') : '1', params };
}

/**
 * A search resolved to ids as a UNION of one SELECT per kind that matched, each answered by that kind's index alone
 * (sessions_of_product/customer/seller carry last_message_at, unread_count and flagged_count, the columns of the
 * other filters): the rowids of the matching sessions, with `k` = last_message_at when `withKey`. Null when nothing
 * matched. Only for filters without a participant or product id (those do not resolve the search to ids).
 */
export function matchBranches(
  filter: SessionFilter,
  now: number,
  matches: SearchMatches,
  withKey: boolean,
  /** UNION ALL (a session matched by several names comes once per name) instead of UNION. */
  all = false,
): WhereClause | null {
  const extra: string[] = [];
  const extraParams: SqlValue[] = [];
  if (filter.hasUnread === true) extra.push('unread_count > 0');
  if (filter.hasUnread === false) extra.push('unread_count = 0');
  if (filter.flagged === true) extra.push('flagged_count > 0');
  if (filter.flagged === false) extra.push('flagged_count = 0');
  if (filter.activeWithinDays) {
    extra.push('last_message_at >= ?');
    extraParams.push(new Date(now - filter.activeWithinDays * 86_400_000).toISOString());
  }
  workflowTerms(filter, now, extra, extraParams);
  const branches: string[] = [];
  const params: SqlValue[] = [];
  for (const [kind, column, index] of [
    ['products', 'product_id', 'sessions_of_product'],
    ['customers', 'customer_id', 'sessions_of_customer'],
    ['sellers', 'seller_id', 'sessions_of_seller'],
  ] as const) {
    if (matches[kind].length === 0) continue;
    branches.push(
      `SELECT rowid AS r${withKey ? ', last_message_at AS k' : ''} FROM sessions INDEXED BY ${index}
        WHERE ${column} IN (SELECT value FROM json_each(?))${extra.map((e) => ` AND ${e}`).join('')}`,
    );
    params.push(JSON.stringify(matches[kind]), ...extraParams);
  }
  if (branches.length === 0) return null;
  return { sql: branches.join(all ? ' UNION ALL ' : ' UNION '), params };
}

/** `collect`: sort the (few) matching rows instead of walking the sort's index (unary + hides the index). */
export function sessionOrderBy(sort: SessionSort, order: SortOrder, collect = false): string {
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  return `${collect ? '+' : ''}${SORT_COLUMNS[sort]} ${dir}, id ${dir}`;
}

/** A stable key of a filter for the memo of totals ("the last N days" and "snoozed" rounded to the minute). */
export function filterKey(filter: SessionFilter, now: number): string {
  const minute = Math.floor(now / 60_000);
  return JSON.stringify([
    filter.search ? foldArabic(filter.search) : '',
    filter.customerId ?? '',
    filter.sellerId ?? '',
    filter.productId ?? '',
    filter.hasUnread ?? null,
    filter.flagged ?? null,
    filter.activeWithinDays ? [filter.activeWithinDays, minute] : null,
    filter.status ?? '',
    filter.assignee ?? '',
    filter.snoozed === undefined ? null : [filter.snoozed, minute],
  ]);
}

export function isEmptyFilter(filter: SessionFilter): boolean {
  return (
    !(filter.search && foldArabic(filter.search)) &&
    !filter.customerId &&
    !filter.sellerId &&
    !filter.productId &&
    filter.hasUnread === undefined &&
    filter.flagged === undefined &&
    !filter.activeWithinDays &&
    !filter.status &&
    !filter.assignee &&
    filter.snoozed === undefined
  );
}
