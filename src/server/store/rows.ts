// Row → contract object mappers, and the column lists they expect. One place, so every route and event sends
// the same shape.
import type { ParticipantMessage } from '../../shared/api.ts';
import {
  type AuditEntry,
  type CannedReply,
  type Message,
  type MessageFlag,
  type MessageKind,
  type Order,
  type ParticipantSession,
  type Product,
  SESSION_WORKFLOW_FIELDS,
  type Session,
  type SessionStatus,
  type Staff,
  type User,
} from '../../shared/domain.ts';

/** A column list (`s.id, s.name`) with each column named `<prefix><column>`: two tables' rows in one result row. */
export function prefixed(columns: string, prefix: string): string {
  return columns
    .split(',')
    .map((c) => c.trim())
    .map((c) => `${c} AS ${prefix}${c.slice(c.indexOf('.') + 1)}`)
    .join(', ');
}

/** The columns of `row` named `<prefix><column>`, by their own names (see prefixed). */
export function unprefixed<T>(row: Record<string, unknown>, prefix: string): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
  return out as T;
}

export const SESSION_COLUMNS = `s.id, s.product_id, s.product_name, s.customer_id, s.customer_name, s.seller_id,
  s.seller_name, s.messages_count, s.unread_count, s.flagged_count, s.last_message_at, s.created_at, s.updated_at,
  s.status, s.assignee_id, s.assignee_name, s.snoozed_until, s.first_response_at, s.resolved_at`;

export interface SessionRow {
  id: string;
  product_id: string;
  product_name: string;
  customer_id: string;
  customer_name: string;
  seller_id: string;
  seller_name: string;
  messages_count: number;
  unread_count: number;
  flagged_count: number;
  last_message_at: string;
  created_at: string;
  updated_at: string;
  status: SessionStatus;
  assignee_id: string | null;
  assignee_name: string | null;
  snoozed_until: string | null;
  first_response_at: string | null;
  resolved_at: string | null;
}

export const toSession = (r: SessionRow): Session => ({
  id: r.id,
  product: { id: r.product_id, name: r.product_name },
  customer: { id: r.customer_id, name: r.customer_name },
  seller: { id: r.seller_id, name: r.seller_name },
  messagesCount: r.messages_count,
  unreadCount: r.unread_count,
  flaggedCount: r.flagged_count,
  lastMessageAt: r.last_message_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  status: r.status,
  assigneeId: r.assignee_id,
  assigneeName: r.assignee_name,
  snoozedUntil: r.snoozed_until,
  firstResponseAt: r.first_response_at,
  resolvedAt: r.resolved_at,
});

/** A session as its customer or seller sees it (`/me`): without B10's workflow fields, which are staff business. */
export function participantSession(session: Session): ParticipantSession {
  const shown: Record<string, unknown> = { ...session };
  for (const field of SESSION_WORKFLOW_FIELDS) delete shown[field];
  return shown as ParticipantSession;
}

export const MESSAGE_COLUMNS = `m.id, m.session_id, m.kind, m.sender_role, m.sender_id, m.sender_name, m.body, m.flags,
  m.read_at, m.created_at, m.removed_at, m.removed_reason, m.recipient_id`;
export interface MessageRow {
  id: string;
  session_id: string;
  kind: MessageKind;
  sender_role: Message['senderRole'];
  sender_id: string;
  sender_name: string;
  body: string;
  flags: string[];
  read_at: string | null;
  created_at: string;
  removed_at: string | null;
  removed_reason: string | null;
  recipient_id: string | null;
}
/**
 * A message as staff see it; B9's removal fields only on a removed message (the desk's cache does not keep them), and
 * the recipient only on a system message.
 */
export const toMessage = (r: MessageRow): Message => ({
  id: r.id,
  sessionId: r.session_id,
  kind: r.kind,
  senderRole: r.sender_role,
  senderId: r.sender_id,
  senderName: r.sender_name,
  body: r.body,
  flags: r.flags as MessageFlag[],
  readAt: r.read_at,
  createdAt: r.created_at,
  ...(r.removed_at ? { removed: true as const, removedReason: r.removed_reason, removedAt: r.removed_at } : {}),
  ...(r.recipient_id ? { recipientId: r.recipient_id } : {}),
});

/** A message as its customer and seller read it (B9): a removed one without its body and flags. */
export function participantMessage(message: Message): ParticipantMessage {
  const { removedAt: _removedAt, ...shown } = message;
  return shown.removed ? { ...shown, body: null, flags: [] } : shown;
}

export const USER_COLUMNS = 'u.id, u.name, u.email, u.role, u.created_at';
export const toUser = (r: { id: string; name: string; email: string; role: string; created_at: string }): User => ({
  id: r.id,
  name: r.name,
  email: r.email,
  role: r.role as User['role'],
  createdAt: r.created_at,
});

export const PRODUCT_COLUMNS = 'p.id, p.name, p.seller_id, p.price, p.currency, p.created_at';
export const toProduct = (r: {
  id: string;
  name: string;
  seller_id: string;
  price: number;
  currency: string;
  created_at: string;
}): Product => ({
  id: r.id,
  name: r.name,
  sellerId: r.seller_id,
  price: r.price,
  currency: r.currency,
  createdAt: r.created_at,
});

export const ORDER_COLUMNS =
  'o.id, o.customer_id, o.product_id, o.status, o.quantity, o.total, o.currency, o.created_at';
export const toOrder = (r: {
  id: string;
  customer_id: string;
  product_id: string;
  status: string;
  quantity: number;
  total: number;
  currency: string;
  created_at: string;
}): Order => ({
  id: r.id,
  customerId: r.customer_id,
  productId: r.product_id,
  status: r.status as Order['status'],
  quantity: r.quantity,
  total: r.total,
  currency: r.currency,
  createdAt: r.created_at,
});

export const toStaff = (r: { id: string; name: string; email: string; role: string }): Staff => ({
  id: r.id,
  name: r.name,
  email: r.email,
  role: r.role as Staff['role'],
});

export const toAudit = (r: {
  id: string;
  at: string;
  staff_id: string | null;
  staff_name: string | null;
  action: string;
  target_kind: string;
  target_id: string | null;
  details: Record<string, unknown>;
}): AuditEntry => ({
  id: r.id,
  at: r.at,
  staff: r.staff_id ? { id: r.staff_id, name: r.staff_name ?? '' } : null,
  action: r.action,
  targetKind: r.target_kind,
  targetId: r.target_id,
  details: r.details,
});

export const CANNED_REPLY_COLUMNS = 'c.id, c.shortcut, c.title, c.body, c.language, c.created_at, c.updated_at';
export const toCannedReply = (r: {
  id: string;
  shortcut: string;
  title: string;
  body: string;
  language: string;
  created_at: string;
  updated_at: string;
}): CannedReply => ({
  id: r.id,
  shortcut: r.shortcut,
  title: r.title,
  body: r.body,
  language: r.language as CannedReply['language'],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
