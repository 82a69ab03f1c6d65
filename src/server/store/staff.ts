// Staff accounts (B4): list, create, change a role, disable (revoking the account's tokens) and enable again.
// Each write is audited; the routes refuse acting on one's own account before they get here.
import type { z } from 'zod';
import type { StaffAccount, StaffCreateBody, StaffListQuery, StaffUpdateBody } from '../../shared/api.ts';
import type { Staff } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import { notifyTokensRevoked } from '../auth.ts';
import type { Queryable } from '../db/db.ts';
import type { WriteCtx } from './context.ts';
import { toStaff } from './rows.ts';

type StaffRow = Parameters<typeof toStaff>[0];

/** Active accounts by name; with `includeDisabled` the disabled ones too, after them. */
export async function listStaffAccounts(
  db: Queryable,
  query: z.infer<typeof StaffListQuery>,
): Promise<{ items: StaffAccount[]; total: number }> {
  const condition = query.includeDisabled ? 'true' : 'disabled_at IS NULL';
  const [items, total] = await Promise.all([
    db.query<StaffRow & { disabled_at: string | null }>(
      `SELECT id, name, email, role, disabled_at FROM staff WHERE ${condition}
        ORDER BY disabled_at IS NOT NULL, name, id LIMIT $1 OFFSET $2`,
      [query.limit, query.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM staff WHERE ${condition}`),
  ]);
  return {
    items: items.rows.map((r) => ({ ...toStaff(r), disabledAt: r.disabled_at })),
    total: total.rows[0]?.n ?? 0,
  };
}

/** B10: every active account, by name, as an assignee (id, name, role): what the assign-to picker offers. */
export async function listAssignees(db: Queryable): Promise<Array<Pick<Staff, 'id' | 'name' | 'role'>>> {
  const { rows } = await db.query<{ id: string; name: string; role: string }>(
    'SELECT id, name, role FROM staff WHERE disabled_at IS NULL ORDER BY name, id',
  );
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role as Staff['role'] }));
}

/** A new account with the given password hash; 409 when the e-mail is taken (in any case). */
export async function createStaff(
  ctx: WriteCtx,
  body: z.infer<typeof StaffCreateBody>,
  passwordHash: string,
): Promise<Staff> {
  const { rows: taken } = await ctx.tx.query('SELECT 1 FROM staff WHERE lower(email) = lower($1)', [body.email]);
  if (taken.length)
    throw new AppError('conflict', 'A staff account with this e-mail exists', { email: 'is already used' });
  const { rows } = await ctx.tx.query<StaffRow>(
    'INSERT INTO staff (name, email, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id, name, email, role',
    [body.name, body.email, body.role, passwordHash],
  );
  const staff = toStaff(rows[0] as StaffRow);
  ctx.audits.push({
    action: 'staff.create',
    targetKind: 'staff',
    targetId: staff.id,
    details: { email: staff.email, role: staff.role },
  });
  return staff;
}

/** Changes an active account's role; 404 for an unknown or disabled one. */
export async function changeStaffRole(
  ctx: WriteCtx,
  id: string,
  role: z.infer<typeof StaffUpdateBody>['role'],
): Promise<Staff> {
  const { rows } = await ctx.tx.query<StaffRow & { old_role: string }>(
    `UPDATE staff s SET role = $2 FROM staff o WHERE s.id = $1 AND o.id = s.id AND s.disabled_at IS NULL
      RETURNING s.id, s.name, s.email, s.role, o.role AS old_role`,
    [id, role],
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found', `No active staff account ${id}`, { id: 'no such staff' });
  ctx.audits.push({
    action: 'staff.role',
    targetKind: 'staff',
    targetId: id,
    details: { email: row.email, from: row.old_role, role },
  });
  return toStaff(row);
}

/** Disables an active account and revokes its tokens; its open feed sockets close once this commits. */
export async function disableStaff(ctx: WriteCtx, id: string): Promise<void> {
  const { rowCount } = await ctx.tx.query(
    'UPDATE staff SET disabled_at = now() WHERE id = $1 AND disabled_at IS NULL',
    [id],
  );
  if (rowCount === 0) throw new AppError('not_found', `No active staff account ${id}`, { id: 'no such staff' });
  await ctx.tx.query(
    `UPDATE auth_tokens SET revoked_at = now() WHERE subject_kind = 'staff' AND subject_id = $1 AND revoked_at IS NULL`,
    [id],
  );
  // Its open feed sockets close once this commits (on every backend instance).
  await notifyTokensRevoked(ctx.tx, 'account disabled');
  ctx.audits.push({ action: 'staff.disable', targetKind: 'staff', targetId: id });
}

/** Enables a disabled account again; its old tokens stay revoked. */
export async function enableStaff(ctx: WriteCtx, id: string): Promise<void> {
  const { rows } = await ctx.tx.query<{ email: string }>(
    'UPDATE staff SET disabled_at = NULL WHERE id = $1 AND disabled_at IS NOT NULL RETURNING email',
    [id],
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found', `No disabled staff account ${id}`, { id: 'no such staff' });
  ctx.audits.push({ action: 'staff.enable', targetKind: 'staff', targetId: id, details: { email: row.email } });
}
