// Sanctions on participants (B9): warnings, mutes and bans given by moderators, lifted early or ended by their time,
// and the gate that refuses a muted participant's message and a banned participant's sign-in and chat. Times are
// read from the backend's clock (ServerDeps.now), which tests move.
import type { SanctionCreateBody } from '../../shared/api.ts';
import type { Sanction, SanctionKind } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import { impossibleToken, revokeUserTokens, tokenHash } from '../auth.ts';
import { prepared, type Queryable, type Row, type Statement } from '../db/db.ts';
import type { WriteCtx } from './context.ts';
import { addSystemMessages, warningText } from './systemMessages.ts';

const SANCTION_COLUMNS = `x.id, x.user_id, x.kind, x.reason, x.starts_at, x.ends_at, x.created_by, x.created_by_name,
  x.lifted_at, x.lifted_by, x.lifted_by_name`;

interface SanctionRow {
  id: string;
  user_id: string;
  kind: SanctionKind;
  reason: string;
  starts_at: string;
  ends_at: string | null;
  created_by: string | null;
  created_by_name: string | null;
  lifted_at: string | null;
  lifted_by: string | null;
  lifted_by_name: string | null;
}

const inForce = (r: SanctionRow, now: Date) =>
  r.kind !== 'warn' &&
  r.lifted_at === null &&
  Date.parse(r.starts_at) <= now.getTime() &&
  (r.ends_at === null || Date.parse(r.ends_at) > now.getTime());

const toSanction = (r: SanctionRow, now: Date): Sanction => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  reason: r.reason,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  active: inForce(r, now),
  staff: r.created_by ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
  liftedAt: r.lifted_at,
  liftedBy: r.lifted_by ? { id: r.lifted_by, name: r.lifted_by_name ?? '' } : null,
});

/**
 * 404 unless the participant exists. `lock`: a ban holds the participant's row until it commits, so a sign-in that
 * checks for bans under a share lock (routes/auth.ts) either sees the ban or has its token revoked by it.
 */
async function requireParticipant(db: Queryable, userId: string, lock = false): Promise<void> {
  const { rows } = await db.query(`SELECT 1 FROM users WHERE id = $1${lock ? ' FOR NO KEY UPDATE' : ''}`, [userId]);
  if (rows.length === 0) {
    throw new AppError('not_found', `No customer or seller with id ${userId}`, { userId: 'no such user' });
  }
}

export async function createSanction(
  ctx: WriteCtx,
  userId: string,
  input: SanctionCreateBody,
  now: Date,
): Promise<Sanction> {
  const staff = ctx.staff;
  if (!staff) throw new AppError('forbidden', 'Only staff give sanctions');
  await requireParticipant(ctx.tx, userId, input.kind === 'ban');
  const endsAt = input.minutes !== undefined ? new Date(now.getTime() + input.minutes * 60_000).toISOString() : null;
  const { rows } = await ctx.tx.query<SanctionRow>(
    `INSERT INTO participant_sanctions AS x (user_id, kind, reason, starts_at, ends_at, created_by, created_by_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${SANCTION_COLUMNS}`,
    [userId, input.kind, input.reason, now.toISOString(), input.kind === 'warn' ? null : endsAt, staff.id, staff.name],
  );
  const sanction = toSanction(rows[0] as SanctionRow, now);
  ctx.events.push({ type: 'sanction.upserted', sanction });
  const details: Record<string, unknown> = {
    sanctionId: sanction.id,
    kind: input.kind,
    minutes: input.minutes ?? null,
    reason: input.reason,
  };
  // A warning reaches the participant in each of their conversations.
  if (input.kind === 'warn') {
    details.systemMessages = await addSystemMessages(ctx, userId, warningText(input.reason), staff);
  }
  // A ban ends the participant's sign-ins at once: every token they hold stops working (403 participant_banned while
  // the ban lasts, then they sign in again).
  if (input.kind === 'ban') details.tokensRevoked = await revokeUserTokens(ctx.tx, userId);
  ctx.audits.push({ action: 'sanction.create', targetKind: 'user', targetId: userId, details });
  return sanction;
}

export async function listSanctions(
  db: Queryable,
  userId: string,
  page: { offset: number; limit: number },
  now: Date,
): Promise<{ items: Sanction[]; total: number }> {
  await requireParticipant(db, userId);
  const [items, total] = await Promise.all([
    db.query<SanctionRow>(
      `SELECT ${SANCTION_COLUMNS} FROM participant_sanctions x WHERE x.user_id = $1
        ORDER BY x.starts_at DESC, x.id DESC LIMIT $2 OFFSET $3`,
      [userId, page.limit, page.offset],
    ),
    db.query<{ n: number }>('SELECT count(*)::int AS n FROM participant_sanctions WHERE user_id = $1', [userId]),
  ]);
  return { items: items.rows.map((r) => toSanction(r, now)), total: total.rows[0]?.n ?? 0 };
}

/** Lifts a mute or ban in force; one already lifted or ended, or a warning, is refused (409). */
export async function liftSanction(ctx: WriteCtx, id: string, now: Date): Promise<Sanction> {
  const staff = ctx.staff;
  if (!staff) throw new AppError('forbidden', 'Only staff lift sanctions');
  const { rows: found } = await ctx.tx.query<SanctionRow>(
    `SELECT ${SANCTION_COLUMNS} FROM participant_sanctions x WHERE x.id = $1 FOR UPDATE`,
    [id],
  );
  const row = found[0];
  if (!row) throw new AppError('not_found', `No sanction with id ${id}`, { id: 'no such sanction' });
  if (!inForce(row, now)) {
    const why = row.kind === 'warn' ? 'is a warning' : row.lifted_at ? 'is already lifted' : 'has ended';
    throw new AppError('conflict', `Nothing to lift: the sanction ${why}`, { id: why });
  }
  const { rows } = await ctx.tx.query<SanctionRow>(
    `UPDATE participant_sanctions x SET lifted_at = $2, lifted_by = $3, lifted_by_name = $4 WHERE x.id = $1
     RETURNING ${SANCTION_COLUMNS}`,
    [id, now.toISOString(), staff.id, staff.name],
  );
  const sanction = toSanction(rows[0] as SanctionRow, now);
  ctx.events.push({ type: 'sanction.upserted', sanction });
  ctx.audits.push({
    action: 'sanction.lift',
    targetKind: 'user',
    targetId: sanction.userId,
    details: { sanctionId: id, kind: sanction.kind },
  });
  return sanction;
}

/** A participant's sanctions in force at $2 that keep them from the chat (a warning does not); `user`: who, in SQL. */
const sanctionsInForce = (user: string) => `SELECT kind, ends_at FROM participant_sanctions
      WHERE user_id = ${user} AND kind <> 'warn' AND lifted_at IS NULL AND starts_at <= $2
        AND (ends_at IS NULL OR ends_at > $2)`;
const SANCTIONS_IN_FORCE_STATEMENT = prepared(sanctionsInForce('$1'));

/**
 * The participants' chat gate in one statement, for whoever holds the token of hash $1: whether chat in the mobile app
 * is on (F12), with their sanctions in force beside it, one row each (a row without a kind when there is none). A
 * write sends it with its BEGIN, beside the reading of the token.
 */
const CHAT_GATE = prepared(
  `SELECT st.enabled, ps.kind, ps.ends_at
     FROM (SELECT coalesce((SELECT chat_mobile_enabled FROM settings), true) AS enabled) st
     LEFT JOIN (${sanctionsInForce(
       `(SELECT t.subject_id FROM auth_tokens t WHERE t.token_hash = $1 AND t.subject_kind = 'user')`,
     )}) ps ON true`,
);

type SanctionInForce = { kind: SanctionKind; ends_at: string | null };

/**
 * Refuses a banned participant (403 `participant_banned`), and for `send` a muted one too (403
 * `participant_muted`), with `until`: when it ends (the latest end of those in force; null for a ban until lifted).
 */
export async function refuseSanctioned(db: Queryable, userId: string, now: Date, what: 'use' | 'send'): Promise<void> {
  const { rows } = await db.query<SanctionInForce>(SANCTIONS_IN_FORCE_STATEMENT, [userId, now.toISOString()]);
  refuseBySanctions(rows, what);
}

/** The participant routes' gate (CHAT_GATE) at `now`, for whoever holds the token of this hash. */
export function chatGateStatement(tokenHash: string, now: Date): Statement {
  return { sql: CHAT_GATE, params: [tokenHash, now.toISOString()] };
}

/**
 * Judges what chatGateStatement answered: 403 `chat_disabled` while chat in the mobile app is switched off (F12),
 * then a banned participant refused as refuseSanctioned does, and for `send` a muted one too.
 */
export function judgeChatGate(rows: readonly Row[], what: 'use' | 'send'): void {
  const gate = rows as ReadonlyArray<{ enabled: boolean } & (SanctionInForce | { kind: null; ends_at: null })>;
  if (gate[0]?.enabled === false) {
    throw new AppError('chat_disabled', 'Chat in the mobile app is switched off by the marketplace');
  }
  refuseBySanctions(
    gate.filter((r): r is { enabled: boolean } & SanctionInForce => r.kind !== null),
    what,
  );
}

function refuseBySanctions(rows: readonly SanctionInForce[], what: 'use' | 'send'): void {
  const until = (kind: SanctionKind) => {
    const ends = rows.filter((r) => r.kind === kind).map((r) => r.ends_at);
    if (ends.length === 0) return undefined;
    if (ends.includes(null)) return null;
    return (ends as string[]).reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
  };
  const banned = until('ban');
  if (banned !== undefined) {
    const error = new AppError(
      'participant_banned',
      banned ? `This account is banned from the chat until ${banned}` : 'This account is banned from the chat',
    );
    error.until = banned;
    throw error;
  }
  const muted = what === 'send' ? until('mute') : undefined;
  if (muted) {
    const error = new AppError('participant_muted', `This account may not send messages until ${muted}`);
    error.until = muted;
    throw error;
  }
}

/**
 * A token that no longer signs anyone in but belongs to a participant banned now (a ban revokes their tokens): the
 * request is refused with 403 `participant_banned` and the ban's end rather than 401, so the app can say why.
 */
export async function refuseBannedToken(db: Queryable, token: string, now: Date): Promise<void> {
  if (impossibleToken(token)) return;
  const { rows } = await db.query<{ subject_id: string }>(
    `SELECT subject_id FROM auth_tokens WHERE token_hash = $1 AND subject_kind = 'user' AND expires_at > now()`,
    [tokenHash(token)],
  );
  const userId = rows[0]?.subject_id;
  if (userId) await refuseSanctioned(db, userId, now, 'use');
}
