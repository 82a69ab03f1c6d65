// Customers, sellers and products by name (F6, F9, F13; the mobile app's catalogue): one page and the total, narrowed
// by the folded search text and by one column's value. The staff routes and the participant routes ask the same.
import type { z } from 'zod';
import type { ProductListQuery, UserListQuery } from '../../shared/api.ts';
import { foldArabic } from '../../shared/arabicFold.ts';
import type { Product, User } from '../../shared/domain.ts';
import { likeContains } from '../../shared/search.ts';
import type { Queryable } from '../db/db.ts';
import { PRODUCT_COLUMNS, toProduct, toUser, USER_COLUMNS } from './rows.ts';

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
  q: Queryable,
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
  const w = where.length ? where.join(' AND ') : 'true';
  const [items, total] = await Promise.all([
    q.query<Row>(
      `SELECT ${listed.columns} FROM ${listed.table} WHERE ${w} ORDER BY ${a}.name, ${a}.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    ),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${listed.table} WHERE ${w}`, params),
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
export function listUsers(q: Queryable, query: z.infer<typeof UserListQuery>) {
  return pageByName(q, USERS, { column: 'role', value: query.role }, query);
}

/** Products by name, of one seller if asked. */
export function listProducts(q: Queryable, query: z.infer<typeof ProductListQuery>) {
  return pageByName(q, PRODUCTS, { column: 'seller_id', value: query.sellerId }, query);
}
