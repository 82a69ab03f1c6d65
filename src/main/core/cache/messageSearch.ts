// B2 offline: search inside the message bodies the cache holds (the conversations opened here and the messages the
// live feed brought since), folded like the backend's search (foldArabic), newest first, with the backend's keyset
// cursor. It is a partial search by nature: the cache never holds every message.
import type { DatabaseSync } from 'node:sqlite';
import { type MessageSearchPage, messageSearchCursor, parseMessageSearchCursor } from '../../../shared/api.ts';
import { foldArabic } from '../../../shared/arabicFold.ts';
import { type Row, toMessage, utc } from './rows.ts';

export interface CachedMessageSearch {
  /** Already folded (foldArabic) and not empty. */
  folded: string;
  before?: string | undefined;
  limit: number;
  /** Only the messages sent here and not yet accepted by the backend (queued replies). */
  pendingOnly?: boolean;
}

export function searchCachedMessages(db: DatabaseSync, input: CachedMessageSearch): MessageSearchPage {
  const cursor = input.before ? parseMessageSearchCursor(input.before) : null;
  const statement = db.prepare(
    `SELECT m.*, s.product_id, s.product_name, s.customer_id, s.customer_name, s.seller_id, s.seller_name
       FROM messages m JOIN sessions s ON s.id = m.session_id
      WHERE m.hidden = 0 AND (? = 0 OR m.origin = 'pending') AND (? IS NULL OR (m.created_at, m.id) < (?, ?))
      ORDER BY m.created_at DESC, m.id DESC`,
  );
  const at = cursor ? utc(cursor.createdAt) : null;
  const hits: Row[] = [];
  // Walk newest first and stop after one hit more than a page: the body is folded here, as on the backend.
  for (const row of statement.iterate(input.pendingOnly ? 1 : 0, at, at, cursor?.id ?? null) as Iterable<Row>) {
    if (!foldArabic(row.body as string).includes(input.folded)) continue;
    hits.push(row);
    if (hits.length > input.limit) break;
  }
  const items = hits.slice(0, input.limit).map((r) => ({
    ...toMessage(r),
    product: { id: r.product_id as string, name: r.product_name as string },
    customer: { id: r.customer_id as string, name: r.customer_name as string },
    seller: { id: r.seller_id as string, name: r.seller_name as string },
  }));
  const last = items.at(-1);
  return { items, nextBefore: hits.length > input.limit && last ? messageSearchCursor(last) : null };
}

/** What the cache knows that a backend search cannot: messages and sessions deleted here while the delete waits in the
 * outbox (their ids, to leave out of the backend's answer). */
export function locallyDeleted(
  db: DatabaseSync,
  hits: Array<{ id: string; sessionId: string }>,
): { messageIds: string[]; sessionIds: string[] } {
  if (hits.length === 0) return { messageIds: [], sessionIds: [] };
  const messageIds = (
    db
      .prepare('SELECT id FROM messages WHERE hidden = 1 AND id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(hits.map((h) => h.id))) as Row[]
  ).map((r) => r.id as string);
  // A session gone from the cache while a queued action still names it: deleted here, not yet on the backend.
  const sessionIds = (
    db
      .prepare(
        `SELECT DISTINCT t.session_id AS id FROM outbox_touch t
          WHERE t.session_id IN (SELECT value FROM json_each(?))
            AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = t.session_id)`,
      )
      .all(JSON.stringify([...new Set(hits.map((h) => h.sessionId))])) as Row[]
  ).map((r) => r.id as string);
  return { messageIds, sessionIds };
}
