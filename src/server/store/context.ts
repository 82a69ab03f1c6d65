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

/**
 * The statement that writes the collected audit entries (staff actions only), or null when there are none. The
 * entries go in as one JSON array read by jsonb_to_recordset, whose row estimate is the same whatever the array
 * holds: a closing statement prepared with it gets one generic plan, not a new plan per write (unnest of an array
 * value is estimated from the value, so PostgreSQL planned it again every time).
 */
export function auditInsert(ctx: WriteCtx, params: unknown[]): string | null {
  if (!ctx.staff || ctx.audits.length === 0) return null;
  const add = (value: unknown) => bind(params, value);
  const entries = ctx.audits.map((a) => ({
    action: a.action,
    target_kind: a.targetKind,
    target_id: a.targetId,
    details: a.details ?? {},
  }));
  return `INSERT INTO audit_log (staff_id, staff_name, action, target_kind, target_id, details)
    SELECT ${add(ctx.staff.id)}, ${add(ctx.staff.name)}, x.action, x.target_kind, x.target_id, x.details
      FROM jsonb_to_recordset(${add(JSON.stringify(entries))}::jsonb)
        AS x(action text, target_kind text, target_id text, details jsonb)`;
}
