// Canned replies (B10) as the cache keeps them: the backend's list, replaced whole when the desk fetches it, and
// kept current by the feed's cannedReply.upserted / cannedReply.deleted events, so the reply box finds them offline.
// A manager's or an admin's queued change (create, edit, delete) is laid over the list when it is read, in the order
// made, until the feed brings the backend's own (settled) or the backend refuses it (dropped, so the list goes back).
import { foldArabic } from '../../../shared/arabicFold.ts';
import type { CannedReply, CannedReplyLanguage } from '../../../shared/domain.ts';
import type { ActionPayload } from './actions.ts';
import type { CacheDb } from './db.ts';
import { type Row, utc } from './rows.ts';

export function upsertCannedReply(db: CacheDb, r: CannedReply): void {
  db.run(
    `INSERT OR REPLACE INTO canned_replies (id, shortcut, title, body, language, created_at, updated_at, shortcut_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    r.id,
    r.shortcut,
    r.title,
    r.body,
    r.language,
    utc(r.createdAt),
    utc(r.updatedAt),
    foldArabic(r.shortcut),
  );
}

export function deleteCannedReply(db: CacheDb, id: string): void {
  db.run('DELETE FROM canned_replies WHERE id = ?', id);
}

/** The backend's whole list: what it no longer has is dropped. */
export function putCannedReplies(db: CacheDb, items: CannedReply[]): void {
  db.tx(() => {
    db.run('DELETE FROM canned_replies');
    for (const r of items) upsertCannedReply(db, r);
  });
}

/**
 * The canned replies of a language (all when absent) by shortcut; `search` keeps those whose shortcut starts with it
 * or whose shortcut, title or body contains it (folded), the shortcut matches first.
 */
export function listCannedReplies(
  db: CacheDb,
  options: { language?: CannedReplyLanguage | undefined; search?: string | undefined },
): CannedReply[] {
  const folded = options.search ? foldArabic(options.search.trim()) : '';
  const items = withQueued(db, db.all('SELECT * FROM canned_replies').map(toCannedReply))
    .filter((r) => !options.language || r.language === options.language)
    .sort((a, b) => compare(foldArabic(a.shortcut), foldArabic(b.shortcut)) || compare(a.id, b.id));
  if (!folded) return items;
  const starts = items.filter((r) => foldArabic(r.shortcut).startsWith(folded));
  const contains = items.filter(
    (r) => !starts.includes(r) && [r.shortcut, r.title, r.body].some((text) => foldArabic(text).includes(folded)),
  );
  return [...starts, ...contains];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The backend's list with the canned-reply actions still in the outbox laid over it, in the order made. */
function withQueued(db: CacheDb, items: CannedReply[]): CannedReply[] {
  const byId = new Map(items.map((r) => [r.id, r]));
  const queued = db.all(`SELECT payload FROM outbox WHERE kind LIKE 'cannedReplies.%' ORDER BY seq`);
  for (const row of queued) {
    const p = JSON.parse(row.payload as string) as ActionPayload;
    if (p.kind === 'cannedReplies.create') byId.set(p.reply.id, p.reply);
    else if (p.kind === 'cannedReplies.update') {
      const current = byId.get(p.id);
      if (current) byId.set(p.id, { ...current, ...p.patch, updatedAt: p.shown.updatedAt });
    } else if (p.kind === 'cannedReplies.delete') byId.delete(p.id);
  }
  return [...byId.values()];
}

function toCannedReply(r: Row): CannedReply {
  return {
    id: r.id as string,
    shortcut: r.shortcut as string,
    title: r.title as string,
    body: r.body as string,
    language: r.language as CannedReplyLanguage,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}
