// What a write handler gets: its transaction, who is acting, and where to put the events and audit entries that
// the route helper appends at the end of the same transaction.
import type { Staff } from '../../shared/domain.ts';
import type { Actor } from '../../shared/events.ts';
import type { Queryable } from '../db/db.ts';
import type { NewEvent } from '../feed.ts';

export interface AuditItem {
  action: string;
  targetKind: string;
  targetId: string | null;
  details?: Record<string, unknown>;
}

export interface WriteCtx {
  tx: Queryable;
  actor: Actor;
  staff: Staff | null;
  events: NewEvent[];
  audits: AuditItem[];
}

export function writeCtx(tx: Queryable, actor: Actor, staff: Staff | null = null): WriteCtx {
  return { tx, actor, staff, events: [], audits: [] };
}

/** Writes the collected audit entries (staff actions only) in the caller's transaction. */
export async function flushAudit(ctx: WriteCtx): Promise<void> {
  if (!ctx.staff || ctx.audits.length === 0) return;
  await ctx.tx.query(
    `INSERT INTO audit_log (staff_id, staff_name, action, target_kind, target_id, details)
     SELECT $1, $2, a, k, t, d::jsonb FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS x(a, k, t, d)`,
    [
      ctx.staff.id,
      ctx.staff.name,
      ctx.audits.map((a) => a.action),
      ctx.audits.map((a) => a.targetKind),
      ctx.audits.map((a) => a.targetId),
      ctx.audits.map((a) => JSON.stringify(a.details ?? {})),
    ],
  );
}
