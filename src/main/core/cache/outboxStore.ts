// The outbox's tables: staff actions queued in order (`outbox`) and the sessions each touches (`outbox_touch`).
// Queuing checks an action against the cache (a clear error at once, nothing queued) and lays its effect over the
// shown sessions in the same transaction; settling or refusing it rebuilds those sessions from the backend's state
// (shownSessions.ts). Sending, retries and their order belong to the outbox engine (../outbox.ts).
import type { Session } from '../../../shared/domain.ts';
import { AppError } from '../../../shared/errors.ts';
import { type ActionPayload, emptyChanges, isQueryTarget, type QueuedAction, type SessionsChanged } from './actions.ts';
import { type CacheDb, MAX_NAMED_CHANGES } from './db.ts';
import { insertPendingMessage } from './messages.ts';
import { chainRulesEdits } from './moderationCache.ts';
import { overlayMessages, overlaySession } from './overlay.ts';
import { SESSION_COLUMN_LIST, toAction } from './rows.ts';
import { type SqlValue, sessionWhere } from './sessionQuery.ts';
import {
  ensureBase,
  getSession,
  overlayContext,
  readSessionRow,
  recompute,
  requireSession,
  show,
} from './shownSessions.ts';

export interface EnqueueResult {
  action: QueuedAction;
  value: unknown;
  changes: SessionsChanged;
}

/** The sessions an action touches: named one by one, or by a SQL statement for "all matching". */
type Touched = string[] | { sql: string; params: SqlValue[] };

/**
 * Writes a staff action: checks it against the cache (a clear error at once, nothing queued), queues it and
 * lays its effect over the cache — one transaction, so a crash leaves either both or neither.
 */
export function enqueue(db: CacheDb, payload: ActionPayload, actionId: string, now: string): EnqueueResult {
  const { value, changes } = db.collect(() => {
    const touched = prepare(db, payload);
    const info = db
      .stmt(`INSERT INTO outbox (id, kind, payload, state, created_at) VALUES (?, ?, ?, 'pending', ?)`)
      .run(actionId, payload.kind, JSON.stringify(payload), now);
    const seq = Number(info.lastInsertRowid);
    const action: QueuedAction = {
      seq,
      id: actionId,
      kind: payload.kind,
      payload,
      state: 'pending',
      attempts: 0,
      lastError: null,
      createdAt: now,
    };
    const result = applyNew(db, action, touched);
    return { action, result };
  });
  return { action: value.action, value: value.result, changes };
}

/** Checks an action and names the sessions it touches (a SQL statement for "all matching"). */
function prepare(db: CacheDb, payload: ActionPayload): Touched {
  switch (payload.kind) {
    case 'sessions.create': {
      const s = payload.session;
      if (getSession(db, s.id)) throw new AppError('conflict', 'A session with this id exists', { id: 'is taken' });
      return [s.id];
    }
    case 'sessions.update':
    case 'sessions.triage':
    case 'sessions.delete':
      requireSession(db, payload.id);
      return [payload.id];
    case 'sessions.deleteMany':
    case 'sessions.markRead':
    case 'sessions.assign':
    case 'sessions.resolve':
    case 'sessions.reopen':
    case 'sessions.snooze': {
      const target = payload.target;
      if (isQueryTarget(target)) {
        const where = sessionWhere(target.allMatching.filter, Date.now());
        // Only the sessions the action changes.
        const extra =
          {
            'sessions.markRead': ' AND unread_count > 0',
            'sessions.resolve': ` AND status <> 'resolved'`,
            'sessions.reopen': ` AND status <> 'open'`,
          }[payload.kind as string] ?? '';
        return { sql: `SELECT id FROM sessions WHERE ${where.sql}${extra}`, params: where.params };
      }
      return target.ids.filter((id) => readSessionRow(db, id) !== undefined);
    }
    case 'messages.send':
      requireSession(db, payload.message.sessionId, 'sessionId');
      return [payload.message.sessionId];
    case 'messages.delete': {
      const row = db.get('SELECT session_id, hidden FROM messages WHERE id = ?', payload.id);
      if (!row || Number(row.hidden) === 1) {
        throw new AppError('not_found', `No message with id ${payload.id}`, { id: 'no such message' });
      }
      payload.sessionId = row.session_id as string;
      return [payload.sessionId];
    }
    case 'messages.markRead':
      requireSession(db, payload.sessionId, 'sessionId');
      return [payload.sessionId];
    case 'settings.update':
    case 'cannedReplies.create':
    case 'cannedReplies.update':
    case 'cannedReplies.delete':
    case 'moderation.decide':
    case 'moderation.sanction':
    case 'moderation.liftSanction':
    case 'moderation.escalate':
    case 'moderation.updateRules':
      return [];
  }
}

/** Records the sessions a new action touches, keeps their backend state and lays the action over them. */
function applyNew(db: CacheDb, action: QueuedAction, touched: Touched): unknown {
  const p = action.payload;
  if (Array.isArray(touched)) {
    for (const id of touched) {
      ensureBase(db, id);
      db.run('INSERT OR IGNORE INTO outbox_touch (session_id, action_seq) VALUES (?, ?)', id, action.seq);
    }
  } else {
    // "All matching": named in SQL, laid over in SQL (the effects of these two kinds do not depend on the row).
    db.run(
      `INSERT OR IGNORE INTO sessions_base (${SESSION_COLUMN_LIST}, absent)
         SELECT ${SESSION_COLUMN_LIST}, 0 FROM sessions WHERE id IN (${touched.sql})`,
      ...touched.params,
    );
    db.run(
      `INSERT OR IGNORE INTO outbox_touch (session_id, action_seq) SELECT id, ? FROM (${touched.sql})`,
      action.seq,
      ...touched.params,
    );
  }
  const ids = Array.isArray(touched)
    ? touched
    : db.all('SELECT session_id AS id FROM outbox_touch WHERE action_seq = ?', action.seq).map((r) => r.id as string);

  if (p.kind === 'sessions.deleteMany' || p.kind === 'sessions.markRead') {
    if (ids.length > MAX_NAMED_CHANGES) return applyBulk(db, action);
  }
  const ctx = overlayContext(db);
  let affected = 0;
  let result: unknown;
  for (const id of ids) {
    const before = getSession(db, id);
    if (p.kind === 'messages.send') insertPendingMessage(db, p.message);
    const after: Session | null = overlaySession(ctx, action, before, id);
    overlayMessages(ctx, action, id);
    show(db, id, after);
    if (p.kind === 'sessions.markRead' || p.kind === 'messages.markRead') {
      affected += Math.max(0, (before?.unreadCount ?? 0) - (after?.unreadCount ?? 0));
    } else if (p.kind === 'sessions.delete' || p.kind === 'sessions.deleteMany') {
      if (before && !after) affected++;
    } else if (p.kind === 'messages.delete') {
      affected = 1;
    } else if (
      p.kind === 'sessions.assign' ||
      p.kind === 'sessions.resolve' ||
      p.kind === 'sessions.reopen' ||
      p.kind === 'sessions.snooze'
    ) {
      if (
        before &&
        after &&
        (before.status !== after.status ||
          before.assigneeId !== after.assigneeId ||
          before.snoozedUntil !== after.snoozedUntil)
      )
        affected++;
    }
    result = after;
  }
  switch (p.kind) {
    case 'sessions.create':
    case 'sessions.update':
    case 'sessions.triage':
      return result;
    case 'messages.send':
      return p.message;
    case 'settings.update':
      return p.settings;
    // B10: laid over the cached list when it is read (cannedReplies.ts), until the feed brings the backend's.
    case 'cannedReplies.create':
      return p.reply;
    case 'cannedReplies.update':
      return p.shown;
    case 'cannedReplies.delete':
      return { affected: 1 };
    // B9: nothing laid over; the window refreshes the queue when the backend's events arrive.
    case 'moderation.decide':
    case 'moderation.sanction':
    case 'moderation.liftSanction':
    case 'moderation.escalate':
    case 'moderation.updateRules':
      return { actionId: action.id };
    default:
      return { affected };
  }
}

/** A bulk action over more sessions than a notice names: laid over in a few statements. */
function applyBulk(db: CacheDb, action: QueuedAction): { affected: number } {
  const inAction = 'SELECT session_id FROM outbox_touch WHERE action_seq = ?';
  db.gen++;
  db.changes.all = true;
  if (action.payload.kind === 'sessions.deleteMany') {
    const affected = db.run(`DELETE FROM sessions WHERE id IN (${inAction})`, action.seq);
    return { affected };
  }
  const affected = Number(
    db.get(`SELECT coalesce(sum(unread_count), 0) AS n FROM sessions WHERE id IN (${inAction})`, action.seq)?.n,
  );
  db.changes.readUnknown = true;
  db.run(`UPDATE sessions SET unread_count = 0 WHERE id IN (${inAction}) AND unread_count > 0`, action.seq);
  db.run(
    `UPDATE messages SET pending_read_at = ? WHERE session_id IN (${inAction}) AND read_at IS NULL
          AND pending_read_at IS NULL AND sender_role <> 'staff'`,
    action.createdAt,
    action.seq,
  );
  return { affected };
}

/** The next action to send (in order), or null. */
export function nextPending(db: CacheDb): QueuedAction | null {
  const row = db.get(`SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 1`);
  return row ? toAction(row) : null;
}

export function pendingCount(db: CacheDb): number {
  return Number(db.get(`SELECT count(*) AS n FROM outbox WHERE state = 'pending'`)?.n ?? 0);
}

export function ackedCount(db: CacheDb): number {
  return Number(db.get(`SELECT count(*) AS n FROM outbox WHERE state = 'acked'`)?.n ?? 0);
}

export function listActions(db: CacheDb): QueuedAction[] {
  return db.all('SELECT * FROM outbox ORDER BY seq').map(toAction);
}

export function recordAttempt(db: CacheDb, actionId: string, error: string | null): void {
  db.run('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?', error, actionId);
}

/** The backend accepted the action; its effect stays laid over until its events are applied (settleAcked). */
export function markAcked(db: CacheDb, actionId: string, response?: unknown): void {
  db.tx(() => {
    const row = db.get('SELECT kind, payload FROM outbox WHERE id = ?', actionId);
    db.run(`UPDATE outbox SET state = 'acked' WHERE id = ?`, actionId);
    if (row?.kind === 'settings.update' && response) db.kvSet('settings', response);
    if (row?.kind === 'moderation.updateRules') {
      const { rules } = JSON.parse(row.payload as string) as { rules: { revision: string } };
      chainRulesEdits(db, rules, response);
    }
  });
}

/** Called once the cache has applied the feed up to the backend's head: accepted actions are now in it. */
export function settleAcked(db: CacheDb): SessionsChanged {
  const acked = db.all(`SELECT seq FROM outbox WHERE state = 'acked' ORDER BY seq`).map((r) => Number(r.seq));
  if (acked.length === 0) return emptyChanges(db.unreadTotal());
  return db.collect(() => {
    for (const seq of acked) removeAction(db, seq);
  }).changes;
}

/** The backend refused the action: it is dropped and the cache shows the backend's state again. */
export function refuse(db: CacheDb, actionId: string): { action: QueuedAction | null; changes: SessionsChanged } {
  const row = db.get('SELECT * FROM outbox WHERE id = ?', actionId);
  if (!row) return { action: null, changes: emptyChanges(db.unreadTotal()) };
  const action = toAction(row);
  const { changes } = db.collect(() => {
    removeAction(db, action.seq);
    // The settings shown were the queued change laid over the backend's: they go back.
    if (action.kind === 'settings.update') db.changes.settings = true;
    // So were the canned replies shown with a queued change laid over them.
    if (action.kind.startsWith('cannedReplies.')) db.changes.cannedReplies = true;
    // And the rules: the backend's are shown again (the core reads them anew after a refusal, outbox.ts).
    if (action.kind === 'moderation.updateRules') db.changes.rules = true;
  });
  return { action, changes };
}

/** Drops an action and rebuilds the sessions it touched from the backend's state and the actions still queued. */
function removeAction(db: CacheDb, seq: number): void {
  const touched = db
    .all('SELECT session_id FROM outbox_touch WHERE action_seq = ?', seq)
    .map((r) => r.session_id as string);
  db.run('DELETE FROM outbox_touch WHERE action_seq = ?', seq);
  db.run('DELETE FROM outbox WHERE seq = ?', seq);
  if (touched.length > MAX_NAMED_CHANGES) {
    // A bulk action: sessions no other action touches go back to the backend's state in a few statements.
    db.changes.all = true;
    db.changes.readUnknown = true;
    db.gen++;
    db.db.exec('CREATE TEMP TABLE IF NOT EXISTS settle (id TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM temp.settle;');
    const ins = db.stmt('INSERT OR IGNORE INTO temp.settle (id) VALUES (?)');
    for (const id of touched) ins.run(id);
    db.db.exec('DELETE FROM temp.settle WHERE id IN (SELECT session_id FROM outbox_touch)');
    db.run(`DELETE FROM sessions WHERE id IN (SELECT b.id FROM sessions_base b JOIN temp.settle s ON s.id = b.id
        WHERE b.absent = 1)`);
    db.run(`INSERT OR REPLACE INTO sessions (${SESSION_COLUMN_LIST})
        SELECT ${SESSION_COLUMN_LIST} FROM sessions_base WHERE absent = 0 AND id IN (SELECT id FROM temp.settle)`);
    db.run(`UPDATE messages SET pending_read_at = NULL, hidden = 0 WHERE session_id IN (SELECT id FROM temp.settle)`);
    db.run('DELETE FROM sessions_base WHERE id IN (SELECT id FROM temp.settle)');
    const rest = db.all(
      'SELECT DISTINCT session_id AS id FROM outbox_touch WHERE session_id IN (SELECT value FROM json_each(?))',
      JSON.stringify(touched),
    );
    for (const r of rest) recompute(db, r.id as string);
    return;
  }
  for (const id of touched) recompute(db, id);
}
