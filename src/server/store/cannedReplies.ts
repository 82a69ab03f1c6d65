// Canned replies (B10): listed by shortcut for every staff member, written by those who manage them. A shortcut is
// unique per language whatever its case; each write emits the reply's new state (or its deletion) and is audited.
import type { z } from 'zod';
import type { CannedReplyCreateBody, CannedReplyListQuery, CannedReplyPatchBody } from '../../shared/api.ts';
import { foldArabic } from '../../shared/arabicFold.ts';
import type { CannedReply } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import { likeContains } from '../../shared/search.ts';
import type { Queryable } from '../db/db.ts';
import type { WriteCtx } from './context.ts';
import { CANNED_REPLY_COLUMNS, toCannedReply } from './rows.ts';

type Row = Parameters<typeof toCannedReply>[0];

const searchText = (r: { shortcut: string; title: string; body: string }) =>
  foldArabic(`${r.shortcut} ${r.title} ${r.body}`);

export async function listCannedReplies(
  db: Queryable,
  query: z.infer<typeof CannedReplyListQuery>,
): Promise<{ items: CannedReply[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.language) where.push(`c.language = $${params.push(query.language)}`);
  const folded = query.search ? foldArabic(query.search) : '';
  if (folded) where.push(`c.search_text LIKE $${params.push(likeContains(folded))}`);
  const condition = where.length ? where.join(' AND ') : 'true';
  const [items, total] = await Promise.all([
    db.query<Row>(
      `SELECT ${CANNED_REPLY_COLUMNS} FROM canned_replies c WHERE ${condition}
        ORDER BY lower(c.shortcut), c.language, c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM canned_replies c WHERE ${condition}`, params),
  ]);
  return { items: items.rows.map(toCannedReply), total: total.rows[0]?.n ?? 0 };
}

async function requireCannedReply(db: Queryable, id: string, lock = false): Promise<CannedReply> {
  const { rows } = await db.query<Row>(
    `SELECT ${CANNED_REPLY_COLUMNS} FROM canned_replies c WHERE c.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  if (!rows[0]) throw new AppError('not_found', `No canned reply with id ${id}`, { id: 'no such canned reply' });
  return toCannedReply(rows[0]);
}

/** 409 naming `shortcut` when another reply of the language has it (whatever its case). */
async function checkShortcutFree(db: Queryable, shortcut: string, language: string, except: string | null) {
  const { rows } = await db.query(
    'SELECT 1 FROM canned_replies WHERE language = $1 AND lower(shortcut) = lower($2) AND id IS DISTINCT FROM $3',
    [language, shortcut, except],
  );
  if (rows.length > 0) {
    throw new AppError('conflict', `Another ${language} canned reply has the shortcut ${shortcut}`, {
      shortcut: 'is already used in this language',
    });
  }
}

/** A new reply; a repeat of a client-made id with the same content returns it unchanged (409 when it differs). */
export async function createCannedReply(
  ctx: WriteCtx,
  body: z.infer<typeof CannedReplyCreateBody>,
): Promise<{ reply: CannedReply; created: boolean }> {
  if (body.id) {
    const { rows } = await ctx.tx.query<Row>(`SELECT ${CANNED_REPLY_COLUMNS} FROM canned_replies c WHERE c.id = $1`, [
      body.id,
    ]);
    if (rows[0]) {
      const existing = toCannedReply(rows[0]);
      const same = (['shortcut', 'title', 'body', 'language'] as const).every((k) => existing[k] === body[k]);
      if (!same)
        throw new AppError('conflict', 'A different canned reply already has this id', { id: 'is already taken' });
      return { reply: existing, created: false };
    }
  }
  // Two managers adding one shortcut at once: the unique index refuses the second (pgErrors.ts answers 409).
  await checkShortcutFree(ctx.tx, body.shortcut, body.language, null);
  const { rows } = await ctx.tx.query<Row>(
    `INSERT INTO canned_replies AS c (id, shortcut, title, body, language, search_text, created_by)
     VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, $7) RETURNING ${CANNED_REPLY_COLUMNS}`,
    [body.id ?? null, body.shortcut, body.title, body.body, body.language, searchText(body), ctx.staff?.id ?? null],
  );
  const reply = toCannedReply(rows[0] as Row);
  ctx.events.push({ type: 'cannedReply.upserted', cannedReply: reply });
  ctx.audits.push({
    action: 'cannedReply.create',
    targetKind: 'cannedReply',
    targetId: reply.id,
    details: { shortcut: reply.shortcut, language: reply.language },
  });
  return { reply, created: true };
}

export async function updateCannedReply(
  ctx: WriteCtx,
  id: string,
  patch: z.infer<typeof CannedReplyPatchBody>,
): Promise<CannedReply> {
  const current = await requireCannedReply(ctx.tx, id, true);
  const next = { ...current, ...patch };
  if (next.shortcut !== current.shortcut || next.language !== current.language) {
    await checkShortcutFree(ctx.tx, next.shortcut, next.language, id);
  }
  const { rows } = await ctx.tx.query<Row>(
    `UPDATE canned_replies c SET shortcut = $2, title = $3, body = $4, language = $5, search_text = $6,
        updated_at = now()
      WHERE c.id = $1 RETURNING ${CANNED_REPLY_COLUMNS}`,
    [id, next.shortcut, next.title, next.body, next.language, searchText(next)],
  );
  const reply = toCannedReply(rows[0] as Row);
  ctx.events.push({ type: 'cannedReply.upserted', cannedReply: reply });
  ctx.audits.push({
    action: 'cannedReply.update',
    targetKind: 'cannedReply',
    targetId: id,
    details: { changed: Object.keys(patch), shortcut: reply.shortcut, language: reply.language },
  });
  return reply;
}

export async function deleteCannedReply(ctx: WriteCtx, id: string): Promise<void> {
  const { rows } = await ctx.tx.query<{ shortcut: string; language: string }>(
    'DELETE FROM canned_replies WHERE id = $1 RETURNING shortcut, language',
    [id],
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found', `No canned reply with id ${id}`, { id: 'no such canned reply' });
  ctx.events.push({ type: 'cannedReply.deleted', cannedReplyId: id });
  ctx.audits.push({ action: 'cannedReply.delete', targetKind: 'cannedReply', targetId: id, details: { ...row } });
}
