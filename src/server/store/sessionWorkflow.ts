// Sessions in the agent workflow (B10): status, assignee and snooze, one at a time or in bulk through the bulk
// target, who may assign whom, and the first-response fill. Each write emits the sessions' new state and its audit.
import type { AssignTarget, BulkTarget } from '../../shared/api.ts';
import { can, type Session, type SessionStatus, type Staff } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import type { Queryable } from '../db/db.ts';
import type { WriteCtx } from './context.ts';
import { SESSION_COLUMNS, type SessionRow, toSession } from './rows.ts';
import { checkConfirmed, targetWhere } from './sessions.ts';

/**
 * Fills `first_response_at` of the sessions that have none from their messages: the first staff reply after the
 * customer's first message (the demo seed runs it after writing its messages; migration 006 did it once).
 */
export const FILL_FIRST_RESPONSE_SQL = `UPDATE chat_sessions s SET first_response_at = r.at
  FROM (
    SELECT f.session_id, min(m.created_at) AS at
      FROM (SELECT session_id, min(created_at) AS first_at FROM chat_messages
             WHERE sender_role = 'customer' AND kind = 'message' GROUP BY session_id) f
      JOIN chat_messages m ON m.session_id = f.session_id AND m.sender_role = 'staff' AND m.kind = 'message'
       AND m.created_at >= f.first_at
     GROUP BY f.session_id
  ) r
 WHERE r.session_id = s.id AND s.first_response_at IS NULL`;

/** 403 naming `field` when `staff` may not move the assignment from `current` to `next` (null: nobody). */
function checkAssign(staff: Staff, current: string | null, next: string | null, field: string): void {
  if (can(staff.role, 'sessions.assign') || current === next) return;
  if (next === staff.id && current === null) return;
  if (next === null && current === staff.id) return;
  const why =
    next !== null && next !== staff.id
      ? 'your role may assign sessions only to yourself'
      : next === null
        ? 'your role may unassign only yourself'
        : 'is assigned to someone else: your role may not take it over';
  throw new AppError('forbidden', `Your role (${staff.role}) may not do this assignment: ${why}`, { [field]: why });
}

/** The active staff account `id` names, or 404 naming `field`. */
async function requireAssignee(db: Queryable, id: string, field: string): Promise<{ id: string; name: string }> {
  const { rows } = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM staff WHERE id = $1 AND disabled_at IS NULL',
    [id],
  );
  const row = rows[0];
  if (!row)
    throw new AppError('not_found', `No active staff account ${id}`, { [field]: 'no such active staff account' });
  return row;
}

export interface WorkflowPatch {
  status?: SessionStatus | undefined;
  assigneeId?: string | null | undefined;
  snoozedUntil?: string | null | undefined;
}

/**
 * Changes a session's status, assignee and snooze (B10) as `staff` may (checkAssign). Resolving stamps
 * `resolvedAt`; any other status clears it. Emits the new state and one audit entry per kind of change; a patch that
 * changes nothing emits nothing.
 */
export async function updateWorkflow(ctx: WriteCtx, id: string, patch: WorkflowPatch, staff: Staff): Promise<Session> {
  const { rows: locked } = await ctx.tx.query<SessionRow>(
    `SELECT ${SESSION_COLUMNS} FROM chat_sessions s WHERE s.id = $1 FOR UPDATE`,
    [id],
  );
  if (!locked[0]) throw new AppError('not_found', `No chat session with id ${id}`, { id: 'no such session' });
  const before = toSession(locked[0]);
  const currentAssignee = before.assigneeId ?? null;
  let assignee: { id: string; name: string } | null | undefined;
  if (patch.assigneeId !== undefined) {
    checkAssign(staff, currentAssignee, patch.assigneeId, 'assigneeId');
    assignee = patch.assigneeId === null ? null : await requireAssignee(ctx.tx, patch.assigneeId, 'assigneeId');
  }
  const { rows } = await ctx.tx.query<SessionRow>(
    `UPDATE chat_sessions s SET
        status = coalesce($2, s.status),
        resolved_at = CASE WHEN coalesce($2, s.status) <> 'resolved' THEN NULL
                           WHEN s.status = 'resolved' THEN s.resolved_at ELSE now() END,
        assignee_id = CASE WHEN $3 THEN $4::uuid ELSE s.assignee_id END,
        assignee_name = CASE WHEN $3 THEN $5 ELSE s.assignee_name END,
        snoozed_until = CASE WHEN $6 THEN $7::timestamptz ELSE s.snoozed_until END
      WHERE s.id = $1 RETURNING ${SESSION_COLUMNS}`,
    [
      id,
      patch.status ?? null,
      assignee !== undefined,
      assignee?.id ?? null,
      assignee?.name ?? null,
      patch.snoozedUntil !== undefined,
      patch.snoozedUntil ?? null,
    ],
  );
  let after = toSession(rows[0] as SessionRow);
  const changed = {
    status: before.status !== after.status,
    assignee: before.assigneeId !== after.assigneeId,
    snooze: before.snoozedUntil !== after.snoozedUntil,
  };
  if (!changed.status && !changed.assignee && !changed.snooze) return before;
  const { rows: touched } = await ctx.tx.query<SessionRow>(
    `UPDATE chat_sessions s SET updated_at = now() WHERE s.id = $1 RETURNING ${SESSION_COLUMNS}`,
    [id],
  );
  after = toSession(touched[0] as SessionRow);
  ctx.events.push({ type: 'session.upserted', session: after });
  const audit = (action: string, from: unknown, to: unknown) =>
    ctx.audits.push({ action, targetKind: 'session', targetId: id, details: { from, to } });
  if (changed.status)
    audit(`session.${after.status === 'resolved' ? 'resolve' : 'status'}`, before.status, after.status);
  if (changed.assignee) {
    ctx.audits.push({
      action: 'session.assign',
      targetKind: 'session',
      targetId: id,
      details: { from: before.assigneeId, to: after.assigneeId, toName: after.assigneeName },
    });
  }
  if (changed.snooze) audit('session.snooze', before.snoozedUntil, after.snoozedUntil);
  return after;
}

/**
 * Assigns every session of the target to `assigneeId` (null: unassigns them), as `staff` may: without
 * `sessions.assign`, only oneself, and only sessions nobody or oneself has (403 naming how many are someone else's;
 * nothing changes). Sessions already so assigned are left alone; returns how many changed.
 */
export async function assignSessions(
  ctx: WriteCtx,
  staff: Staff,
  target: AssignTarget,
  received: unknown = target,
): Promise<number> {
  const { assigneeId, ...bulk } = target;
  const where = (params: unknown[]) => targetWhere(ctx.tx, bulk as BulkTarget, params, staff.id);
  if (!can(staff.role, 'sessions.assign')) {
    if (assigneeId !== null && assigneeId !== staff.id) checkAssign(staff, null, assigneeId, 'assigneeId');
    const params: unknown[] = [];
    const w = await where(params);
    const { rows } = await ctx.tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM chat_sessions s WHERE ${w} AND s.assignee_id <> $${params.push(staff.id)}`,
      params,
    );
    const others = rows[0]?.n ?? 0;
    if (others > 0) {
      const why = `${others} of these sessions ${others === 1 ? 'is' : 'are'} assigned to someone else`;
      throw new AppError('forbidden', `Your role (${staff.role}) may not do this assignment: ${why}`, {
        assigneeId: why,
      });
    }
  }
  const assignee = assigneeId === null ? null : await requireAssignee(ctx.tx, assigneeId, 'assigneeId');
  const params: unknown[] = [];
  const w = await where(params);
  const a = params.push(assignee?.id ?? null);
  const n = params.push(assignee?.name ?? null);
  const { rows } = await ctx.tx.query<SessionRow>(
    `WITH target AS (
       SELECT s.id FROM chat_sessions s WHERE ${w} AND s.assignee_id IS DISTINCT FROM $${a}::uuid
        ORDER BY s.id FOR UPDATE
     )
     UPDATE chat_sessions s SET assignee_id = $${a}::uuid, assignee_name = $${n}, updated_at = now()
       FROM target t WHERE s.id = t.id RETURNING ${SESSION_COLUMNS}`,
    params,
  );
  return bulkWritten(ctx, target, received, 'session.assign', rows, { assigneeId });
}

/**
 * `resolve`: every session of the target that is not resolved becomes resolved (stamping resolvedAt); `reopen`:
 * every pending or resolved one becomes open. Returns how many changed.
 */
export async function setSessionsStatus(
  ctx: WriteCtx,
  action: 'resolve' | 'reopen',
  target: BulkTarget,
  received: unknown = target,
): Promise<number> {
  const params: unknown[] = [];
  const where = await targetWhere(ctx.tx, target, params, ctx.staff?.id ?? null);
  const set = action === 'resolve' ? `status = 'resolved', resolved_at = now()` : `status = 'open', resolved_at = NULL`;
  const change = action === 'resolve' ? `s.status <> 'resolved'` : `s.status <> 'open'`;
  const { rows } = await ctx.tx.query<SessionRow>(
    `WITH target AS (SELECT s.id FROM chat_sessions s WHERE ${where} AND ${change} ORDER BY s.id FOR UPDATE)
     UPDATE chat_sessions s SET ${set}, updated_at = now() FROM target t WHERE s.id = t.id
     RETURNING ${SESSION_COLUMNS}`,
    params,
  );
  return bulkWritten(ctx, target, received, `session.${action}`, rows, {});
}

/** The events and the audit entry of a bulk workflow write (after the confirmed-count check). */
function bulkWritten(
  ctx: WriteCtx,
  target: BulkTarget | AssignTarget,
  received: unknown,
  action: string,
  rows: SessionRow[],
  details: Record<string, unknown>,
): number {
  checkConfirmed(target as BulkTarget, rows.length);
  for (const r of rows) ctx.events.push({ type: 'session.upserted', session: toSession(r) });
  ctx.audits.push({
    action,
    targetKind: 'session',
    targetId: rows.length === 1 ? (rows[0]?.id ?? null) : null,
    details: { ...details, target: received, affected: rows.length, ids: rows.slice(0, 100).map((r) => r.id) },
  });
  return rows.length;
}
