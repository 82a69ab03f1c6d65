// Bulk data for benchmarks: N sessions and M messages made by the database itself (generate_series), with
// customers, sellers and products in proportion, consistent counters (messages, unread, flagged) and
// last_message_at spread over the last 30 days. Ids are deterministic UUIDs (md5 of a tag and the row number).
import { foldArabic } from '../../shared/arabicFold.ts';
import { FILL_MODERATION_QUEUE_SQL } from '../store/moderation.ts';
import type { Queryable } from './db.ts';

export interface GenerateOptions {
  sessions: number;
  messages: number;
  customers?: number;
  sellers?: number;
  products?: number;
  /** Rows per INSERT statement (progress and memory). */
  chunk?: number;
  /**
   * Drop the secondary indexes of sessions and messages during the load and build them afterwards (much faster
   * at millions of rows). Use it inside a transaction: a failure then leaves the indexes as they were.
   */
  rebuildIndexes?: boolean;
  onProgress?: (step: string) => void;
}

/** A v4-shaped UUID from md5(tag || n): the same row number gives the same id on every run. */
const uuidOf = (tag: string, n: string) =>
  `overlay(overlay(md5('${tag}' || (${n})::text) placing '4' from 13) placing '8' from 17)::uuid`;

// Arabic words that Arabic folding leaves as they are, so lower() gives the folded search text in SQL too.
const AR_NAMES = ['محمد', 'خالد', 'فهد', 'سلمان', 'نور', 'ريم', 'عمر', 'هند', 'يوسف', 'مريم'];
const EN_NAMES = ['Emma', 'Liam', 'Olivia', 'Noah', 'Sophia', 'James', 'Lucas', 'Mia', 'Adam', 'Lina'];
const AR_PRODUCTS = [
  'سماعات',
  'عطر عود',
  'ساعة يد',
  'حقيبة جلد',
  'شاحن سريع',
  'دلة قهوة',
  'ثوب قطن',
  'مصحف',
  'بخور',
  'تمر سكري',
];
const EN_PRODUCTS = [
  'Smart watch',
  'Running shoes',
  'Air fryer',
  'Gaming keyboard',
  'Phone case',
  'Yoga mat',
  'Coffee grinder',
  'Desk lamp',
  'Sunglasses',
  'Backpack',
];
const BODIES = [
  'السلام عليكم، هل المنتج متوفر؟',
  'Hi, is this still available?',
  'نعم متوفر والحمد لله',
  'Yes, it ships today.',
  'كم مدة التوصيل؟',
  'Delivery takes two to three days.',
  'تمام، شكراً لك',
  'Great, thanks!',
];
const FLAGGED_BODY = 'راسلني واتساب 0551234567';

const arr = (items: string[]) => `ARRAY[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]`;

export async function generateBulk(db: Queryable, options: GenerateOptions): Promise<void> {
  const N = Math.max(1, Math.floor(options.sessions));
  const M = Math.max(0, Math.floor(options.messages));
  const S = options.sellers ?? Math.max(20, Math.round(N / 500));
  const C = options.customers ?? Math.max(60, Math.round(N / 10));
  const P = options.products ?? Math.max(80, Math.round(N / 50));
  const chunk = options.chunk ?? 1_000_000;
  const progress = options.onProgress ?? (() => {});
  const STAFF = '00000000-0000-4000-8000-00000000b0b0';

  const sellerName = (n: string) =>
    `(CASE WHEN (${n}) % 2 = 0 THEN (${arr(AR_NAMES)})[1 + (${n}) % 10] || ' store ' ELSE (${arr(EN_NAMES)})[1 + (${n}) % 10] || ' Shop ' END) || (${n})`;
  const customerName = (n: string) =>
    `(CASE WHEN (${n}) % 2 = 0 THEN (${arr(AR_NAMES)})[1 + ((${n}) / 2) % 10] ELSE (${arr(EN_NAMES)})[1 + ((${n}) / 2) % 10] END) || ' ' || (${n})`;
  const productName = (n: string) =>
    `(CASE WHEN (${n}) % 2 = 0 THEN (${arr(AR_PRODUCTS)})[1 + ((${n}) / 2) % 10] ELSE (${arr(EN_PRODUCTS)})[1 + ((${n}) / 2) % 10] END) || ' ' || (${n})`;

  let indexes: Array<{ name: string; def: string }> = [];
  if (options.rebuildIndexes) {
    const { rows } = await db.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()
         AND tablename IN ('chat_sessions', 'chat_messages') AND indexname NOT LIKE '%_pkey'`,
    );
    indexes = rows.map((r) => ({ name: r.indexname, def: r.indexdef }));
    for (const index of indexes) await db.query(`DROP INDEX ${index.name}`);
  }

  progress(`users: ${S} sellers, ${C} customers`);
  await db.query(
    `INSERT INTO users (id, name, email, role, search_text, created_at, updated_at)
     SELECT ${uuidOf('bs', 'i')}, ${sellerName('i')}, 'bench-seller-' || i || '@bench.chatdesk', 'seller',
            lower(${sellerName('i')} || ' bench-seller-' || i || '@bench.chatdesk'), now() - interval '400 days', now() - interval '400 days'
       FROM generate_series(0, ${S - 1}) AS i`,
  );
  for (let from = 0; from < C; from += chunk) {
    const to = Math.min(C, from + chunk) - 1;
    await db.query(
      `INSERT INTO users (id, name, email, role, search_text, created_at, updated_at)
       SELECT ${uuidOf('bc', 'i')}, ${customerName('i')}, 'bench-customer-' || i || '@bench.chatdesk', 'customer',
              lower(${customerName('i')} || ' bench-customer-' || i || '@bench.chatdesk'), now() - interval '300 days', now() - interval '300 days'
         FROM generate_series(${from}::bigint, ${to}::bigint) AS i`,
    );
  }
  progress(`products: ${P}`);
  await db.query(
    `INSERT INTO products (id, name, seller_id, price, currency, search_text, created_at, updated_at)
     SELECT ${uuidOf('bp', 'k')}, ${productName('k')}, ${uuidOf('bs', `k % ${S}`)}, 10 + (k % 990), 'SAR', lower(${productName('k')}),
            now() - interval '200 days', now() - interval '200 days'
       FROM generate_series(0, ${P - 1}) AS k`,
  );
  progress('orders');
  await db.query(
    `INSERT INTO orders (id, customer_id, product_id, status, quantity, total, currency, created_at, updated_at)
     SELECT ${uuidOf('bo', 'o')}, ${uuidOf('bc', `(o * 104729) % ${C}`)}, ${uuidOf('bp', `(o * 7919) % ${P}`)},
            (ARRAY['pending','paid','shipped','delivered','cancelled'])[1 + o % 5], 1 + o % 3, (1 + o % 3) * (10 + ((o * 7919) % ${P}) % 990), 'SAR',
            now() - make_interval(mins => ((o * 7) % 43200)::int), now()
       FROM generate_series(0::bigint, ${Math.max(1, Math.round(N / 5)) - 1}::bigint) AS o`,
  );

  // Session i: product (i*7919) % P, customer (i*104729) % C, seller = the product's seller; it holds the messages
  // g with g % N = i, so its count, unread and flagged figures follow from i alone.
  const cnt = (i: string) => `(CASE WHEN (${i}) < ${M} THEN (${M} - 1 - (${i})) / ${N} + 1 ELSE 0 END)`;
  const lastAt = (i: string) => `(date_trunc('minute', now()) - make_interval(mins => (((${i}) * 7919) % 43200)::int))`;
  const roleOf = (j: string) =>
    `(CASE WHEN (${j}) % 10 = 7 THEN 'staff' WHEN (${j}) % 2 = 0 THEN 'customer' ELSE 'seller' END)`;
  for (let from = 0; from < N; from += chunk) {
    const to = Math.min(N, from + chunk) - 1;
    progress(`sessions ${from}..${to}`);
    await db.query(
      `INSERT INTO chat_sessions (id, product_id, customer_id, seller_id, product_name, customer_name, seller_name,
          search_text, messages_count, unread_count, flagged_count, last_message_at, created_at, updated_at)
       SELECT ${uuidOf('bss', 'i')}, ${uuidOf('bp', 'k')}, ${uuidOf('bc', 'c')}, ${uuidOf('bs', `k % ${S}`)},
              ${productName('k')}, ${customerName('c')}, ${sellerName(`k % ${S}`)},
              lower(${productName('k')} || ' | ' || ${customerName('c')} || ' | ' || ${sellerName(`k % ${S}`)}),
              ${cnt('i')},
              CASE WHEN i % 5 = 0 AND ${cnt('i')} > 0 AND ${roleOf(`${cnt('i')} - 1`)} <> 'staff' THEN 1 ELSE 0 END,
              CASE WHEN i % 13 = 0 AND ${cnt('i')} > 0 THEN 1 ELSE 0 END,
              ${lastAt('i')}, ${lastAt('i')} - make_interval(mins => (3 * ${cnt('i')} + 1)::int), ${lastAt('i')}
         FROM (SELECT i, (i * 7919) % ${P} AS k, (i * 104729) % ${C} AS c FROM generate_series(${from}::bigint, ${to}::bigint) AS i) AS x`,
    );
  }
  for (let from = 0; from < M; from += chunk) {
    const to = Math.min(M, from + chunk) - 1;
    progress(`messages ${from}..${to}`);
    await db.query(
      `INSERT INTO chat_messages (id, session_id, sender_role, sender_id, sender_name, body, flags, read_at, created_at,
          search_text)
       SELECT ${uuidOf('bm', 'g')}, ${uuidOf('bss', 'i')}, role,
              CASE role WHEN 'customer' THEN ${uuidOf('bc', `(i * 104729) % ${C}`)} WHEN 'seller' THEN ${uuidOf('bs', `((i * 7919) % ${P}) % ${S}`)} ELSE '${STAFF}'::uuid END,
              CASE role WHEN 'customer' THEN ${customerName(`(i * 104729) % ${C}`)} WHEN 'seller' THEN ${sellerName(`((i * 7919) % ${P}) % ${S}`)} ELSE 'Support' END,
              CASE WHEN flagged THEN '${FLAGGED_BODY}' ELSE (${arr(BODIES)})[1 + g % ${BODIES.length}] END,
              CASE WHEN flagged THEN '{phone,blocklisted}'::text[] ELSE '{}'::text[] END,
              CASE WHEN i % 5 = 0 AND j = n - 1 AND role <> 'staff' THEN NULL ELSE at + interval '1 minute' END,
              at,
              CASE WHEN flagged THEN '${foldArabic(FLAGGED_BODY)}' ELSE (${arr(BODIES.map(foldArabic))})[1 + g % ${BODIES.length}] END
         FROM (SELECT g, i, j, n, ${roleOf('j')} AS role, (i % 13 = 0 AND j = 0) AS flagged,
                      ${lastAt('i')} - make_interval(mins => (3 * (n - 1 - j))::int) AS at
                 FROM (SELECT g, g % ${N} AS i, g / ${N} AS j, ${cnt(`g % ${N}`)} AS n
                         FROM generate_series(${from}::bigint, ${to}::bigint) AS g) AS a) AS b`,
    );
  }
  // B9: the flagged messages are in the review queue
  progress('review queue');
  await db.query(FILL_MODERATION_QUEUE_SQL);
  for (const index of indexes) {
    progress(`index ${index.name}`);
    await db.query(index.def);
  }
  // Analysed here (it may run in the caller's transaction); a caller that keeps the data for measurements vacuums it
  // afterwards, outside any transaction (see test/bench/backend.ts).
  progress('analyze');
  await db.query('ANALYZE');
}
