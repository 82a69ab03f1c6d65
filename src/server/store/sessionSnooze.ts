// Bulk snooze of the agent workflow (B10): every session of a bulk target snoozed until a time, or woken (null),
// with F8's rule for "all matching" (more matching than confirmed: 409, nothing changes). Each changed session is
// emitted with its new state; one audit entry names the target as sent and how many changed.
import type { BulkTarget, SnoozeTarget } from '../../shared/api.ts';
import type { WriteCtx } from './context.ts';
import { SESSION_COLUMNS, type SessionRow, toSession } from './rows.ts';
import { checkConfirmed, targetWhere } from './sessions.ts';

/** Sets `snoozed_until` on the target's sessions whose snooze differs; returns how many changed. */
export async function snoozeSessions(ctx: WriteCtx, target: SnoozeTarget, received: unknown = target): Promise<number> {
  const { snoozedUntil, ...bulk } = target;
  const params: unknown[] = [];
  const where = await targetWhere(ctx.tx, bulk as BulkTarget, params, ctx.staff?.id ?? null);
  const until = params.push(snoozedUntil);
  const { rows } = await ctx.tx.query<SessionRow>(
    `WITH target AS (
       SELECT s.id FROM chat_sessions s
        WHERE ${where} AND s.snoozed_until IS DISTINCT FROM $${until}::timestamptz
        ORDER BY s.id FOR UPDATE
     )
     UPDATE chat_sessions s SET snoozed_until = $${until}::timestamptz, updated_at = now()
       FROM target t WHERE s.id = t.id RETURNING ${SESSION_COLUMNS}`,
    params,
  );
  checkConfirmed(bulk as BulkTarget, rows.length);
  for (const r of rows) ctx.events.push({ type: 'session.upserted', session: toSession(r) });
  ctx.audits.push({
    action: 'session.snooze',
    targetKind: 'session',
    targetId: rows.length === 1 ? (rows[0]?.id ?? null) : null,
    details: { snoozedUntil, target: received, affected: rows.length, ids: rows.slice(0, 100).map((r) => r.id) },
  });
  return rows.length;
}
