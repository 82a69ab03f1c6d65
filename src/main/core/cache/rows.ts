// Cache row ↔ contract object. Times are kept as ISO-8601 strings in UTC ('…Z'), so text order is time order.
import { foldArabic } from '../../../shared/arabicFold.ts';
import type { Message, MessageFlag, Order, Product, Session, User } from '../../../shared/domain.ts';
import { sessionSearchText } from '../../../shared/search.ts';
import type { ActionPayload, QueuedAction } from './actions.ts';
import type { SqlValue } from './sessionQuery.ts';

export type Row = Record<string, SqlValue>;

/** Already the UTC form (what the backend sends): taken as it is, no Date made (a cold sync has millions). */
const UTC_FORM = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Any ISO-8601 instant → the UTC form the cache compares as text. */
export function utc(instant: string): string {
  if (UTC_FORM.test(instant)) return instant;
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : date.toISOString();
}

export const SESSION_COLUMNS = [
  'id',
  'product_id',
  'product_name',
  'product_key',
  'customer_id',
  'customer_name',
  'customer_key',
  'seller_id',
  'seller_name',
  'seller_key',
  'messages_count',
  'unread_count',
  'flagged_count',
  'last_message_at',
  'created_at',
  'updated_at',
  'search_text',
  'gen',
  'status',
  'assignee_id',
  'assignee_name',
  'assignee_key',
  'snoozed_until',
  'first_response_at',
  'resolved_at',
] as const;
export const SESSION_COLUMN_LIST = SESSION_COLUMNS.join(', ');
export const SESSION_PLACEHOLDERS = SESSION_COLUMNS.map(() => '?').join(', ');

/** A session's row in `sessions` (and `sessions_base`), by column. */
export type SessionRowValues = Record<(typeof SESSION_COLUMNS)[number], SqlValue>;

/**
 * foldArabic of the names sessions repeat (a product's, a customer's, a seller's, an assignee's): a cold sync folds
 * each of a million sessions' names, most of them seen before. Bounded: cleared when full.
 */
const foldedNames = new Map<string, string>();
const FOLDED_NAMES_MAX = 100_000;
function foldName(name: string): string {
  let folded = foldedNames.get(name);
  if (folded === undefined) {
    if (foldedNames.size >= FOLDED_NAMES_MAX) foldedNames.clear();
    folded = foldArabic(name);
    foldedNames.set(name, folded);
  }
  return folded;
}

export function sessionRow(s: Session, gen: number): SessionRowValues {
  return {
    id: s.id,
    product_id: s.product.id,
    product_name: s.product.name,
    product_key: foldName(s.product.name),
    customer_id: s.customer.id,
    customer_name: s.customer.name,
    customer_key: foldName(s.customer.name),
    seller_id: s.seller.id,
    seller_name: s.seller.name,
    seller_key: foldName(s.seller.name),
    messages_count: s.messagesCount,
    unread_count: s.unreadCount,
    flagged_count: s.flaggedCount,
    last_message_at: utc(s.lastMessageAt),
    created_at: utc(s.createdAt),
    updated_at: utc(s.updatedAt),
    search_text: sessionSearchText(s.product.name, s.customer.name, s.seller.name, foldName),
    gen,
    status: s.status,
    assignee_id: s.assigneeId,
    assignee_name: s.assigneeName,
    assignee_key: s.assigneeName === null ? null : foldName(s.assigneeName),
    snoozed_until: s.snoozedUntil && utc(s.snoozedUntil),
    first_response_at: s.firstResponseAt && utc(s.firstResponseAt),
    resolved_at: s.resolvedAt && utc(s.resolvedAt),
  };
}

/** The row kept in `sessions_base` for a session the backend does not have (absent = 1): only its id counts. */
export function absentSessionRow(id: string): SessionRowValues {
  return {
    id,
    product_id: '',
    product_name: '',
    product_key: '',
    customer_id: '',
    customer_name: '',
    customer_key: '',
    seller_id: '',
    seller_name: '',
    seller_key: '',
    messages_count: 0,
    unread_count: 0,
    flagged_count: 0,
    last_message_at: '',
    created_at: '',
    updated_at: '',
    search_text: '',
    gen: 0,
    status: 'open',
    assignee_id: null,
    assignee_name: null,
    assignee_key: null,
    snoozed_until: null,
    first_response_at: null,
    resolved_at: null,
  };
}

/**
 * A row's values in SESSION_COLUMNS order, for `VALUES (${SESSION_PLACEHOLDERS})`. Bound by position, not by name:
 * node:sqlite binds an object of named parameters about twice as slowly, and a cold sync writes every session.
 */
export function sessionParams(row: SessionRowValues): SqlValue[] {
  return SESSION_COLUMNS.map((column) => row[column]);
}

export function toSession(r: Row): Session {
  return {
    id: r.id as string,
    product: { id: r.product_id as string, name: r.product_name as string },
    customer: { id: r.customer_id as string, name: r.customer_name as string },
    seller: { id: r.seller_id as string, name: r.seller_name as string },
    messagesCount: Number(r.messages_count),
    unreadCount: Number(r.unread_count),
    flaggedCount: Number(r.flagged_count),
    lastMessageAt: r.last_message_at as string,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    status: r.status as Session['status'],
    assigneeId: (r.assignee_id as string | null) ?? null,
    assigneeName: (r.assignee_name as string | null) ?? null,
    snoozedUntil: (r.snoozed_until as string | null) ?? null,
    firstResponseAt: (r.first_response_at as string | null) ?? null,
    resolvedAt: (r.resolved_at as string | null) ?? null,
  };
}

export function toMessage(r: Row): Message {
  return {
    id: r.id as string,
    sessionId: r.session_id as string,
    kind: r.kind as Message['kind'],
    senderRole: r.sender_role as Message['senderRole'],
    senderId: r.sender_id as string,
    senderName: r.sender_name as string,
    body: r.body as string,
    flags: JSON.parse(r.flags as string) as MessageFlag[],
    readAt: (r.read_at as string | null) ?? (r.pending_read_at as string | null) ?? null,
    createdAt: r.created_at as string,
    // B9: a removed message, as staff read it.
    ...(Number(r.removed) === 1
      ? {
          removed: true as const,
          removedReason: (r.removed_reason as string | null) ?? null,
          ...(r.removed_at ? { removedAt: r.removed_at as string } : {}),
        }
      : {}),
  };
}

export function toUser(r: Row): User {
  return {
    id: r.id as string,
    name: r.name as string,
    email: r.email as string,
    role: r.role as User['role'],
    createdAt: r.created_at as string,
  };
}

export function toProduct(r: Row): Product {
  return {
    id: r.id as string,
    name: r.name as string,
    sellerId: r.seller_id as string,
    price: Number(r.price),
    currency: r.currency as string,
    createdAt: r.created_at as string,
  };
}

export function toOrder(r: Row): Order {
  return {
    id: r.id as string,
    customerId: r.customer_id as string,
    productId: r.product_id as string,
    status: r.status as Order['status'],
    quantity: Number(r.quantity),
    total: Number(r.total),
    currency: r.currency as string,
    createdAt: r.created_at as string,
  };
}

export function toAction(r: Row): QueuedAction {
  return {
    seq: Number(r.seq),
    id: r.id as string,
    kind: r.kind as QueuedAction['kind'],
    payload: JSON.parse(r.payload as string) as ActionPayload,
    state: r.state as QueuedAction['state'],
    attempts: Number(r.attempts),
    lastError: (r.last_error as string | null) ?? null,
    createdAt: r.created_at as string,
  };
}
