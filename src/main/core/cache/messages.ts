// A session's messages as the cache holds them: the backend's (origin 'server'), kept from the pages the desk
// fetched and from the feed, and those sent here and still queued (origin 'pending'). Queued reads and deletes are
// laid over them (pending_read_at, hidden) by the shown sessions' overlay (shownSessions.ts).
import type { Message } from '../../../shared/domain.ts';
import { AppError } from '../../../shared/errors.ts';
import type { CacheDb } from './db.ts';
import { overlayMessages } from './overlay.ts';
import { type Row, toMessage, utc } from './rows.ts';
import { actionsTouching, hasBase, overlayContext, resetMessageOverlay } from './shownSessions.ts';

/** Writes the backend's message; true when the cache already had one with this id. */
export function upsertServerMessage(db: CacheDb, m: Message): boolean {
  const existed = db.get('SELECT origin FROM messages WHERE id = ?', m.id);
  db.run(
    `INSERT INTO messages (id, session_id, sender_role, sender_id, sender_name, body, flags, read_at, created_at, origin,
       kind, removed, removed_reason, removed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'server', ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET session_id = excluded.session_id, kind = excluded.kind,
       sender_role = excluded.sender_role,
       sender_id = excluded.sender_id, sender_name = excluded.sender_name, body = excluded.body,
       flags = excluded.flags, read_at = excluded.read_at, created_at = excluded.created_at, origin = 'server',
       removed = excluded.removed, removed_reason = excluded.removed_reason, removed_at = excluded.removed_at`,
    m.id,
    m.sessionId,
    m.senderRole,
    m.senderId,
    m.senderName,
    m.body,
    JSON.stringify(m.flags),
    m.readAt ? utc(m.readAt) : null,
    utc(m.createdAt),
    m.kind,
    // B9: removed by a moderator (staff still read it, marked with the reason).
    m.removed ? 1 : 0,
    m.removed ? (m.removedReason ?? null) : null,
    m.removed && m.removedAt ? utc(m.removedAt) : null,
  );
  return existed !== undefined;
}

/** A message sent here, shown until its sending is settled or refused. */
export function insertPendingMessage(db: CacheDb, m: Message): void {
  db.run(
    `INSERT INTO messages (id, session_id, sender_role, sender_id, sender_name, body, flags, read_at, created_at, origin,
       kind)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, 'pending', ?)`,
    m.id,
    m.sessionId,
    m.senderRole,
    m.senderId,
    m.senderName,
    m.body,
    JSON.stringify(m.flags),
    utc(m.createdAt),
    m.kind,
  );
}

/** The `limit` messages before `before` (a message id; absent: the latest), oldest first. */
export function messagesList(
  db: CacheDb,
  sessionId: string,
  before: string | undefined,
  limit: number,
): { items: Message[]; hasMore: boolean } {
  let rows: Row[];
  if (before) {
    const anchor = db.get('SELECT created_at, id FROM messages WHERE id = ? AND session_id = ?', before, sessionId);
    if (!anchor) {
      throw new AppError('not_found', `No message ${before} in this session`, { before: 'no such message here' });
    }
    rows = db.all(
      `SELECT * FROM messages WHERE session_id = ? AND hidden = 0 AND (created_at, id) < (?, ?)
        ORDER BY created_at DESC, id DESC LIMIT ?`,
      sessionId,
      anchor.created_at as string,
      anchor.id as string,
      limit + 1,
    );
  } else {
    rows = db.all(
      'SELECT * FROM messages WHERE session_id = ? AND hidden = 0 ORDER BY created_at DESC, id DESC LIMIT ?',
      sessionId,
      limit + 1,
    );
  }
  const hasMore = rows.length > limit;
  return { items: rows.slice(0, limit).reverse().map(toMessage), hasMore };
}

/**
 * Keeps a page of messages fetched from the backend; server messages inside the page's time range that the page
 * does not hold were deleted meanwhile. Messages newer than the page are left alone (a live event may have
 * brought them after the fetch).
 */
export function putMessages(
  db: CacheDb,
  sessionId: string,
  items: Message[],
  complete: boolean,
  before?: string,
): void {
  db.tx(() => {
    for (const m of items) upsertServerMessage(db, m);
    const first = items[0];
    const last = items.at(-1);
    if (first && last) {
      const ids = JSON.stringify(items.map((m) => m.id));
      const lower = complete ? '' : utc(first.createdAt);
      let upper = utc(last.createdAt);
      if (before) {
        const anchor = db.get('SELECT created_at FROM messages WHERE id = ?', before);
        if (anchor) upper = anchor.created_at as string;
      }
      db.run(
        `DELETE FROM messages WHERE session_id = ? AND origin = 'server' AND created_at >= ? AND created_at <= ?
            AND id NOT IN (SELECT value FROM json_each(?)) AND id <> ?`,
        sessionId,
        lower,
        upper,
        ids,
        before ?? '',
      );
    } else if (complete && !before) {
      db.run(`DELETE FROM messages WHERE session_id = ? AND origin = 'server'`, sessionId);
    }
    if (hasBase(db, sessionId)) {
      resetMessageOverlay(db, sessionId);
      const ctx = overlayContext(db);
      for (const action of actionsTouching(db, sessionId)) overlayMessages(ctx, action, sessionId);
    }
  });
}
