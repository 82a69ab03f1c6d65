// The audit log (B4): one page, newest first, narrowed by action and staff member. Entries are written by
// `flushAudit` (context.ts) at the end of each write transaction.
import type { z } from 'zod';
import type { AuditLogQuery } from '../../shared/api.ts';
import type { AuditEntry } from '../../shared/domain.ts';
import type { Queryable } from '../db/db.ts';
import { toAudit } from './rows.ts';

export async function listAudit(
  db: Queryable,
  query: z.infer<typeof AuditLogQuery>,
): Promise<{ items: AuditEntry[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.action) where.push(`action = $${params.push(query.action)}`);
  if (query.staffId) where.push(`staff_id = $${params.push(query.staffId)}`);
  const condition = where.length ? where.join(' AND ') : 'true';
  const [items, total] = await Promise.all([
    db.query<Parameters<typeof toAudit>[0]>(
      `SELECT id, at, staff_id, staff_name, action, target_kind, target_id, details FROM audit_log WHERE ${condition}
        ORDER BY at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE ${condition}`, params),
  ]);
  return { items: items.rows.map(toAudit), total: total.rows[0]?.n ?? 0 };
}
