// The typed bridge between the interface and the desk core, declared once. The Electron IPC wiring, the preload and
// the web edition's WebSocket bridge are generic over these two maps; the core validates every input with them.
// A new call is one entry here plus one handler in the core.
import { z } from 'zod';
import {
  Assignee,
  BulkTarget,
  CannedReplyCreateBody,
  CannedReplyPatchBody,
  ExportTarget,
  MAX_MESSAGE_LENGTH,
  MAX_REPORT_NOTE,
  MESSAGE_SEARCH_MIN,
  MessageSearchCursor,
  MessageSearchPage,
  ModerationCounts,
  ModerationDecisionBody,
  ModerationQueueQuery,
  SanctionCreateBody,
  SessionFilter,
  SessionSort,
  SettingsBody,
  SortOrder,
  StaffAccount,
} from './api.ts';
import { SessionsChangedNotice } from './changeNotice.ts';
import {
  AuditEntry,
  CannedReply,
  CannedReplyLanguage,
  Id,
  Instant,
  Message,
  Order,
  Permission,
  Product,
  Session,
  SessionStatus,
  Settings,
  Staff,
  StaffRole,
  User,
  UserRole,
} from './domain.ts';
import { ErrorInfo } from './errors.ts';
import {
  ActiveSanctions,
  ActiveSanctionsInput,
  DeskModerationQueuePage,
  DeskModerationRules,
  ModerationItemDetail,
  ReviewState,
} from './moderationDesk.ts';
import { ModerationRulesBody } from './moderationRules.ts';
import { DEFAULT_NOTIFY_RULES, NotifyScope, NotifyWhich, QuietHours } from './notifyRules.ts';
import { PANE_MAX_WIDTH, PANE_MIN_WIDTH } from './paneWidth.ts';
import type { Result } from './result.ts';
import { BulkJobProgress, BulkJobStart, ExportFormat, ExportProgress } from './taskProgress.ts';

export { AssignedNotice, SessionsChangedNotice } from './changeNotice.ts';
export { ModerationItemDetail } from './moderationDesk.ts';
// The long-running tasks' progress (export, bulk jobs) live in taskProgress.ts; the bridge names them too.
export {
  BulkJobAction,
  BulkJobProgress,
  BulkJobStart,
  BulkJobState,
  ExportFormat,
  ExportProgress,
  ExportState,
} from './taskProgress.ts';

const empty = z.strictObject({});

/** B10: what `sessions.triage` changes (at least one of them). */
export const TriagePatch = z
  .strictObject({
    status: SessionStatus.optional(),
    assigneeId: Id.nullable().optional(),
    snoozedUntil: Instant.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'must change at least one field' });
export type TriagePatch = z.infer<typeof TriagePatch>;
/** A draft's text may run past a message's limit: the reply box keeps it whole and sends it once shortened. */
export const MAX_DRAFT_LENGTH = 50_000;
/** The reply box's draft of a session: its text and whether it is an internal note. */
export const Draft = z.object({ body: z.string().max(MAX_DRAFT_LENGTH), note: z.boolean() });
export type Draft = z.infer<typeof Draft>;
/** B10: a new canned reply as a manager or an admin writes it (the core makes its id). */
export const CannedReplyCreateInput = CannedReplyCreateBody.omit({ id: true });
const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

/** A staff action queued in the outbox (its id is also the idempotency key the backend sees). */
export const QueuedActionRef = z.object({ actionId: z.string() });

export const Edition = z.enum(['desktop', 'web']);
export type Edition = z.infer<typeof Edition>;

export const Locale = z.enum(['en', 'ar']);
export type Locale = z.infer<typeof Locale>;
/** Light, dark, or as the system is set (the default). */
export const ColorSchemePref = z.enum(['light', 'dark', 'system']);
export type ColorSchemePref = z.infer<typeof ColorSchemePref>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  edition: Edition,
  platform: z.string(),
  coreStartedAt: Instant,
  /** The locale the OS asks for (the interface defaults to Arabic on an Arabic system). */
  systemLocale: z.string(),
  /** The backend the sign-in form proposes (the embedded demo backend when the launcher started one). */
  defaultBackendUrl: z.string().nullable(),
  /** Demo credentials the sign-in form proposes (demo mode only). */
  demoAccount: z.object({ email: z.string(), password: z.string() }).nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const AccountState = z.object({
  signedIn: z.boolean(),
  backendUrl: z.string().nullable(),
  staff: Staff.nullable(),
  permissions: z.array(Permission),
});
export type AccountState = z.infer<typeof AccountState>;

export const SyncStatus = z.enum(['signedOut', 'connecting', 'syncing', 'online', 'offline']);
export const SyncState = z.object({
  status: SyncStatus,
  /** 0..1 while a snapshot is loading, else null. */
  progress: z.number().min(0).max(1).nullable(),
  offlineSince: Instant.nullable(),
  lastSyncedAt: Instant.nullable(),
  /** Staff actions written locally and not yet accepted by the backend. */
  pendingActions: z.number().int(),
  cursor: z.number().int(),
});
export type SyncState = z.infer<typeof SyncState>;

export const SessionPageInput = z.strictObject({
  filter: SessionFilter.default({}),
  sort: SessionSort.default('lastMessageAt'),
  order: SortOrder.default('desc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type SessionPageInput = z.infer<typeof SessionPageInput>;
export const SessionPage = z.object({ rows: z.array(Session), total: z.number().int() });
export type SessionPage = z.infer<typeof SessionPage>;

export const SessionFormInput = z.strictObject({
  productId: Id,
  customerId: Id,
  sellerId: Id,
  lastMessageAt: Instant,
});
export type SessionFormInput = z.infer<typeof SessionFormInput>;

export const Option = z.object({ id: Id, label: z.string(), hint: z.string().optional() });
export type Option = z.infer<typeof Option>;
export const ProductOption = Option.extend({ sellerId: Id });
export type ProductOption = z.infer<typeof ProductOption>;

export const MAX_VIEW_NAME = 100;
export const SavedView = z.strictObject({
  id: z.string(),
  name: z.string().trim().min(1, 'is required').max(MAX_VIEW_NAME),
  filter: SessionFilter,
  sort: SessionSort,
  order: SortOrder,
});
export type SavedView = z.infer<typeof SavedView>;

/** Local preferences kept in the cache (B5, B7). Values are JSON; each key has its own schema. */
export const Prefs = z.strictObject({
  locale: Locale.nullable(),
  columnState: z.array(z.record(z.string(), z.unknown())).nullable(),
  savedViews: z.array(SavedView),
  notificationsPaused: z.boolean(),
  /** The conversation pane's width in CSS pixels, as the user last dragged it (null: the default). */
  paneWidth: z
    .number()
    .int('must be a whole number of pixels')
    .min(PANE_MIN_WIDTH, `must be at least ${PANE_MIN_WIDTH}`)
    .max(PANE_MAX_WIDTH, `must be at most ${PANE_MAX_WIDTH}`)
    .nullable(),
  colorScheme: ColorSchemePref,
  /** Which incoming messages notify, with sound or not, and the quiet hours (notifyRules.ts). */
  notifySound: z.boolean(),
  notifyWhich: NotifyWhich,
  quietHours: QuietHours.nullable(),
  /** B10: notify for every session, or only for those assigned to oneself or to nobody. */
  notifyScope: NotifyScope,
});
export type Prefs = z.infer<typeof Prefs>;

/** The preferences of an account that has set none. */
export const DEFAULT_PREFS: Prefs = {
  locale: null,
  columnState: null,
  savedViews: [],
  notificationsPaused: false,
  paneWidth: null,
  colorScheme: 'system',
  ...DEFAULT_NOTIFY_RULES,
  notifyScope: 'all',
};

export const bridgeCalls = {
  // The app
  'app.info': call(empty, AppInfo),
  /** The chatdesk:// link that launched the desktop app, handed over once when the page asks (null: none). */
  'app.pendingLink': call(empty, z.strictObject({ sessionId: Id.nullable() })),
  /** The desktop app's start (desktop edition only): open at login, start hidden in the tray. */
  'app.startup': call(
    empty,
    z.strictObject({ available: z.boolean(), openAtLogin: z.boolean(), startHidden: z.boolean() }),
  ),
  'app.setStartup': call(
    z.strictObject({ openAtLogin: z.boolean(), startHidden: z.boolean() }),
    z.strictObject({ available: z.boolean(), openAtLogin: z.boolean(), startHidden: z.boolean() }),
  ),

  // Account (sign-in against a backend URL; the token is kept by the shell)
  'account.state': call(empty, AccountState),
  'account.signIn': call(
    z.strictObject({
      backendUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
      email: z.email({ error: 'must be an e-mail address' }),
      password: z.string().min(1, 'is required'),
    }),
    AccountState,
  ),
  'account.signOut': call(empty, AccountState),

  // Sync
  'sync.state': call(empty, SyncState),
  'sync.resync': call(empty, SyncState),

  // Sessions (F2–F9)
  'sessions.page': call(SessionPageInput, SessionPage),
  'sessions.get': call(z.strictObject({ id: Id }), Session),
  'sessions.create': call(SessionFormInput, Session),
  'sessions.update': call(z.strictObject({ id: Id, patch: SessionFormInput.partial() }), Session),
  'sessions.delete': call(z.strictObject({ id: Id }), z.object({ affected: z.number().int() })),
  'sessions.markRead': call(z.strictObject({ target: BulkTarget }), z.object({ affected: z.number().int() })),
  'sessions.deleteMany': call(z.strictObject({ target: BulkTarget }), z.object({ affected: z.number().int() })),
  // The agent workflow (B10): one session's status, assignee or snooze; assign, resolve and reopen in bulk.
  'sessions.triage': call(z.strictObject({ id: Id, patch: TriagePatch }), Session),
  'sessions.assign': call(
    z.strictObject({ target: BulkTarget, assigneeId: Id.nullable() }),
    z.object({ affected: z.number().int() }),
  ),
  'sessions.resolve': call(z.strictObject({ target: BulkTarget }), z.object({ affected: z.number().int() })),
  'sessions.reopen': call(z.strictObject({ target: BulkTarget }), z.object({ affected: z.number().int() })),
  /** Snoozes sessions until a time (null: wakes them). */
  'sessions.snooze': call(
    z.strictObject({ target: BulkTarget, snoozedUntil: Instant.nullable() }),
    z.object({ affected: z.number().int() }),
  ),
  /** The staff accounts a session can be assigned to (the backend's, kept for offline use). */
  'assignees.list': call(empty, z.object({ items: z.array(Assignee) })),
  /** Canned replies (B10) from the cache, refreshed from the backend when online; `search` by shortcut first. */
  'cannedReplies.list': call(
    z.strictObject({ language: CannedReplyLanguage.optional(), search: z.string().max(200).optional() }),
    z.object({ items: z.array(CannedReply) }),
  ),
  /** B10, managers and admins: write canned replies through the outbox (shown at once, sent once). */
  'cannedReplies.create': call(CannedReplyCreateInput, CannedReply),
  'cannedReplies.update': call(z.strictObject({ id: Id, patch: CannedReplyPatchBody }), CannedReply),
  'cannedReplies.delete': call(z.strictObject({ id: Id }), z.object({ affected: z.number().int() })),
  /** The reply box's draft of a session, kept by the core per account (survives sign-out and restart). */
  'drafts.get': call(z.strictObject({ sessionId: Id }), Draft),
  /** An empty body forgets the draft. */
  'drafts.set': call(z.strictObject({ sessionId: Id }).extend(Draft.shape), Draft),
  'unread.total': call(empty, z.object({ total: z.number().int() })),

  // Messages (F10, D3)
  'messages.list': call(
    z.strictObject({ sessionId: Id, before: Id.optional(), limit: z.number().int().min(1).max(500).default(100) }),
    z.object({ items: z.array(Message), hasMore: z.boolean() }),
  ),
  'messages.send': call(
    z.strictObject({
      sessionId: Id,
      body: z.string().trim().min(1, 'must not be empty').max(MAX_MESSAGE_LENGTH),
      /** B10: an internal note, never sent to the participants. */
      note: z.boolean().optional(),
    }),
    Message,
  ),
  'messages.delete': call(z.strictObject({ id: Id }), z.object({ affected: z.number().int() })),
  'messages.markRead': call(
    z.strictObject({ sessionId: Id, ids: z.array(Id).min(1).max(1000).optional() }),
    z.object({ affected: z.number().int() }),
  ),

  // Full-text search in message bodies (B2): the backend's, else the messages the cache holds (`source: 'cache'`).
  'messages.search': call(
    z.strictObject({
      q: z
        .string()
        .trim()
        .min(MESSAGE_SEARCH_MIN, `must be at least ${MESSAGE_SEARCH_MIN} characters`)
        .max(200, 'must be at most 200 characters'),
      before: MessageSearchCursor.optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    MessageSearchPage.extend({ source: z.enum(['backend', 'cache']) }),
  ),

  // Option lists for dropdowns (F6, F9) and the related sections (F13)
  'options.users': call(
    z.strictObject({
      role: UserRole,
      search: z.string().max(200).default(''),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    z.object({ items: z.array(Option) }),
  ),
  'options.products': call(
    z.strictObject({ search: z.string().max(200).default(''), limit: z.number().int().min(1).max(500).default(50) }),
    z.object({ items: z.array(ProductOption) }),
  ),
  'users.list': call(
    z.strictObject({
      role: UserRole.optional(),
      search: z.string().max(200).default(''),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    z.object({ items: z.array(User.extend({ sessionsCount: z.number().int() })), total: z.number().int() }),
  ),
  'orders.list': call(
    z.strictObject({
      customerId: Id.optional(),
      productId: Id.optional(),
      search: z.string().max(200).default(''),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    z.object({
      items: z.array(Order.extend({ customerName: z.string(), productName: z.string() })),
      total: z.number().int(),
    }),
  ),
  'orders.forSession': call(z.strictObject({ sessionId: Id }), z.object({ items: z.array(Order) })),
  'products.get': call(z.strictObject({ id: Id }), Product),

  // Settings (F12)
  'settings.get': call(empty, Settings),
  'settings.update': call(SettingsBody, Settings),

  // Staff accounts and the audit log (B4): online-only admin tools, answered by the backend
  'staff.list': call(
    z.strictObject({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
      /** Disabled accounts too, after the active ones. */
      includeDisabled: z.boolean().default(false),
    }),
    z.object({ items: z.array(StaffAccount), total: z.number().int() }),
  ),
  'staff.create': call(
    z.strictObject({
      name: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
      email: z.email({ error: 'must be an e-mail address' }).max(320, 'must be at most 320 characters'),
      role: StaffRole,
      password: z.string().min(8, 'must be at least 8 characters').max(1024, 'must be at most 1024 characters'),
    }),
    Staff,
  ),
  /** A new role, or `disabled: true` to disable the account (its sign-ins are revoked; it can no longer sign in). */
  'staff.update': call(
    z
      .strictObject({ id: Id, role: StaffRole.optional(), disabled: z.literal(true).optional() })
      .refine((v) => v.role !== undefined || v.disabled !== undefined, {
        message: 'give a role or disabled',
        path: ['role'],
      }),
    z.object({ staff: Staff.nullable(), disabled: z.boolean() }),
  ),
  /** Enables a disabled account again: it can sign in anew (its old sign-ins stay revoked). Not one's own. */
  'staff.enable': call(z.strictObject({ id: Id }), z.object({ enabled: z.literal(true) })),
  'audit.list': call(
    z.strictObject({
      action: z.string().trim().min(1).max(100).optional(),
      staffId: Id.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    z.object({ items: z.array(AuditEntry), total: z.number().int() }),
  ),

  // Local preferences (B5, B7)
  'prefs.get': call(empty, Prefs),
  'prefs.update': call(Prefs.partial(), Prefs),

  // Export (F8, D6)
  'export.start': call(
    z.strictObject({
      target: ExportTarget,
      format: ExportFormat,
      locale: Locale,
      sort: SessionSort.default('lastMessageAt'),
      order: SortOrder.default('desc'),
    }),
    ExportProgress,
  ),
  'export.cancel': call(z.strictObject({ exportId: z.string() }), ExportProgress),
  'export.open': call(z.strictObject({ exportId: z.string(), reveal: z.boolean().default(false) }), z.object({})),

  // Bulk actions on "all matching" over more sessions than one request names (F8), with progress and cancel
  'bulk.start': call(BulkJobStart, BulkJobProgress),
  'bulk.cancel': call(z.strictObject({ jobId: z.string() }), BulkJobProgress),

  // The moderation workspace (B9): the queue and an item read from the backend (online only); decisions,
  // sanctions and escalations queued through the outbox (offline, exactly once), answered with the action's id
  'moderation.queue': call(ModerationQueueQuery, DeskModerationQueuePage),
  'moderation.counts': call(empty, ModerationCounts),
  'moderation.item': call(z.strictObject({ id: Id }), ModerationItemDetail),
  'moderation.decide': call(z.strictObject({ id: Id }).extend(ModerationDecisionBody.shape), QueuedActionRef),
  'moderation.sanction': call(z.strictObject({ userId: Id, sanction: SanctionCreateBody }), QueuedActionRef),
  'moderation.liftSanction': call(z.strictObject({ id: Id }), QueuedActionRef),
  'moderation.escalate': call(
    z.strictObject({ messageId: Id, note: z.string().trim().min(1, 'must not be empty').max(MAX_REPORT_NOTE) }),
    QueuedActionRef,
  ),
  // A removed message restored from its conversation (the decision on its queue item); mutes and bans in force
  'moderation.restoreMessage': call(z.strictObject({ messageId: Id }), QueuedActionRef),
  'moderation.activeSanctions': call(ActiveSanctionsInput, ActiveSanctions),
  // The rules new messages are flagged by: read by every role that reads the queue, changed through the outbox
  'moderation.rules': call(empty, DeskModerationRules),
  'moderation.updateRules': call(ModerationRulesBody, QueuedActionRef),

  // Notifications (D4)
  'notifications.setPaused': call(z.strictObject({ paused: z.boolean() }), z.object({ paused: z.boolean() })),
} as const;

export const bridgeEvents = {
  'sync.state': SyncState,
  'account.state': AccountState,
  /** After each applied batch: which sessions changed, the new unread total, which incoming messages notify. */
  'sessions.changed': SessionsChangedNotice,
  /** A queued staff action the backend refused; the cache has been put back as it was. */
  'action.failed': z.object({ actionId: z.string(), kind: z.string(), summary: z.string(), error: ErrorInfo }),
  'export.progress': ExportProgress,
  'bulk.progress': BulkJobProgress,
  /** Open a session (a notification click, a deep link, the tray). */
  'navigate.session': z.object({ sessionId: Id }),
  /** B9: open the Moderation section on an item (null: the queue), from a moderator's notification or the tray. */
  'navigate.moderation': z.object({ itemId: Id.nullable() }),
  /** B9, moderators and admins only: the review queue's open count and the items that opened, which notify. */
  'moderation.review': ReviewState,
  'notifications.state': z.object({ paused: z.boolean() }),
  /** The interface language after a 'prefs.update' that set it (the saved choice, else the system's): the desktop
   * shell's tray, menu and toasts follow it. */
  'locale.state': z.object({ locale: Locale }),
  /** The notification rules after a 'prefs.update' that changed them: the desktop shell's toasts follow them. */
  'notify.rules': z.object({ notifySound: z.boolean(), notifyWhich: NotifyWhich, quietHours: QuietHours.nullable() }),
  /** Light, dark or the system's after a 'prefs.update' that set it: the desktop shell's window frame, native menus
   * and dialogs follow it (nativeTheme.themeSource). */
  'colorScheme.state': z.object({ colorScheme: ColorSchemePref }),
} as const;

export type BridgeCalls = typeof bridgeCalls;
export type CallName = keyof BridgeCalls;
export type CallInput<K extends CallName> = z.input<BridgeCalls[K]['input']>;
export type CallParsedInput<K extends CallName> = z.output<BridgeCalls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<BridgeCalls[K]['output']>;

export type BridgeEvents = typeof bridgeEvents;
export type EventName = keyof BridgeEvents;
export type EventPayload<E extends EventName> = z.output<BridgeEvents[E]>;

export const callNames = Object.keys(bridgeCalls) as CallName[];
export const eventNames = Object.keys(bridgeEvents) as EventName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(bridgeCalls, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(bridgeEvents, name);
}

/** What the renderer sees as `window.desk`, in Electron (preload) and in the web edition (WebSocket client). */
export interface DeskBridge {
  invoke<K extends CallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>>;
  /** Returns the unsubscribe. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The core's side: what an adapter (Electron IPC, WebSocket host) drives. */
export interface DeskCoreEndpoint {
  dispatch(name: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: <E extends EventName>(event: E, payload: EventPayload<E>) => void): () => void;
}

export { IPC_EVENT, IPC_INVOKE, WsBridgeFrame } from './bridgeTransport.ts';
