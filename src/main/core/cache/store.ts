// The desk cache: every read and write of the local SQLite file, synchronous, meant to run inside the cache worker
// (worker.ts) so the thread that serves the window never waits on the disk. Three layers of truth:
//   - the backend's state, applied from snapshots and feed events (applyFeed.ts; full-state upserts, so replays are
//     harmless);
//   - queued staff actions (outboxStore.ts), laid over it at once (optimistic): `sessions_base` keeps the backend's
//     own state of each session an action touches, and the shown row is rebuilt from it (shownSessions.ts) whenever
//     a feed event or the action's outcome arrives, so an echo never doubles and a refusal puts the row back;
//   - local preferences (lookups.ts).
// This class only fronts those modules: the worker calls its methods by name (worker.ts, cacheClient.ts), each
// passes the one database handle (db.ts) to the module that does the job.
import type { DatabaseSync } from 'node:sqlite';
import type { ModerationQueueQuery, SessionFilter, SnapshotKind } from '../../../shared/api.ts';
import type {
  AppInfo,
  CallOutput,
  CallParsedInput,
  Option,
  Prefs,
  ProductOption,
  SessionPage,
  SessionPageInput,
} from '../../../shared/bridge.ts';
import type {
  CannedReply,
  Message,
  ModerationItem,
  NamedRef,
  Order,
  Product,
  Sanction,
  Session,
  Settings,
} from '../../../shared/domain.ts';
import type { ChangeEvent } from '../../../shared/events.ts';
import type { ModerationRules } from '../../../shared/moderationRules.ts';
import type { ActionPayload, QueuedAction, SessionsChanged } from './actions.ts';
import * as feed from './applyFeed.ts';
import * as canned from './cannedReplies.ts';
import { CacheDb } from './db.ts';
import * as lookups from './lookups.ts';
import { type CachedMessageSearch, locallyDeleted, searchCachedMessages } from './messageSearch.ts';
import * as messages from './messages.ts';
import * as moderation from './moderationCache.ts';
import * as outbox from './outboxStore.ts';
import * as pages from './sessionPages.ts';
import * as shown from './shownSessions.ts';

export { DEFAULT_PREFS } from '../../../shared/bridge.ts';
export type { ApplyResult, SyncMeta } from './applyFeed.ts';
export type { EnqueueResult } from './outboxStore.ts';

export class CacheStore {
  readonly #c: CacheDb;
  readonly db: DatabaseSync;

  constructor(file: string) {
    this.#c = new CacheDb(file);
    this.db = this.#c.db;
  }

  close(): void {
    this.#c.close();
  }

  /** Makes the data durable now (a checkpoint of the WAL), e.g. before the app quits. */
  checkpoint(): void {
    this.#c.checkpoint();
  }

  // ---------------------------------------------------------------- sync (applyFeed.ts)

  syncMeta(): feed.SyncMeta {
    return feed.syncMeta(this.#c);
  }

  markSynced(at: string): void {
    feed.markSynced(this.#c, at);
  }

  beginSnapshot(total: number): number {
    return feed.beginSnapshot(this.#c, total);
  }

  putSnapshotPage(
    kind: SnapshotKind,
    items: unknown[],
    seq: number,
    gen: number,
  ): { changes: SessionsChanged; progress: number } {
    return feed.putSnapshotPage(this.#c, kind, items, seq, gen);
  }

  putSnapshotPageText(
    kind: SnapshotKind,
    text: string | ArrayBuffer | Uint8Array,
    gen: number,
  ): ReturnType<typeof feed.putSnapshotPageText> {
    return feed.putSnapshotPageText(this.#c, kind, text, gen);
  }

  applyChangesText(
    text: string | ArrayBuffer | Uint8Array,
    options: { notify?: boolean } = {},
  ): ReturnType<typeof feed.applyChangesText> {
    return feed.applyChangesText(this.#c, text, options);
  }

  finishSnapshot(gen: number): { changes: SessionsChanged; cursor: number } {
    return feed.finishSnapshot(this.#c, gen);
  }

  applyEvents(events: ChangeEvent[], options: { notify?: boolean } = {}): feed.ApplyResult {
    return feed.applyEvents(this.#c, events, options);
  }

  // ---------------------------------------------------------------- the grid's pages (sessionPages.ts)

  unreadTotal(): number {
    return this.#c.unreadTotal();
  }

  sessionCount(): number {
    return pages.sessionCount(this.#c);
  }

  page(input: SessionPageInput, now = Date.now()): SessionPage {
    return pages.page(this.#c, input, now);
  }

  /** The number of sessions matching a filter, remembered until the next write. */
  count(filter: SessionFilter, now = Date.now()): number {
    return pages.count(this.#c, filter, now);
  }

  /** Forgets the remembered totals (benchmarks measure the first page of a filter, count included). */
  forgetTotals(): void {
    this.#c.totals.clear();
  }

  /** Rows of a filtered, sorted list in pages by offset (export reads through this). */
  sessionsSlice(
    filter: SessionFilter,
    sort: SessionPageInput['sort'],
    order: SessionPageInput['order'],
    offset: number,
    limit: number,
  ): Session[] {
    return pages.sessionsSlice(this.#c, filter, sort, order, offset, limit);
  }

  /** The ids of every session a filter matches, in the grid's default order (a bulk job's sessions, sessionPages.ts). */
  matchingIds(filter: SessionFilter, onlyUnread: boolean, now: number, createdBy: string): string[] {
    return pages.matchingIds(this.#c, filter, onlyUnread, now, createdBy);
  }

  // ---------------------------------------------------------------- sessions and messages

  getSession(id: string): Session | null {
    return shown.getSession(this.#c, id);
  }

  requireSession(id: string, field = 'id'): Session {
    return shown.requireSession(this.#c, id, field);
  }

  /** Writes generated sessions straight into the cache (benchmarks, tests). */
  bulkInsertSessions(sessions: Session[]): void {
    shown.bulkInsertSessions(this.#c, sessions);
  }

  messagesList(sessionId: string, before: string | undefined, limit: number): { items: Message[]; hasMore: boolean } {
    return messages.messagesList(this.#c, sessionId, before, limit);
  }

  putMessages(sessionId: string, items: Message[], complete: boolean, before?: string): void {
    messages.putMessages(this.#c, sessionId, items, complete, before);
  }

  /** B2 offline: the messages held here whose folded body contains the folded query (messageSearch.ts). */
  messageSearch(input: CachedMessageSearch): ReturnType<typeof searchCachedMessages> {
    return searchCachedMessages(this.db, input);
  }

  /** Of a backend search's hits, those deleted here while the delete is queued (see locallyDeleted). */
  messageSearchDeleted(hits: Array<{ id: string; sessionId: string }>): ReturnType<typeof locallyDeleted> {
    return locallyDeleted(this.db, hits);
  }

  // ---------------------------------------------------------------- forms, lists, settings (lookups.ts)

  resolveParties(
    productId: string,
    customerId: string,
    sellerId?: string,
  ): { product: NamedRef; customer: NamedRef; seller: NamedRef } {
    return lookups.resolveParties(this.#c, productId, customerId, sellerId);
  }

  optionsUsers(role: 'customer' | 'seller', search: string, limit: number): Option[] {
    return lookups.optionsUsers(this.#c, role, search, limit);
  }

  optionsProducts(search: string, limit: number): ProductOption[] {
    return lookups.optionsProducts(this.#c, search, limit);
  }

  usersList(input: CallParsedInput<'users.list'>): CallOutput<'users.list'> {
    return lookups.usersList(this.#c, input);
  }

  ordersList(input: CallParsedInput<'orders.list'>): CallOutput<'orders.list'> {
    return lookups.ordersList(this.#c, input);
  }

  ordersForSession(sessionId: string): Order[] {
    return lookups.ordersForSession(this.#c, sessionId);
  }

  productGet(id: string): Product {
    return lookups.productGet(this.#c, id);
  }

  /** The backend's settings with a queued change laid over them. */
  settings(): Settings {
    return lookups.settings(this.#c);
  }

  putSettings(settings: Settings): void {
    this.#c.kvSet('settings', settings);
  }

  /** B10: the backend's whole list of canned replies (cannedReplies.ts). */
  putCannedReplies(items: CannedReply[]): void {
    canned.putCannedReplies(this.#c, items);
  }

  cannedReplies(options: Parameters<typeof canned.listCannedReplies>[1]): CannedReply[] {
    return canned.listCannedReplies(this.#c, options);
  }

  prefs(): Prefs {
    return lookups.prefs(this.#c);
  }

  updatePrefs(patch: Partial<Prefs>): Prefs {
    return lookups.updatePrefs(this.#c, patch);
  }

  /** Free-form values of the core (the account this cache belongs to, …). */
  getValue<T>(key: string): T | undefined {
    return this.#c.kvGet<T>(`core.${key}`);
  }

  setValue(key: string, value: unknown): void {
    this.#c.kvSet(`core.${key}`, value);
  }

  // ---------------------------------------------------------------- outbox (outboxStore.ts)

  /** Checks, queues and lays over a staff action in one transaction. */
  enqueue(payload: ActionPayload, actionId: string, now: string): outbox.EnqueueResult {
    return outbox.enqueue(this.#c, payload, actionId, now);
  }

  /** The next action to send (in order), or null. */
  nextPending(): QueuedAction | null {
    return outbox.nextPending(this.#c);
  }

  pendingCount(): number {
    return outbox.pendingCount(this.#c);
  }

  ackedCount(): number {
    return outbox.ackedCount(this.#c);
  }

  listActions(): QueuedAction[] {
    return outbox.listActions(this.#c);
  }

  recordAttempt(actionId: string, error: string | null): void {
    outbox.recordAttempt(this.#c, actionId, error);
  }

  /** The backend accepted the action; its effect stays laid over until its events are applied (settleAcked). */
  markAcked(actionId: string, response?: unknown): void {
    outbox.markAcked(this.#c, actionId, response);
  }

  /** Called once the cache has applied the feed up to the backend's head: accepted actions are now in it. */
  settleAcked(): SessionsChanged {
    return outbox.settleAcked(this.#c);
  }

  /** The backend refused the action: it is dropped and the cache shows the backend's state again. */
  refuse(actionId: string): { action: QueuedAction | null; changes: SessionsChanged } {
    return outbox.refuse(this.#c, actionId);
  }

  // ---------------------------------------------------------------- B9's review queue and sanctions (moderationCache.ts)

  putModerationItems(items: ModerationItem[]): void {
    moderation.putModerationItems(this.#c, items);
  }

  cachedQueue(query: ModerationQueueQuery): { items: ModerationItem[]; total: number } {
    return moderation.cachedQueue(this.#c, query);
  }

  cachedModerationItem(id: string): ModerationItem | null {
    return moderation.cachedModerationItem(this.#c, id);
  }

  moderationItemOfMessage(messageId: string): string | null {
    return moderation.moderationItemOfMessage(this.#c, messageId);
  }

  putSanctions(sanctions: Sanction[]): void {
    moderation.putSanctions(this.#c, sanctions);
  }

  cachedRules(): ReturnType<typeof moderation.cachedRules> {
    return moderation.cachedRules(this.#c);
  }

  putRules(rules: ModerationRules): void {
    moderation.putRules(this.#c, rules);
  }

  forgetRules(): void {
    moderation.forgetRules(this.#c);
  }

  sanctionsOf(userId: string, now: string): Sanction[] {
    return moderation.sanctionsOf(this.#c, userId, now);
  }

  activeSanctions(userIds: string[], now: string): Sanction[] {
    return moderation.activeSanctions(this.#c, userIds, now);
  }

  info(): Pick<AppInfo, 'name'> & { sessions: number; unread: number; pending: number } {
    return { name: 'cache', sessions: this.sessionCount(), unread: this.unreadTotal(), pending: this.pendingCount() };
  }
}
