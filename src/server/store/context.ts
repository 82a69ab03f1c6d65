// What a write handler gets: its transaction, who is acting, and where to put the events and audit entries that
// the route helper appends at the end of the same transaction (in its closing statement).
import type { Staff } from '../../shared/domain.ts';
import type { Actor } from '../../shared/events.ts';
import { bind, type Queryable } from '../db/db.ts';
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

/** The statement that writes the collected audit entries (staff actions only), or null when there are none. */
export function auditInsert(ctx: WriteCtx, params: unknown[]): string | null {
  if (!ctx.staff || ctx.audits.length === 0) return null;
  const add = (value: unknown) => bind(params, value);
  return `INSERT INTO audit_log (staff_id, staff_name, action, target_kind, target_id, details)
    SELECT ${add(ctx.staff.id)}, ${add(ctx.staff.name)}, a, k, t, d::jsonb
      FROM unnest(${add(ctx.audits.map((a) => a.action))}::text[], ${add(ctx.audits.map((a) => a.targetKind))}::text[],
                  ${add(ctx.audits.map((a) => a.targetId))}::text[],
                  ${add(ctx.audits.map((a) => JSON.stringify(a.details ?? {})))}::text[]) AS x(a, k, t, d)`;
}
