// B9 in the desk cache: the review-queue items the desk has seen (from the queue pages it fetched and from the feed),
// so the Moderation section shows them offline; participants' sanctions (from the feed and the item pane), so a
// conversation shows a mute or ban in force beside the name; and which queue items are new to review, for the
// moderators' notifications. The backend stays the truth: every item and sanction is the backend's whole record.
import type { ModerationQueueQuery } from '../../../shared/api.ts';
import type { ModerationItem, Sanction } from '../../../shared/domain.ts';
import type { ReviewNotice } from '../../../shared/moderationDesk.ts';
import type { ModerationRules, ModerationRulesBody } from '../../../shared/moderationRules.ts';
import type { CacheDb } from './db.ts';
import { utc } from './rows.ts';

/**
 * Where the rules in force are kept: the backend's answer to GET, fetched by a desk whose role reads them (on opening
 * the rules, and when the feed says they changed). The feed itself carries only their revision.
 */
export const RULES_KEY = 'moderation.rules';

/**
 * The rules as the desk shows them: the latest change still queued in the outbox laid over the backend's (marked
 * pending), else the backend's as last seen; null when the desk has never seen them.
 */
export function cachedRules(db: CacheDb): (ModerationRules & { pending?: boolean }) | null {
  const kept = db.kvGet<ModerationRules>(RULES_KEY) ?? null;
  const queued = db.get(
    `SELECT payload FROM outbox WHERE kind = 'moderation.updateRules' AND state = 'pending' ORDER BY seq DESC LIMIT 1`,
  );
  if (!queued) return kept;
  const { rules } = JSON.parse(queued.payload as string) as { rules: ModerationRulesBody };
  return { ...rules, updatedAt: kept?.updatedAt ?? null, updatedBy: kept?.updatedBy ?? null, pending: true };
}

export function putRules(db: CacheDb, rules: ModerationRules): void {
  db.kvSet(RULES_KEY, rules);
}

/** A role that may not read the rules keeps none (a cache written before the feed stopped carrying them). */
export function forgetRules(db: CacheDb): void {
  db.run('DELETE FROM kv WHERE key = ?', RULES_KEY);
}

/**
 * The backend accepted a rules edit made here (its answer is the new revision): edits queued after it were made on top
 * of it (the desk showed it laid over), so they are now made from its revision, not the one it replaced. An edit
 * queued from the same revision by someone else is still refused: only this desk's own chain moves on.
 */
export function chainRulesEdits(db: CacheDb, acked: { revision: string }, response: unknown): void {
  const next = (response as { revision?: unknown } | null)?.revision;
  if (typeof next !== 'string') return;
  db.run(
    `UPDATE outbox SET payload = json_set(payload, '$.rules.revision', ?)
     WHERE kind = 'moderation.updateRules' AND state = 'pending' AND json_extract(payload, '$.rules.revision') = ?`,
    next,
    acked.revision,
  );
}

/** Keeps the backend's item; answers whether it opened now (unknown before, or resolved before). */
export function upsertModerationItem(db: CacheDb, item: ModerationItem): boolean {
  const before = db.get('SELECT status FROM moderation_items WHERE id = ?', item.id);
  db.run(
    `INSERT INTO moderation_items (id, message_id, status, first_seen_at, reports_count, reasons, categories, item)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET message_id = excluded.message_id, status = excluded.status,
       first_seen_at = excluded.first_seen_at, reports_count = excluded.reports_count, reasons = excluded.reasons,
       categories = excluded.categories, item = excluded.item`,
    item.id,
    item.message.id,
    item.status,
    utc(item.firstSeenAt),
    item.reportsCount,
    JSON.stringify(item.reasons),
    JSON.stringify([...new Set(item.reports.map((r) => r.category))]),
    JSON.stringify(item),
  );
  return item.status === 'open' && before?.status !== 'open';
}

/** The feed's item: kept, and noticed for the moderators' notifications when it opened (live events only). */
export function applyModerationItem(db: CacheDb, item: ModerationItem, notify: boolean): void {
  const opened = upsertModerationItem(db, item);
  db.changes.moderation = true;
  if (notify && opened) db.changes.review.push(reviewNotice(item));
}

export function reviewNotice(item: ModerationItem): ReviewNotice {
  return {
    itemId: item.id,
    messageId: item.message.id,
    sessionId: item.session.id,
    senderName: item.message.senderName,
    body: item.message.body,
    productName: item.session.product.name,
    reasons: item.reasons,
  };
}

/** A page of the queue fetched from the backend: kept for offline. */
export function putModerationItems(db: CacheDb, items: ModerationItem[]): void {
  db.tx(() => {
    for (const item of items) upsertModerationItem(db, item);
  });
}

/** An open item with a decision still queued in the outbox is shown as decided (it leaves the open queue). */
const DECIDED_HERE = `EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'moderation.decide' AND o.state = 'pending'
  AND json_extract(o.payload, '$.id') = moderation_items.id)`;

/**
 * The queue as the cache last saw it, with the backend's filters and sorts: the Moderation section offline. The
 * items a decision is queued for count as decided.
 */
export function cachedQueue(db: CacheDb, query: ModerationQueueQuery): { items: ModerationItem[]; total: number } {
  const where: string[] = [];
  const args: string[] = [];
  const status = query.status ?? 'open';
  where.push(
    status === 'open' ? `status = 'open' AND NOT ${DECIDED_HERE}` : `(status = 'resolved' OR ${DECIDED_HERE})`,
  );
  if (query.reason) {
    where.push('EXISTS (SELECT 1 FROM json_each(reasons) WHERE value = ?)');
    args.push(query.reason);
  }
  if (query.category) {
    where.push('EXISTS (SELECT 1 FROM json_each(categories) WHERE value = ?)');
    args.push(query.category);
  }
  const filter = where.join(' AND ');
  const order = query.sort === 'reportsCount' ? 'reports_count DESC, first_seen_at, id' : 'first_seen_at, id';
  const total = Number(db.get(`SELECT count(*) AS n FROM moderation_items WHERE ${filter}`, ...args)?.n ?? 0);
  const rows = db.all(
    `SELECT item FROM moderation_items WHERE ${filter} ORDER BY ${order} LIMIT ? OFFSET ?`,
    ...args,
    query.limit ?? 50,
    query.offset ?? 0,
  );
  return { items: rows.map((r) => JSON.parse(r.item as string) as ModerationItem), total };
}

/** The cached item, or null. */
export function cachedModerationItem(db: CacheDb, id: string): ModerationItem | null {
  const row = db.get('SELECT item FROM moderation_items WHERE id = ?', id);
  return row ? (JSON.parse(row.item as string) as ModerationItem) : null;
}

/** The queue item of a message (to restore it from the conversation), or null when the desk has not seen one. */
export function moderationItemOfMessage(db: CacheDb, messageId: string): string | null {
  const row = db.get('SELECT id FROM moderation_items WHERE message_id = ? ORDER BY first_seen_at DESC', messageId);
  return row ? (row.id as string) : null;
}

/** Keeps one of the backend's sanctions (given or lifted). */
export function upsertSanction(db: CacheDb, s: Sanction): void {
  db.run(
    `INSERT INTO sanctions (id, user_id, kind, starts_at, ends_at, lifted_at, sanction) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, kind = excluded.kind,
       starts_at = excluded.starts_at, ends_at = excluded.ends_at, lifted_at = excluded.lifted_at,
       sanction = excluded.sanction`,
    s.id,
    s.userId,
    s.kind,
    utc(s.startsAt),
    s.endsAt ? utc(s.endsAt) : null,
    s.liftedAt ? utc(s.liftedAt) : null,
    JSON.stringify(s),
  );
}

/** Keeps a list of the backend's sanctions (a participant's, read for the item pane or a conversation). */
export function putSanctions(db: CacheDb, sanctions: Sanction[]): void {
  db.tx(() => {
    for (const s of sanctions) upsertSanction(db, s);
  });
}

/** A participant's sanctions the desk has seen, newest first, `active` by the desk's clock. */
export function sanctionsOf(db: CacheDb, userId: string, now: string): Sanction[] {
  const at = utc(now);
  return db
    .all('SELECT sanction FROM sanctions WHERE user_id = ? ORDER BY starts_at DESC, id DESC', userId)
    .map((r) => {
      const s = JSON.parse(r.sanction as string) as Sanction;
      const active =
        s.kind !== 'warn' && s.liftedAt === null && utc(s.startsAt) <= at && (s.endsAt === null || utc(s.endsAt) > at);
      return { ...s, active };
    });
}

/**
 * The mutes and bans in force now for these participants, by the desk's clock (a mute that ended since the backend
 * answered is no longer in force), the longest-lasting first per participant.
 */
export function activeSanctions(db: CacheDb, userIds: string[], now: string): Sanction[] {
  if (userIds.length === 0) return [];
  const at = utc(now);
  const rows = db.all(
    `SELECT sanction FROM sanctions WHERE user_id IN (SELECT value FROM json_each(?)) AND kind IN ('mute', 'ban')
       AND lifted_at IS NULL AND starts_at <= ? AND (ends_at IS NULL OR ends_at > ?)
     ORDER BY user_id, ends_at IS NULL DESC, ends_at DESC`,
    JSON.stringify(userIds),
    at,
    at,
  );
  return rows.map((r) => ({ ...(JSON.parse(r.sanction as string) as Sanction), active: true }));
}
