// Canned replies (B10) as the cache keeps them: the backend's list, replaced whole when the desk fetches it, and
// kept current by the feed's cannedReply.upserted / cannedReply.deleted events, so the reply box finds them offline.
import { foldArabic } from '../../../shared/arabicFold.ts';
import type { CannedReply, CannedReplyLanguage } from '../../../shared/domain.ts';
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
  const rows = db.all(
    `SELECT * FROM canned_replies WHERE (? IS NULL OR language = ?)
        ORDER BY shortcut_key, id`,
    options.language ?? null,
    options.language ?? null,
  );
  const items = rows.map(toCannedReply);
  if (!folded) return items;
  const starts = items.filter((r) => foldArabic(r.shortcut).startsWith(folded));
  const contains = items.filter(
    (r) => !starts.includes(r) && [r.shortcut, r.title, r.body].some((text) => foldArabic(text).includes(folded)),
  );
  return [...starts, ...contains];
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
