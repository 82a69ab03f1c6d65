// What the forms, lists and settings read from the cache besides the session grid: the parties of a new or edited
// session (checked by the rule the backend applies, src/shared/parties.ts), the pickers' options, the users and
// orders lists, a product, the backend's settings with a queued change laid over them, the window's preferences and
// the core's own values (the key-value table).
import { foldArabic } from '../../../shared/arabicFold.ts';
import {
  type CallOutput,
  type CallParsedInput,
  DEFAULT_PREFS,
  type Option,
  type Prefs,
  type ProductOption,
} from '../../../shared/bridge.ts';
import type { NamedRef, Order, Product, Settings } from '../../../shared/domain.ts';
import { AppError } from '../../../shared/errors.ts';
import { checkParties, type FoundProduct, type FoundUser, partiesSellerId } from '../../../shared/parties.ts';
import { likeContains } from '../../../shared/search.ts';
import type { CacheDb } from './db.ts';
import { toOrder, toProduct, toUser } from './rows.ts';
import type { SqlValue } from './sessionQuery.ts';
import { requireSession } from './shownSessions.ts';

/** Checks that product, customer and seller exist here and fit together (as the backend will); names each field. */
export function resolveParties(
  db: CacheDb,
  productId: string,
  customerId: string,
  sellerId?: string,
): { product: NamedRef; customer: NamedRef; seller: NamedRef } {
  const row = db.get('SELECT id, name, seller_id FROM products WHERE id = ?', productId);
  const product: FoundProduct | undefined = row
    ? { id: row.id as string, name: row.name as string, sellerId: row.seller_id as string }
    : undefined;
  const input = { productId, customerId, sellerId };
  const sid = partiesSellerId(input, product);
  const user = (id: string) => db.get('SELECT id, name, role FROM users WHERE id = ?', id) as FoundUser | undefined;
  return checkParties(input, { product, customer: user(customerId), seller: sid ? user(sid) : undefined });
}

export function optionsUsers(db: CacheDb, role: 'customer' | 'seller', search: string, limit: number): Option[] {
  const folded = foldArabic(search);
  const rows = folded
    ? db.all(
        `SELECT id, name, email FROM users WHERE role = ? AND search_text LIKE ? ESCAPE '\\' ORDER BY name_key, id LIMIT ?`,
        role,
        likeContains(folded),
        limit,
      )
    : db.all('SELECT id, name, email FROM users WHERE role = ? ORDER BY name_key, id LIMIT ?', role, limit);
  return rows.map((r) => ({ id: r.id as string, label: r.name as string, hint: r.email as string }));
}

export function optionsProducts(db: CacheDb, search: string, limit: number): ProductOption[] {
  const folded = foldArabic(search);
  const rows = db.all(
    `SELECT p.id, p.name, p.seller_id, u.name AS seller_name FROM products p LEFT JOIN users u ON u.id = p.seller_id
        WHERE (? = '' OR p.name_key LIKE ? ESCAPE '\\') ORDER BY p.name_key, p.id LIMIT ?`,
    folded,
    likeContains(folded),
    limit,
  );
  return rows.map((r) => ({
    id: r.id as string,
    label: r.name as string,
    sellerId: r.seller_id as string,
    ...(r.seller_name ? { hint: r.seller_name as string } : {}),
  }));
}

export function usersList(db: CacheDb, input: CallParsedInput<'users.list'>): CallOutput<'users.list'> {
  const folded = foldArabic(input.search);
  const where = `(? IS NULL OR role = ?) AND (? = '' OR search_text LIKE ? ESCAPE '\\')`;
  const params: SqlValue[] = [input.role ?? null, input.role ?? null, folded, likeContains(folded)];
  const rows = db.all(
    `SELECT * FROM users WHERE ${where} ORDER BY name_key, id LIMIT ? OFFSET ?`,
    ...params,
    input.limit,
    input.offset,
  );
  const total = Number(db.get(`SELECT count(*) AS n FROM users WHERE ${where}`, ...params)?.n ?? 0);
  return {
    items: rows.map((r) => ({
      ...toUser(r),
      sessionsCount: Number(
        db.get(
          r.role === 'seller'
            ? 'SELECT count(*) AS n FROM sessions WHERE seller_id = ?'
            : 'SELECT count(*) AS n FROM sessions WHERE customer_id = ?',
          r.id as string,
        )?.n ?? 0,
      ),
    })),
    total,
  };
}

export function ordersList(db: CacheDb, input: CallParsedInput<'orders.list'>): CallOutput<'orders.list'> {
  const folded = foldArabic(input.search);
  const where = `(? IS NULL OR o.customer_id = ?) AND (? IS NULL OR o.product_id = ?)
      AND (? = '' OR u.search_text LIKE ? ESCAPE '\\' OR p.name_key LIKE ? ESCAPE '\\')`;
  const like = likeContains(folded);
  const params: SqlValue[] = [
    input.customerId ?? null,
    input.customerId ?? null,
    input.productId ?? null,
    input.productId ?? null,
    folded,
    like,
    like,
  ];
  const from = 'FROM orders o LEFT JOIN users u ON u.id = o.customer_id LEFT JOIN products p ON p.id = o.product_id';
  const rows = db.all(
    `SELECT o.*, u.name AS customer_name, p.name AS product_name ${from} WHERE ${where}
        ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?`,
    ...params,
    input.limit,
    input.offset,
  );
  const total = Number(db.get(`SELECT count(*) AS n ${from} WHERE ${where}`, ...params)?.n ?? 0);
  return {
    items: rows.map((r) => ({
      ...toOrder(r),
      customerName: (r.customer_name as string | null) ?? '',
      productName: (r.product_name as string | null) ?? '',
    })),
    total,
  };
}

export function ordersForSession(db: CacheDb, sessionId: string): Order[] {
  const session = requireSession(db, sessionId, 'sessionId');
  return db
    .all(
      'SELECT * FROM orders WHERE customer_id = ? AND product_id = ? ORDER BY created_at DESC, id DESC',
      session.customer.id,
      session.product.id,
    )
    .map(toOrder);
}

export function productGet(db: CacheDb, id: string): Product {
  const row = db.get('SELECT * FROM products WHERE id = ?', id);
  if (!row) throw new AppError('not_found', `No product with id ${id}`, { id: 'no such product' });
  return toProduct(row);
}

/** The backend's settings with a queued change laid over them. */
export function settings(db: CacheDb): Settings {
  const pending = db.get(`SELECT payload FROM outbox WHERE kind = 'settings.update' ORDER BY seq DESC LIMIT 1`);
  if (pending) return (JSON.parse(pending.payload as string) as { settings: Settings }).settings;
  return db.kvGet<Settings>('settings') ?? { chatMobileEnabled: true };
}

export function prefs(db: CacheDb): Prefs {
  const stored = db.kvGet<Partial<Prefs>>('prefs') ?? {};
  return { ...DEFAULT_PREFS, ...stored };
}

export function updatePrefs(db: CacheDb, patch: Partial<Prefs>): Prefs {
  const next = { ...prefs(db), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  db.kvSet('prefs', next);
  return next;
}
