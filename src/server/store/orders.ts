// Orders (F13): one page, newest first, narrowed by customer, product and status.
import type { z } from 'zod';
import type { OrderListQuery } from '../../shared/api.ts';
import type { Order } from '../../shared/domain.ts';
import type { Queryable } from '../db/db.ts';
import { ORDER_COLUMNS, toOrder } from './rows.ts';

export async function listOrders(
  db: Queryable,
  query: z.infer<typeof OrderListQuery>,
): Promise<{ items: Order[]; total: number }> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (query.customerId) where.push(`o.customer_id = $${params.push(query.customerId)}`);
  if (query.productId) where.push(`o.product_id = $${params.push(query.productId)}`);
  if (query.status) where.push(`o.status = $${params.push(query.status)}`);
  const condition = where.length ? where.join(' AND ') : 'true';
  const [items, total] = await Promise.all([
    db.query<Parameters<typeof toOrder>[0]>(
      `SELECT ${ORDER_COLUMNS} FROM orders o WHERE ${condition} ORDER BY o.created_at DESC, o.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders o WHERE ${condition}`, params),
  ]);
  return { items: items.rows.map(toOrder), total: total.rows[0]?.n ?? 0 };
}
