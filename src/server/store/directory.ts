// Customers, sellers and products by name (F6, F9, F13; the mobile app's catalogue): one page and the total, narrowed
// by the folded search text and by one column's value. The staff routes and the participant routes ask the same.
// Staff rename users and products; the new name is copied onto their sessions in the same transaction.
import type { z } from 'zod';
import type { ProductListQuery, RenameBody, UserListQuery } from '../../shared/api.ts';
import { foldArabic } from '../../shared/arabicFold.ts';
import type { Product, User } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import { likeContains, sessionSearchText, userSearchText } from '../../shared/search.ts';
import type { Queryable } from '../db/db.ts';
import type { WriteCtx } from './context.ts';
import {
  PRODUCT_COLUMNS,
  SESSION_COLUMNS,
  type SessionRow,
  toProduct,
  toSession,
  toUser,
  USER_COLUMNS,
} from './rows.ts';

interface Listed<Row, Item> {
  /** The table and its alias, as in `FROM users u`. */
  table: string;
  alias: string;
  columns: string;
  map(row: Row): Item;
}

interface PageQuery {
  search?: string | undefined;
  offset: number;
  limit: number;
}

async function pageByName<Row, Item>(
  db: Queryable,
  listed: Listed<Row, Item>,
  equal: { column: string; value: string | undefined },
  query: PageQuery,
): Promise<{ items: Item[]; total: number }> {
  const a = listed.alias;
  const params: unknown[] = [];
  const where: string[] = [];
  if (equal.value) where.push(`${a}.${equal.column} = $${params.push(equal.value)}`);
  const folded = query.search ? foldArabic(query.search) : '';
  if (folded) where.push(`${a}.search_text LIKE $${params.push(likeContains(folded))}`);
  const condition = where.length ? where.join(' AND ') : 'true';
  const [items, total] = await Promise.all([
    db.query<Row>(
      `SELECT ${listed.columns} FROM ${listed.table} WHERE ${condition} ORDER BY ${a}.name, ${a}.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${listed.table} WHERE ${condition}`, params),
  ]);
  return { items: items.rows.map(listed.map), total: total.rows[0]?.n ?? 0 };
}

const USERS: Listed<Parameters<typeof toUser>[0], User> = {
  table: 'users u',
  alias: 'u',
  columns: USER_COLUMNS,
  map: toUser,
};
const PRODUCTS: Listed<Parameters<typeof toProduct>[0], Product> = {
  table: 'products p',
  alias: 'p',
  columns: PRODUCT_COLUMNS,
  map: toProduct,
};

/** Customers and sellers by name, of one role if asked. */
export function listUsers(db: Queryable, query: z.infer<typeof UserListQuery>) {
  return pageByName(db, USERS, { column: 'role', value: query.role }, query);
}

/** Products by name, of one seller if asked. */
export function listProducts(db: Queryable, query: z.infer<typeof ProductListQuery>) {
  return pageByName(db, PRODUCTS, { column: 'seller_id', value: query.sellerId }, query);
}

type UserRow = Parameters<typeof toUser>[0];

/** One customer or seller; 404 naming `id` when there is none. */
export async function requireUser(db: Queryable, id: string): Promise<User> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
  if (!rows[0]) throw new AppError('not_found', `No user with id ${id}`, { id: 'no such user' });
  return toUser(rows[0]);
}

/** Renames a customer or seller and their sessions; emits and audits the change. */
export async function renameUser(ctx: WriteCtx, id: string, name: z.infer<typeof RenameBody>['name']): Promise<User> {
  const { rows } = await ctx.tx.query<UserRow>(
    `UPDATE users u SET name = $2, updated_at = now() WHERE u.id = $1 RETURNING ${USER_COLUMNS}`,
    [id, name],
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found', `No user with id ${id}`, { id: 'no such user' });
  await ctx.tx.query('UPDATE users SET search_text = $2 WHERE id = $1', [id, userSearchText(row.name, row.email)]);
  const user = toUser(row);
  ctx.events.push({ type: 'user.upserted', user });
  const sessions = await propagateName(ctx, user.role, user.id);
  ctx.audits.push({ action: 'user.rename', targetKind: 'user', targetId: user.id, details: { name, sessions } });
  return user;
}

/** Renames a product and its sessions; emits and audits the change. */
export async function renameProduct(
  ctx: WriteCtx,
  id: string,
  name: z.infer<typeof RenameBody>['name'],
): Promise<Product> {
  const { rows } = await ctx.tx.query<Parameters<typeof toProduct>[0]>(
    `UPDATE products p SET name = $2, search_text = $3, updated_at = now() WHERE p.id = $1 RETURNING ${PRODUCT_COLUMNS}`,
    [id, name, foldArabic(name)],
  );
  if (!rows[0]) throw new AppError('not_found', `No product with id ${id}`, { id: 'no such product' });
  const product = toProduct(rows[0]);
  ctx.events.push({ type: 'product.upserted', product });
  const sessions = await propagateName(ctx, 'product', product.id);
  ctx.audits.push({
    action: 'product.rename',
    targetKind: 'product',
    targetId: product.id,
    details: { name, sessions },
  });
  return product;
}

/** Copies a renamed user's or product's name onto its sessions and emits their new state. */
async function propagateName(ctx: WriteCtx, column: 'customer' | 'seller' | 'product', id: string): Promise<number> {
  const { rows } = await ctx.tx.query<SessionRow>(
    `UPDATE chat_sessions s SET ${column}_name = src.name, updated_at = now()
       FROM (SELECT $2::text AS name) src
      WHERE s.${column}_id = $1 AND s.${column}_name IS DISTINCT FROM src.name
      RETURNING ${SESSION_COLUMNS}`,
    [id, column === 'product' ? await nameOf(ctx.tx, 'products', id) : await nameOf(ctx.tx, 'users', id)],
  );
  for (const row of rows) {
    await ctx.tx.query('UPDATE chat_sessions SET search_text = $2 WHERE id = $1', [
      row.id,
      sessionSearchText(row.product_name, row.customer_name, row.seller_name),
    ]);
    ctx.events.push({ type: 'session.upserted', session: toSession(row) });
  }
  return rows.length;
}

async function nameOf(db: Queryable, table: 'users' | 'products', id: string): Promise<string> {
  const { rows } = await db.query<{ name: string }>(`SELECT name FROM ${table} WHERE id = $1`, [id]);
  return rows[0]?.name ?? '';
}
