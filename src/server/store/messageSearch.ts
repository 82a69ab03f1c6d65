// B2: search inside message bodies. The query is folded the way the stored `search_text` was (foldArabic), LIKE
// wildcards in it are escaped, and hits come newest first with a keyset cursor (created_at, id), so a page never
// repeats or skips a message while new ones arrive.
import {
  type MessageSearchHit,
  type MessageSearchPage,
  type MessageSearchQuery,
  messageSearchCursor,
  parseMessageSearchCursor,
} from '../../shared/api.ts';
import { foldArabic } from '../../shared/arabicFold.ts';
import { AppError } from '../../shared/errors.ts';
import { likeContains } from '../../shared/search.ts';
import type { Queryable } from '../db/db.ts';
import { MESSAGE_COLUMNS, type MessageRow, toMessage } from './rows.ts';

interface HitRow extends MessageRow {
  product_id: string;
  product_name: string;
  customer_id: string;
  customer_name: string;
  seller_id: string;
  seller_name: string;
}

export async function searchMessages(db: Queryable, query: MessageSearchQuery): Promise<MessageSearchPage> {
  const folded = foldArabic(query.q);
  if (folded.length === 0) {
    throw new AppError('bad_request', 'Invalid query: q holds no letters to search for', {
      q: 'holds no letters to search for (only marks or spaces)',
    });
  }
  const params: unknown[] = [likeContains(folded), query.limit + 1];
  let before = '';
  if (query.before) {
    const cursor = parseMessageSearchCursor(query.before);
    params.push(cursor.createdAt, cursor.id);
    before = 'AND (m.created_at, m.id) < ($3::timestamptz, $4::uuid)';
  }
  const { rows } = await db.query<HitRow>(
    `SELECT ${MESSAGE_COLUMNS}, s.product_id, s.product_name, s.customer_id, s.customer_name, s.seller_id,
            s.seller_name
       FROM chat_messages m JOIN chat_sessions s ON s.id = m.session_id
      WHERE m.search_text LIKE $1 ${before}
      ORDER BY m.created_at DESC, m.id DESC
      LIMIT $2`,
    params,
  );
  const items: MessageSearchHit[] = rows.slice(0, query.limit).map((r) => ({
    ...toMessage(r),
    product: { id: r.product_id, name: r.product_name },
    customer: { id: r.customer_id, name: r.customer_name },
    seller: { id: r.seller_id, name: r.seller_name },
  }));
  const last = items.at(-1);
  return { items, nextBefore: rows.length > query.limit && last ? messageSearchCursor(last) : null };
}
