// The marketplace backend's HTTP contract (`/api/v1`), declared once: the server validates requests with these
// schemas and generates its OpenAPI document from them; the desk core's client validates responses with them.
import { z } from 'zod';
import { MAX_BULK_IDS } from './bulkLimits.ts';
import { placeholderProblem } from './cannedReplies.ts';
import {
  CannedReply,
  CannedReplyLanguage,
  Id,
  Instant,
  Message,
  ModerationAction,
  ModerationItem,
  ModerationReason,
  ModerationStatus,
  NamedRef,
  Order,
  OrderStatus,
  Permission,
  Product,
  ReportCategory,
  Sanction,
  SanctionKind,
  Session,
  SessionStatus,
  Staff,
  StaffRole,
  User,
  UserRole,
} from './domain.ts';
import { ChangeEvent } from './events.ts';
import { ModerationRules, ModerationRulesBody } from './moderationRules.ts';
import { SESSION_SORTS } from './sessionSorts.ts';

export const API_PREFIX = '/api/v1';
// B9's rules: declared beside their limits, part of the contract here.
export { ModerationRules, ModerationRulesBody };
export const MAX_PAGE_SIZE = 500;
export { MAX_BULK_IDS };
export const MAX_MESSAGE_LENGTH = 5000;
export const MAX_SEARCH_LENGTH = 200;

/** Query-string booleans: `true`/`false`/`1`/`0`. */
export const QueryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const offset = z.coerce.number().int().min(0).default(0);
const limit = (max = MAX_PAGE_SIZE, dflt = 50) => z.coerce.number().int().min(1).max(max).default(dflt);
const search = z.string().trim().max(MAX_SEARCH_LENGTH).optional();

export const SessionSort = z.enum(SESSION_SORTS);
export type SessionSort = z.infer<typeof SessionSort>;
/** The backend list's sorts: the desk's (B10's workflow columns among them). */
export const AdminSessionSort = SessionSort;
export type AdminSessionSort = SessionSort;
export const SortOrder = z.enum(['asc', 'desc']);
export type SortOrder = z.infer<typeof SortOrder>;

/**
 * B10: whose sessions: the signed-in staff member's (`me`), nobody's (`none`), either (`meOrNone`: an agent's default
 * view), or one staff account's (its id).
 */
export const SessionAssignee = z.union([z.enum(['me', 'none', 'meOrNone']), Id], {
  error: "must be 'me', 'none', 'meOrNone' or a staff account's id",
});
export type SessionAssignee = z.infer<typeof SessionAssignee>;

/**
 * Search and filters of F5/F6 (plus B3's flagged and B10's status, assignee and snoozed), shared by the list, bulk
 * actions and export. B10's open view is `{status: 'open', snoozed: false}`: without `snoozed`, snoozed sessions are
 * listed like the others. `assignee: 'me'` is the signed-in staff member (in the desk's cache, the account it belongs
 * to).
 */
export const SessionFilter = z.strictObject({
  search,
  customerId: Id.optional(),
  sellerId: Id.optional(),
  productId: Id.optional(),
  hasUnread: z.boolean().optional(),
  activeWithinDays: z.number().int().min(1).max(3650).optional(),
  flagged: z.boolean().optional(),
  status: SessionStatus.optional(),
  assignee: SessionAssignee.optional(),
  /** true: snoozed until a time still to come; false: not snoozed, or snoozed until a time that has passed. */
  snoozed: z.boolean().optional(),
});
export type SessionFilter = z.infer<typeof SessionFilter>;

/** `GET /admin/sessions` query string (the same filter, as strings). */
export const SessionListQuery = z.strictObject({
  search,
  customerId: Id.optional(),
  sellerId: Id.optional(),
  productId: Id.optional(),
  hasUnread: QueryBool.optional(),
  activeWithinDays: z.coerce.number().int().min(1).max(3650).optional(),
  flagged: QueryBool.optional(),
  status: SessionStatus.optional(),
  assignee: SessionAssignee.optional(),
  snoozed: QueryBool.optional(),
  sort: AdminSessionSort.default('lastMessageAt'),
  order: SortOrder.default('desc'),
  offset,
  limit: limit(),
});
export type SessionListQuery = z.infer<typeof SessionListQuery>;

export const Page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
/**
 * The sessions list's page: `total` is exact up to SESSION_TOTAL_EXACT_UP_TO matches (and always without a filter);
 * above that it is the database's estimate and `totalExact` is false (show it as "about N"), so no list request counts
 * a million rows (at 1,000,000 sessions, a common name counted up to 10,000 matches took 34 ms, up to 1,000 2 ms).
 */
export const SESSION_TOTAL_EXACT_UP_TO = 1_000;
export const SessionListPage = Page(Session).extend({ totalExact: z.boolean() });
export type SessionListPage = z.infer<typeof SessionListPage>;

export const SessionCreateBody = z.strictObject({
  /** Optional client-made id (the desk's outbox makes one so a replay cannot create twice). */
  id: Id.optional(),
  productId: Id,
  customerId: Id,
  /** Defaults to the product's owner. */
  sellerId: Id.optional(),
  /** Defaults to now. */
  lastMessageAt: Instant.optional(),
});
export type SessionCreateBody = z.infer<typeof SessionCreateBody>;

/**
 * `PATCH /admin/sessions/:id`. The parties and the time need `sessions.write`; B10's fields need `sessions.triage`,
 * and `assigneeId` someone other than oneself (or unassigning someone else) `sessions.assign`. `snoozedUntil` may be
 * in the past (an outbox replayed late): the session is simply not snoozed; null wakes it.
 */
export const SessionPatchBody = z
  .strictObject({
    productId: Id.optional(),
    customerId: Id.optional(),
    sellerId: Id.optional(),
    lastMessageAt: Instant.optional(),
    status: SessionStatus.optional(),
    assigneeId: Id.nullable().optional(),
    snoozedUntil: Instant.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'must change at least one field' });
export type SessionPatchBody = z.infer<typeof SessionPatchBody>;

/** Checked rows: at least one session, by id. */
export const IdsTarget = z.strictObject({
  ids: z.array(Id).min(1, 'must name at least one session').max(MAX_BULK_IDS),
});
/**
 * "All matching", as the person confirmed it: the filter, how many sessions it matched when they confirmed, and
 * when (`asOf`). Only sessions created at or before `asOf` are touched; when the filter now matches more of them than
 * `confirmedCount`, the action is refused (409 `conflict` with `currentCount`) and nothing changes.
 */
export const AllMatchingTarget = z.strictObject({
  filter: SessionFilter,
  confirmedCount: z.number().int().min(1, 'must be at least 1 (nothing to confirm)').max(100_000_000),
  asOf: Instant,
});
export type AllMatchingTarget = z.infer<typeof AllMatchingTarget>;
/**
 * What a destructive bulk action (delete, mark read) touches: the checked ids, or "all matching" with the count the
 * person confirmed. There is no form meaning "everything": `{}`, `{ids: []}` and an unknown key are refused.
 */
export const BulkTarget = z.union([IdsTarget, z.strictObject({ allMatching: AllMatchingTarget })], {
  error: 'must be {ids} or {allMatching: {filter, confirmedCount, asOf}}',
});
export type BulkTarget = z.infer<typeof BulkTarget>;
/** What an export reads (not destructive, from the desk's cache): the checked ids, or every session of a filter. */
export const ExportTarget = z.union(
  [IdsTarget, z.strictObject({ allMatching: z.strictObject({ filter: SessionFilter }) })],
  {
    error: 'must be {ids} or {allMatching: {filter}}',
  },
);
export type ExportTarget = z.infer<typeof ExportTarget>;
export const BulkResult = z.object({ affected: z.number().int() });
/**
 * `POST /admin/sessions/assign` (B10): a bulk target and the staff account to assign (null: unassign). An agent may
 * only assign themselves to sessions nobody or they have, and unassign themselves; 403 otherwise, nothing changes.
 */
export const AssignTarget = z.union(
  [
    IdsTarget.extend({ assigneeId: Id.nullable() }),
    z.strictObject({ allMatching: AllMatchingTarget, assigneeId: Id.nullable() }),
  ],
  { error: 'must be {ids, assigneeId} or {allMatching: {filter, confirmedCount, asOf}, assigneeId}' },
);
export type AssignTarget = z.infer<typeof AssignTarget>;

/**
 * `POST /admin/sessions/snooze` (B10): a bulk target and when the sessions come back (null: wake them now). As with
 * PATCH, a time already past leaves them simply not snoozed (an outbox replayed late).
 */
export const SnoozeTarget = z.union(
  [
    IdsTarget.extend({ snoozedUntil: Instant.nullable() }),
    z.strictObject({ allMatching: AllMatchingTarget, snoozedUntil: Instant.nullable() }),
  ],
  { error: 'must be {ids, snoozedUntil} or {allMatching: {filter, confirmedCount, asOf}, snoozedUntil}' },
);
export type SnoozeTarget = z.infer<typeof SnoozeTarget>;

export const MessageListQuery = z.strictObject({
  /** Messages created strictly before this message id (paging backwards). */
  before: Id.optional(),
  limit: limit(MAX_PAGE_SIZE, 100),
});
/** Oldest first; `hasMore` says older messages exist before the first item. */
export const MessagePage = z.object({ items: z.array(Message), hasMore: z.boolean() });
export type MessagePage = z.infer<typeof MessagePage>;

export const MessageCreateBody = z.strictObject({
  id: Id.optional(),
  body: z.string().trim().min(1, 'must not be empty').max(MAX_MESSAGE_LENGTH),
});
export const MessageIdsBody = z.strictObject({ ids: z.array(Id).min(1).max(MAX_BULK_IDS) });

export const UnreadTotal = z.object({ total: z.number().int() });

export const UserListQuery = z.strictObject({ role: UserRole.optional(), search, offset, limit: limit() });
export const ProductListQuery = z.strictObject({ search, sellerId: Id.optional(), offset, limit: limit() });
export const OrderListQuery = z.strictObject({
  customerId: Id.optional(),
  productId: Id.optional(),
  status: OrderStatus.optional(),
  offset,
  limit: limit(),
});

export const LoginBody = z.strictObject({
  email: z.email({ error: 'must be an e-mail address' }).max(320),
  password: z.string().min(1, 'is required').max(1024),
});
export const LoginResult = z.object({ token: z.string(), staff: Staff, permissions: z.array(Permission) });
export const Me = z.object({ staff: Staff, permissions: z.array(Permission) });
export const ParticipantLoginResult = z.object({ token: z.string(), user: User });

export const StaffCreateBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  role: StaffRole,
  password: z.string().min(8, 'must be at least 8 characters').max(1024),
});

export const ChangesQuery = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: limit(5000, 1000),
});
/**
 * `lastSeq`: the cursor after applying this page (the last event's seq, or `after` when the page is empty); ask again
 * with `after=lastSeq` while `hasMore`. A cursor older than the kept events, or ahead of the feed (another
 * database), is refused with 410 `cursor_too_old`: load a snapshot.
 */
export const ChangesResult = z.object({
  events: z.array(ChangeEvent),
  lastSeq: z.number().int(),
  hasMore: z.boolean(),
});
export type ChangesResult = z.infer<typeof ChangesResult>;

export const SnapshotKind = z.enum(['users', 'products', 'orders', 'sessions']);
export type SnapshotKind = z.infer<typeof SnapshotKind>;
export const SnapshotQuery = z.strictObject({ cursor: z.string().max(200).optional(), limit: limit(5000, 1000) });
/**
 * One page of a kind, ordered by id. `seq` is the feed position the page is consistent with: a client that replays
 * the feed after the smallest `seq` of its pages ends consistent (events are idempotent upserts/deletes). `total`, the
 * number of items of the kind, comes with the first page only (no cursor): later pages skip counting.
 */
export const SnapshotPage = z.object({
  items: z.array(z.unknown()),
  nextCursor: z.string().nullable(),
  seq: z.number().int(),
  total: z.number().int().optional(),
});
export type SnapshotPage = z.infer<typeof SnapshotPage>;
export const snapshotItem = { users: User, products: Product, orders: Order, sessions: Session } as const;

export const AuditQuery = z.strictObject({ offset, limit: limit() });

/** Participant (mobile app) API: `/me/...` for a signed-in customer or seller. */
export const ParticipantOpenSessionBody = z.strictObject({ productId: Id });

/** WebSocket `/admin/events?after=N` close codes. */
export const WsClose = {
  cursorTooOld: 4410,
  unauthenticated: 4401,
  shuttingDown: 1001,
} as const;

export const IDEMPOTENCY_HEADER = 'idempotency-key';

// --- additions of the backend issue (#3) ---

/** Path parameter `:id`. */
export const IdParams = z.strictObject({ id: Id });
/** `PATCH /admin/users/:id`, `PATCH /admin/products/:id`: a rename, copied onto every session that shows the name. */
export const RenameBody = z.strictObject({ name: z.string().trim().min(1, 'must not be empty').max(200) });
/** `GET /me/sessions`: the participant's own sessions, most recent first. */
export const MeSessionsQuery = z.strictObject({ offset, limit: limit() });
/** `PUT /admin/settings`. */
export const SettingsBody = z.strictObject({ chatMobileEnabled: z.boolean() });
/** Bulk and delete results: how many rows changed (mark-read: messages marked; delete: sessions removed). */
export type BulkResult = z.infer<typeof BulkResult>;
export const StaffPage = Page(Staff);

// --- B2: full-text search inside message bodies ---

export const MESSAGE_SEARCH_MIN = 2;
/** Keyset cursor of a message search page: the last hit's `createdAt` and `id`, joined by `_`. */
export const MessageSearchCursor = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z_[0-9a-f-]{36}$/i, {
  error: 'must be the nextBefore of a previous page',
});
export const messageSearchCursor = (hit: { createdAt: string; id: string }) => `${hit.createdAt}_${hit.id}`;
export function parseMessageSearchCursor(cursor: string): { createdAt: string; id: string } {
  const at = cursor.lastIndexOf('_');
  return { createdAt: cursor.slice(0, at), id: cursor.slice(at + 1) };
}

/**
 * `GET /admin/messages/search`: messages whose body contains `q` (case, Arabic diacritics, tatweel and the
 * alef/yaa/taa-marbuta forms folded; `%` and `_` are plain characters), newest first.
 */
export const MessageSearchQuery = z.strictObject({
  q: z
    .string({ error: 'is required' })
    .trim()
    .min(MESSAGE_SEARCH_MIN, `must be at least ${MESSAGE_SEARCH_MIN} characters`)
    .max(MAX_SEARCH_LENGTH, `must be at most ${MAX_SEARCH_LENGTH} characters`),
  /** The `nextBefore` of the previous page. */
  before: MessageSearchCursor.optional(),
  limit: limit(200, 50),
});
export type MessageSearchQuery = z.infer<typeof MessageSearchQuery>;

/** One hit: the message, with its session's product, customer and seller. */
export const MessageSearchHit = Message.extend({ product: NamedRef, customer: NamedRef, seller: NamedRef });
export type MessageSearchHit = z.infer<typeof MessageSearchHit>;
/** Newest first; `nextBefore` asks for the next (older) page, null when there is none. */
export const MessageSearchPage = z.object({ items: z.array(MessageSearchHit), nextBefore: z.string().nullable() });
export type MessageSearchPage = z.infer<typeof MessageSearchPage>;

// --- B4 interface: change a staff member's role, filter the audit log ---

/** `PATCH /admin/staff/:id`: a new role. */
export const StaffUpdateBody = z.strictObject({ role: StaffRole });
/** `GET /admin/audit-log`: newest first, optionally one action (`staff.create`) and/or one staff member. */
export const AuditLogQuery = AuditQuery.extend({
  action: z.string().trim().min(1).max(100).optional(),
  staffId: Id.optional(),
});
/** `GET /admin/staff`: active accounts, or with `includeDisabled=true` the disabled ones too (after the active). */
export const StaffListQuery = AuditQuery.extend({
  includeDisabled: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
});
/** A staff account as the admin's list shows it: `disabledAt` null while it can sign in. */
export const StaffAccount = Staff.extend({ disabledAt: Instant.nullable() });
export const StaffAccountPage = Page(StaffAccount);
export type StaffAccount = z.infer<typeof StaffAccount>;

// --- B10: agent workflow (status, assignment, snooze, canned replies, internal notes) ---

/** `POST /admin/sessions/:id/notes`: an internal note, never shown to participants; a client-made id is kept. */
export const NoteCreateBody = MessageCreateBody;

export const MAX_CANNED_SHORTCUT = 40;
const cannedShortcut = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_CANNED_SHORTCUT, `must be at most ${MAX_CANNED_SHORTCUT} characters`)
  .regex(/^[\p{L}\p{N}_-]+$/u, { error: 'must be letters, digits, _ or - (no spaces, no #)' });
const cannedTitle = z.string().trim().min(1, 'must not be empty').max(200);
const cannedBody = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_MESSAGE_LENGTH)
  .superRefine((body, ctx) => {
    const problem = placeholderProblem(body);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** `POST /admin/canned-replies`; a shortcut is unique per language (whatever its case). */
export const CannedReplyCreateBody = z.strictObject({
  id: Id.optional(),
  shortcut: cannedShortcut,
  title: cannedTitle,
  body: cannedBody,
  language: CannedReplyLanguage,
});
export const CannedReplyPatchBody = z
  .strictObject({
    shortcut: cannedShortcut.optional(),
    title: cannedTitle.optional(),
    body: cannedBody.optional(),
    language: CannedReplyLanguage.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'must change at least one field' });
/** `GET /admin/canned-replies`: by shortcut; `search` looks in the shortcut, title and body (folded). */
export const CannedReplyListQuery = z.strictObject({
  language: CannedReplyLanguage.optional(),
  search,
  offset,
  limit: limit(MAX_PAGE_SIZE, 100),
});
export const CannedReplyPage = Page(CannedReply);

/** `GET /admin/assignees`: the active staff accounts a session can be assigned to, by name (for every staff role). */
export const Assignee = Staff.pick({ id: true, name: true, role: true });
export type Assignee = z.infer<typeof Assignee>;
export const AssigneeList = z.object({ items: z.array(Assignee) });

// --- B9: the moderation workspace ---

export const MAX_REPORT_NOTE = 1000;
export const MAX_MODERATION_REASON = 500;

/** `POST /me/messages/:id/reports`: a participant of the session reports a message that is not their own. */
export const ReportCreateBody = z.strictObject({
  category: ReportCategory,
  note: z.string().trim().min(1, 'must not be empty (leave it out instead)').max(MAX_REPORT_NOTE).optional(),
});
/** The report as stored: the first one of this reporter on this message (201), or that first one again (200). */
export const MessageReport = z.object({
  id: Id,
  messageId: Id,
  category: ReportCategory,
  note: z.string().nullable(),
  createdAt: Instant,
});
export type MessageReport = z.infer<typeof MessageReport>;

/**
 * A message as its customer and seller read it (`/me`): one a moderator removed has `removed: true`, no body and
 * no flags, and the moderator's reason.
 */
export const ParticipantMessage = Message.omit({ body: true, removedAt: true }).extend({ body: z.string().nullable() });
export type ParticipantMessage = z.infer<typeof ParticipantMessage>;
export const ParticipantMessagePage = z.object({ items: z.array(ParticipantMessage), hasMore: z.boolean() });

export const ModerationSort = z.enum(['firstSeen', 'reportsCount']);
export type ModerationSort = z.infer<typeof ModerationSort>;
/**
 * `GET /admin/moderation/queue`: `status` open (default) or resolved; `reason` and `category` (a report category)
 * narrow it; `firstSeen` sorts oldest first, `reportsCount` most reported first (then oldest first).
 */
export const ModerationQueueQuery = z.strictObject({
  status: ModerationStatus.default('open'),
  reason: ModerationReason.optional(),
  category: ReportCategory.optional(),
  sort: ModerationSort.default('firstSeen'),
  offset,
  limit: limit(200, 50),
});
export type ModerationQueueQuery = z.infer<typeof ModerationQueueQuery>;
export const ModerationQueuePage = Page(ModerationItem);
/** `GET /admin/moderation/counts`: the queue's badge. */
export const ModerationCounts = z.object({ open: z.number().int().nonnegative() });

/** `POST /admin/moderation/items/:id/decision`. A removal's reason is what the participants read. */
export const ModerationDecisionBody = z.strictObject({
  action: ModerationAction,
  reason: z.string().trim().min(1, 'must not be empty (leave it out instead)').max(MAX_MODERATION_REASON).optional(),
});
/** `POST /admin/messages/:id/escalate`: why staff send it to the moderators. */
export const EscalateBody = z.strictObject({
  note: z.string().trim().min(1, 'must not be empty').max(MAX_REPORT_NOTE),
});

/** The longest mute or ban with an end: a year. */
export const MAX_SANCTION_MINUTES = 525_600;
/**
 * `POST /admin/participants/:userId/sanctions`. A mute needs `minutes`; a ban without `minutes` lasts until lifted;
 * a warning takes none.
 */
export const SanctionCreateBody = z
  .strictObject({
    kind: SanctionKind,
    minutes: z.number().int().min(1).max(MAX_SANCTION_MINUTES).optional(),
    reason: z.string().trim().min(1, 'must not be empty').max(MAX_MODERATION_REASON),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'mute' && v.minutes === undefined) {
      ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'is required for a mute' });
    }
    if (v.kind === 'warn' && v.minutes !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'a warning has no duration' });
    }
  });
export type SanctionCreateBody = z.infer<typeof SanctionCreateBody>;
/** Path parameter `:userId`. */
export const UserIdParams = z.strictObject({ userId: Id });
/** A participant's sanctions, newest first. */
export const SanctionListQuery = z.strictObject({ offset, limit: limit(MAX_PAGE_SIZE, 100) });
export const SanctionPage = Page(Sanction);
