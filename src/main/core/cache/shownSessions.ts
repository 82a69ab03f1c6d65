// The shown sessions: `sessions` holds each session as the grid shows it — the backend's state with the queued
// staff actions laid over it. `sessions_base` keeps the backend's own state of every session an action touches, and
// the shown row is rebuilt from it (overlay.ts) whenever a feed event or the action's outcome arrives, so an echo
// never doubles and a refusal puts the row back. Every write here records what changed for the grid (db.changes).
import type { Session } from '../../../shared/domain.ts';
import { AppError } from '../../../shared/errors.ts';
import type { QueuedAction } from './actions.ts';
import type { CacheDb } from './db.ts';
import { type OverlayContext, overlayMessages, overlaySession } from './overlay.ts';
import {
  absentSessionRow,
  type Row,
  SESSION_COLUMN_LIST,
  SESSION_PLACEHOLDERS,
  sessionParams,
  sessionRow,
  toAction,
  toSession,
} from './rows.ts';

export function readSessionRow(db: CacheDb, id: string): Row | undefined {
  return db.get(`SELECT ${SESSION_COLUMN_LIST} FROM sessions WHERE id = ?`, id);
}

export function getSession(db: CacheDb, id: string): Session | null {
  const row = readSessionRow(db, id);
  return row ? toSession(row) : null;
}

export function requireSession(db: CacheDb, id: string, field = 'id'): Session {
  const session = getSession(db, id);
  if (!session) throw new AppError('not_found', `No chat session with id ${id}`, { [field]: 'no such session' });
  return session;
}

/** Writes the shown row of a session (null: not shown) and records the change. */
export function show(db: CacheDb, id: string, session: Session | null, gen?: number): void {
  const old = db.get('SELECT unread_count, gen FROM sessions WHERE id = ?', id);
  db.gen++;
  if (!session) {
    if (old) {
      db.run('DELETE FROM sessions WHERE id = ?', id);
      db.changes.deleted.add(id);
      db.changes.ids.delete(id);
    }
    return;
  }
  const rowGen = gen ?? (old ? Number(old.gen) : 0);
  db.run(
    `INSERT OR REPLACE INTO sessions (${SESSION_COLUMN_LIST}) VALUES (${SESSION_PLACEHOLDERS})`,
    ...sessionParams(sessionRow(session, rowGen)),
  );
  db.changes.ids.add(id);
  db.changes.deleted.delete(id);
  if (old && Number(old.unread_count) > 0 && session.unreadCount === 0) db.changes.read.add(id);
}

export function hasBase(db: CacheDb, id: string): boolean {
  return db.get('SELECT 1 AS x FROM sessions_base WHERE id = ?', id) !== undefined;
}

/** Keeps the backend's state of a session before the first queued action changes it. */
export function ensureBase(db: CacheDb, id: string): void {
  if (hasBase(db, id)) return;
  const copied = db.run(
    `INSERT INTO sessions_base (${SESSION_COLUMN_LIST}, absent) SELECT ${SESSION_COLUMN_LIST}, 0 FROM sessions WHERE id = ?`,
    id,
  );
  if (copied === 0) insertAbsentBase(db, id);
}

/** Records that the backend does not have the session (absent = 1) while actions still touch it. */
function insertAbsentBase(db: CacheDb, id: string): void {
  db.run(
    `INSERT OR REPLACE INTO sessions_base (${SESSION_COLUMN_LIST}, absent) VALUES (${SESSION_PLACEHOLDERS}, 1)`,
    ...sessionParams(absentSessionRow(id)),
  );
}

/** The queued actions that touch a session, in the order they were queued. */
export function actionsTouching(db: CacheDb, sessionId: string): QueuedAction[] {
  return db
    .all(
      `SELECT o.* FROM outbox o JOIN outbox_touch t ON t.action_seq = o.seq WHERE t.session_id = ? ORDER BY o.seq`,
      sessionId,
    )
    .map(toAction);
}

/** Rebuilds the shown row (and the messages' overlay) from the backend's state plus the actions still queued. */
export function recompute(db: CacheDb, sessionId: string): void {
  const base = db.get(`SELECT * FROM sessions_base WHERE id = ?`, sessionId);
  const actions = actionsTouching(db, sessionId);
  if (!base) {
    if (actions.length === 0) resetMessageOverlay(db, sessionId);
    return;
  }
  let session: Session | null = Number(base.absent) === 1 ? null : toSession(base);
  resetMessageOverlay(db, sessionId);
  const ctx = overlayContext(db);
  for (const action of actions) {
    session = overlaySession(ctx, action, session, sessionId);
    overlayMessages(ctx, action, sessionId);
  }
  show(db, sessionId, session, Number(base.gen));
  if (actions.length === 0) db.run('DELETE FROM sessions_base WHERE id = ?', sessionId);
}

/** Undoes the queued actions' effects on a session's messages (they are laid over again afterwards). */
export function resetMessageOverlay(db: CacheDb, sessionId: string): void {
  db.run(
    'UPDATE messages SET pending_read_at = NULL, hidden = 0 WHERE session_id = ? AND (pending_read_at IS NOT NULL OR hidden = 1)',
    sessionId,
  );
  // A message sent here whose sending was refused (its action is gone).
  db.run(
    `DELETE FROM messages WHERE session_id = ? AND origin = 'pending' AND id NOT IN (
       SELECT json_extract(o.payload, '$.message.id') FROM outbox o JOIN outbox_touch t ON t.action_seq = o.seq
        WHERE t.session_id = ? AND o.kind = 'messages.send')`,
    sessionId,
    sessionId,
  );
}

const contexts = new WeakMap<CacheDb, OverlayContext>();

/** What overlay.ts may read and write (the messages the effects depend on), one per database. */
export function overlayContext(db: CacheDb): OverlayContext {
  let ctx = contexts.get(db);
  if (ctx) return ctx;
  ctx = {
    message: (id: string) => db.get('SELECT * FROM messages WHERE id = ?', id),
    countUnreadAmong: (sessionId: string, ids: string[]) =>
      Number(
        db.get(
          `SELECT count(*) AS n FROM messages WHERE session_id = ? AND id IN (SELECT value FROM json_each(?))
              AND read_at IS NULL AND pending_read_at IS NULL AND sender_role <> 'staff' AND origin = 'server' AND hidden = 0`,
          sessionId,
          JSON.stringify(ids),
        )?.n ?? 0,
      ),
    markRead: (sessionId: string, at: string, ids?: string[]) => {
      if (ids) {
        db.run(
          `UPDATE messages SET pending_read_at = ? WHERE session_id = ? AND id IN (SELECT value FROM json_each(?))
              AND read_at IS NULL AND pending_read_at IS NULL AND sender_role <> 'staff'`,
          at,
          sessionId,
          JSON.stringify(ids),
        );
      } else {
        db.run(
          `UPDATE messages SET pending_read_at = ? WHERE session_id = ? AND read_at IS NULL AND pending_read_at IS NULL
              AND sender_role <> 'staff'`,
          at,
          sessionId,
        );
      }
    },
    hide: (id: string) => {
      db.run('UPDATE messages SET hidden = 1 WHERE id = ?', id);
    },
  };
  contexts.set(db, ctx);
  return ctx;
}

/** The backend says this is the session's state now. */
export function serverSession(db: CacheDb, session: Session, gen?: number): void {
  if (hasBase(db, session.id)) {
    const prev = db.get('SELECT gen FROM sessions_base WHERE id = ?', session.id);
    db.run(
      `INSERT OR REPLACE INTO sessions_base (${SESSION_COLUMN_LIST}, absent) VALUES (${SESSION_PLACEHOLDERS}, 0)`,
      ...sessionParams(sessionRow(session, gen ?? Number(prev?.gen ?? 0))),
    );
    recompute(db, session.id);
  } else {
    show(db, session.id, session, gen);
  }
}

/** The backend deleted the session (and its messages). */
export function serverSessionDeleted(db: CacheDb, sessionId: string): void {
  db.run(`DELETE FROM messages WHERE session_id = ? AND origin = 'server'`, sessionId);
  if (hasBase(db, sessionId)) {
    insertAbsentBase(db, sessionId);
    recompute(db, sessionId);
  } else {
    show(db, sessionId, null);
  }
}

/** Writes generated sessions straight into `sessions`, as the backend's (benchmarks, tests). */
export function bulkInsertSessions(db: CacheDb, sessions: Session[]): void {
  db.tx(() => {
    const stmt = db.stmt(`INSERT OR REPLACE INTO sessions (${SESSION_COLUMN_LIST}) VALUES (${SESSION_PLACEHOLDERS})`);
    for (const s of sessions) stmt.run(...sessionParams(sessionRow(s, 0)));
    db.gen++;
  });
}
