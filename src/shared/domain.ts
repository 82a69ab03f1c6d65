// The marketplace's domain as the backend serves it and the desk caches it. Every id is a UUID so the desk
// can create sessions and messages offline and replay them without collisions (ARCHITECTURE.md, outbox).
import { z } from 'zod';

export const Id = z.uuid({ error: 'must be a UUID' });
export type Id = z.infer<typeof Id>;

/** An instant, serialised as an ISO-8601 string with a time zone (the API never sends naked local times). */
export const Instant = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with a time zone' });
export type Instant = z.infer<typeof Instant>;

export const UserRole = z.enum(['customer', 'seller']);
export type UserRole = z.infer<typeof UserRole>;

export const User = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  role: UserRole,
  createdAt: Instant,
});
export type User = z.infer<typeof User>;

export const Product = z.object({
  id: Id,
  name: z.string(),
  sellerId: Id,
  price: z.number(),
  currency: z.string(),
  createdAt: Instant,
});
export type Product = z.infer<typeof Product>;

export const OrderStatus = z.enum(['pending', 'paid', 'shipped', 'delivered', 'cancelled']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const Order = z.object({
  id: Id,
  customerId: Id,
  productId: Id,
  status: OrderStatus,
  quantity: z.number().int(),
  total: z.number(),
  currency: z.string(),
  createdAt: Instant,
});
export type Order = z.infer<typeof Order>;

/** A name reference as the session list shows it. */
export const NamedRef = z.object({ id: Id, name: z.string() });
export type NamedRef = z.infer<typeof NamedRef>;

/** A session's place in the agents' workflow (B10). Sorted in this order (alphabetical too). */
export const SessionStatus = z.enum(['open', 'pending', 'resolved']);
export type SessionStatus = z.infer<typeof SessionStatus>;

/**
 * A chat session with its counters. `messagesCount`, `unreadCount` and `flaggedCount` are kept by the backend in the
 * same transaction as each message change (no list query counts messages). `unreadCount` counts messages from the
 * customer or the seller that nobody has read; staff messages never count as unread for staff.
 */
export const Session = z.object({
  id: Id,
  product: NamedRef,
  customer: NamedRef,
  seller: NamedRef,
  messagesCount: z.number().int().nonnegative(),
  unreadCount: z.number().int().nonnegative(),
  flaggedCount: z.number().int().nonnegative(),
  lastMessageAt: Instant,
  createdAt: Instant,
  updatedAt: Instant,
  // B10, the agent workflow: on staff routes, snapshots and events (never on `/me` routes).
  /** `open` until staff mark it `pending` (waiting on the participant) or `resolved`; a customer or seller
   *  message makes it `open` again. */
  status: SessionStatus,
  /** The staff account it is assigned to, null when unassigned. */
  assigneeId: Id.nullable(),
  /** That account's name (copied like the party names, for display and sorting), null when unassigned. */
  assigneeName: z.string().nullable(),
  /** Hidden from the open view (`snoozed=false`) until this instant; cleared by a customer or seller message. */
  snoozedUntil: Instant.nullable(),
  /** The first staff reply after the customer's first message; null until there is one. */
  firstResponseAt: Instant.nullable(),
  /** When it was last resolved; null unless `status` is `resolved`. */
  resolvedAt: Instant.nullable(),
});
export type Session = z.infer<typeof Session>;
/** The agent-workflow fields of a session (B10), which the participants' `/me` routes never show. */
export const SESSION_WORKFLOW_FIELDS = [
  'status',
  'assigneeId',
  'assigneeName',
  'snoozedUntil',
  'firstResponseAt',
  'resolvedAt',
] as const satisfies ReadonlyArray<keyof Session>;
/** A session as its customer or seller sees it (`/me` routes): without the workflow fields. */
export const ParticipantSession = Session.omit({
  status: true,
  assigneeId: true,
  assigneeName: true,
  snoozedUntil: true,
  firstResponseAt: true,
  resolvedAt: true,
});
export type ParticipantSession = z.infer<typeof ParticipantSession>;
/** The workflow fields of a session nobody has triaged yet: open, unassigned, not snoozed, not answered. */
export const NEW_SESSION_WORKFLOW = {
  status: 'open',
  assigneeId: null,
  assigneeName: null,
  snoozedUntil: null,
  firstResponseAt: null,
  resolvedAt: null,
} as const satisfies Pick<Session, (typeof SESSION_WORKFLOW_FIELDS)[number]>;

export const SenderRole = z.enum(['customer', 'seller', 'staff']);
export type SenderRole = z.infer<typeof SenderRole>;

/** Why a message was flagged for moderators (B3). */
export const MessageFlag = z.enum(['phone', 'email', 'link', 'blocklisted']);
export type MessageFlag = z.infer<typeof MessageFlag>;

/**
 * `message`: part of the conversation. `note` (B10): an internal note by staff, only in the staff message list and
 * feed, never shown to participants and never counted (messages, unread, flagged) nor touching the session's times.
 * `system` (B9): a notice from the marketplace to one participant (a moderator's warning), sent as staff: read by that
 * participant (`recipientId`) and by staff, never by the other party; like a note, never counted (messages, unread,
 * flagged) nor touching the session's times or workflow.
 */
export const MessageKind = z.enum(['message', 'note', 'system']);
export type MessageKind = z.infer<typeof MessageKind>;

export const Message = z.object({
  id: Id,
  sessionId: Id,
  kind: MessageKind,
  senderRole: SenderRole,
  /** The user id for customer/seller messages, the staff id for staff messages. */
  senderId: Id,
  senderName: z.string(),
  body: z.string(),
  flags: z.array(MessageFlag),
  readAt: Instant.nullable(),
  createdAt: Instant,
  // B9: sent only for a message a moderator removed (hidden from the participants, restorable for
  // MODERATION_RESTORE_DAYS); staff still read its body.
  removed: z.literal(true).optional(),
  removedReason: z.string().nullable().optional(),
  removedAt: Instant.optional(),
  /** B9: sent only on a system message: the participant it is for (the only one of the two who reads it). */
  recipientId: Id.optional(),
});
export type Message = z.infer<typeof Message>;

export const Settings = z.object({
  chatMobileEnabled: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export const StaffRole = z.enum(['agent', 'moderator', 'manager', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;

export const Staff = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  role: StaffRole,
});
export type Staff = z.infer<typeof Staff>;

/** What each staff role may do (B4). The backend enforces it; the interface hides what the role cannot do. */
export const Permission = z.enum([
  'sessions.read',
  'sessions.write', // create and edit sessions by hand
  'messages.reply',
  'messages.markRead',
  'messages.delete',
  'sessions.delete',
  'export',
  'settings.write',
  'audit.read',
  'staff.manage',
  'sessions.triage', // B10: status, snooze, and assigning oneself or unassigning oneself
  'sessions.assign', // B10: assign any session to anyone, or unassign anyone
  'cannedReplies.manage', // B10: create, edit and delete canned replies (everybody reads them)
  'moderation.read', // B9: the review queue and its counts
  'moderation.decide', // B9: dismiss, remove and restore queued messages
  'moderation.escalate', // B9: send a message to the review queue with a note
]);
export type Permission = z.infer<typeof Permission>;

export const rolePermissions: Record<StaffRole, readonly Permission[]> = {
  agent: ['sessions.read', 'messages.reply', 'messages.markRead', 'sessions.triage', 'moderation.escalate'],
  moderator: [
    'sessions.read',
    'messages.reply',
    'messages.markRead',
    'messages.delete',
    'sessions.delete',
    'sessions.triage',
    'sessions.assign',
    'moderation.read',
    'moderation.decide',
    'moderation.escalate',
  ],
  manager: [
    'sessions.read',
    'messages.reply',
    'messages.markRead',
    'messages.delete',
    'sessions.delete',
    'export',
    'settings.write',
    'audit.read',
    'sessions.triage',
    'sessions.assign',
    'cannedReplies.manage',
    'moderation.read',
    'moderation.escalate',
  ],
  admin: Permission.options,
};

export function can(role: StaffRole, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

export const AuditEntry = z.object({
  id: Id,
  at: Instant,
  staff: NamedRef.nullable(),
  action: z.string(),
  targetKind: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The languages a canned reply is written in (the interface's languages). */
export const CannedReplyLanguage = z.enum(['en', 'ar']);
export type CannedReplyLanguage = z.infer<typeof CannedReplyLanguage>;

/**
 * A canned reply (B10): picked in the reply box by `#` and its shortcut; `body` may hold the placeholders of
 * `src/shared/cannedReplies.ts`, filled when it is used.
 */
export const CannedReply = z.object({
  id: Id,
  shortcut: z.string(),
  title: z.string(),
  body: z.string(),
  language: CannedReplyLanguage,
  createdAt: Instant,
  updatedAt: Instant,
});
export type CannedReply = z.infer<typeof CannedReply>;

// --- B9: the moderation workspace ---

/** Why a participant reports a message. */
export const ReportCategory = z.enum(['spam', 'abuse', 'off_platform', 'scam', 'other']);
export type ReportCategory = z.infer<typeof ReportCategory>;

/** Why a message is in the review queue: B3's flags, a participant's report, or staff who escalated it. */
export const ModerationReason = z.enum(['flag', 'report', 'escalated']);
export type ModerationReason = z.infer<typeof ModerationReason>;

export const ModerationStatus = z.enum(['open', 'resolved']);
export type ModerationStatus = z.infer<typeof ModerationStatus>;

/** `dismiss`: the message stays; `remove`: hidden from the participants with the reason; `restore`: shown again. */
export const ModerationAction = z.enum(['dismiss', 'remove', 'restore']);
export type ModerationAction = z.infer<typeof ModerationAction>;

/** A removed message can be restored for this many days after its removal. */
export const MODERATION_RESTORE_DAYS = 30;

export const ModerationDecision = z.object({
  action: ModerationAction,
  reason: z.string().nullable(),
  staff: NamedRef.nullable(),
  at: Instant,
});
export type ModerationDecision = z.infer<typeof ModerationDecision>;

/**
 * One item of the review queue per message: open until a moderator decides, open again when a new report or an
 * escalation arrives after a decision. `message` is as staff see it (a removed message keeps its body, marked
 * removed); `decision` is the last one, null before any.
 */
export const ModerationItem = z.object({
  id: Id,
  status: ModerationStatus,
  reasons: z.array(ModerationReason),
  message: Message,
  session: z.object({ id: Id, product: NamedRef, customer: NamedRef, seller: NamedRef }),
  flags: z.array(MessageFlag),
  reports: z.array(z.object({ category: ReportCategory, note: z.string().nullable(), at: Instant })),
  reportsCount: z.number().int().nonnegative(),
  escalations: z.array(z.object({ note: z.string(), staff: NamedRef.nullable(), at: Instant })),
  firstSeenAt: Instant,
  decision: ModerationDecision.nullable(),
});
export type ModerationItem = z.infer<typeof ModerationItem>;

/** `warn`: recorded; `mute`: cannot send until it ends; `ban`: cannot sign in or use the chat until it ends. */
export const SanctionKind = z.enum(['warn', 'mute', 'ban']);
export type SanctionKind = z.infer<typeof SanctionKind>;

/**
 * A sanction on a customer or seller. `endsAt` null: a warning, or a ban until lifted. `active`: a mute or ban that
 * has started, not ended and not been lifted (by the backend's clock when it answered).
 */
export const Sanction = z.object({
  id: Id,
  userId: Id,
  kind: SanctionKind,
  reason: z.string(),
  startsAt: Instant,
  endsAt: Instant.nullable(),
  active: z.boolean(),
  staff: NamedRef.nullable(),
  liftedAt: Instant.nullable(),
  liftedBy: NamedRef.nullable(),
});
export type Sanction = z.infer<typeof Sanction>;
