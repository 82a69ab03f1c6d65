// Idempotent writes: an `Idempotency-Key` (1–200 characters, per signed-in account) replays the first answer to
// the same request, refusals included; the same key with a different request is 409. The key is claimed inside
// the write's transaction, so a concurrent request with the same key waits for the first one to commit.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IDEMPOTENCY_HEADER } from '../../shared/api.ts';
import { AppError } from '../../shared/errors.ts';
import type { Principal } from '../auth.ts';
import { bind, prepared, type Queryable, type QueryResult, type Row, type Statement } from '../db/db.ts';

/** One request's key: who sent it, the key, and a hash of the method, path and body it was sent with. */
export interface Idempotency {
  principal: string;
  key: string;
  fingerprint: string;
}

/** A stored answer, sent again instead of running the request. */
export class Replay {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    this.status = status;
    this.body = body;
  }
}

interface KeyRow {
  fingerprint: string;
  status: number | null;
  body: unknown;
}

/** Whose keys a principal's are: `staff:<id>`, `user:<id>` (claimByToken makes the same from a token's row). */
export const principalKey = (p: Principal | null) =>
  p ? (p.kind === 'staff' ? `staff:${p.staff.id}` : `user:${p.user.id}`) : 'anonymous';

/** A request's key and fingerprint, before it is known whose it is. */
export type RequestKey = Omit<Idempotency, 'principal'>;

/** The request's key, or null without the header; 400 naming `Idempotency-Key` when it is too short or long. */
export function requestKey(request: FastifyRequest, method: string): RequestKey | null {
  const key = request.headers[IDEMPOTENCY_HEADER];
  if (typeof key !== 'string') return null;
  if (key.length < 1 || key.length > 200) {
    throw new AppError('bad_request', 'Idempotency-Key must be 1–200 characters', {
      'Idempotency-Key': 'must be 1–200 characters',
    });
  }
  const fingerprint = createHash('sha256')
    .update(`${method} ${request.url.split('?')[0]} ${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
  return { key, fingerprint };
}

/** The request's key as `principal`'s (see requestKey). */
export function idempotencyOf(
  request: FastifyRequest,
  method: string,
  principal: Principal | null,
): Idempotency | null {
  const key = requestKey(request, method);
  return key ? { principal: principalKey(principal), ...key } : null;
}

function replayOf(idempotency: Idempotency, row: KeyRow | undefined): Replay | null {
  if (!row) return null;
  if (row.fingerprint !== idempotency.fingerprint) {
    throw new AppError('conflict', 'This Idempotency-Key was already used for a different request', {
      'Idempotency-Key': 'already used for a different request',
    });
  }
  return row.status === null ? null : new Replay(row.status, row.body);
}

/** The answer already stored for this key, if any. */
export async function findReplay(db: Queryable, idempotency: Idempotency): Promise<Replay | null> {
  const { rows } = await db.query<KeyRow>(
    'SELECT fingerprint, status, body FROM idempotency_keys WHERE principal = $1 AND key = $2',
    [idempotency.principal, idempotency.key],
  );
  return replayOf(idempotency, rows[0]);
}

const CLAIM = prepared(
  `INSERT INTO idempotency_keys (principal, key, fingerprint) VALUES ($1, $2, $3)
    ON CONFLICT (principal, key) DO NOTHING RETURNING 1`,
);

/** The claim of a write's key: the statement that opens its transaction, sent with BEGIN (one round trip). */
export function claimStatement(idempotency: Idempotency): Statement {
  const { principal, key, fingerprint } = idempotency;
  return { sql: CLAIM, params: [principal, key, fingerprint] };
}

const CLAIM_BY_TOKEN = prepared(
  `INSERT INTO idempotency_keys (principal, key, fingerprint)
   SELECT t.subject_kind || ':' || t.subject_id, $2, $3 FROM auth_tokens t WHERE t.token_hash = $1
   ON CONFLICT (principal, key) DO NOTHING RETURNING 1`,
);

/**
 * The claim of a write's key for whoever the token of this hash signs in, sent with BEGIN beside the reading of it
 * (principalStatement) when the principal is not known yet: claimed under principalKey of the token's subject. If
 * the token turns out not to sign anyone in, the write is refused and the claim rolled back with it.
 */
export function claimByToken(hash: string, key: RequestKey): Statement {
  return { sql: CLAIM_BY_TOKEN, params: [hash, key.key, key.fingerprint] };
}

/**
 * After the claim (`claimed`: what claimStatement or claimByToken answered): null when the key is this write's now;
 * else a finished earlier request's answer, or 409 while it still runs.
 */
export async function afterClaim(
  tx: Queryable,
  idempotency: Idempotency,
  claimed: QueryResult<Row>,
): Promise<Replay | null> {
  if (claimed.rowCount !== 0) return null;
  const replay = await findReplay(tx, idempotency);
  if (replay) return replay;
  throw new AppError('conflict', 'A request with this Idempotency-Key is still running');
}

/** The statement that stores the answer with the claimed key, in the same transaction as the write. */
export function answerUpdate(idempotency: Idempotency, status: number, body: unknown, params: unknown[]): string {
  const add = (value: unknown) => bind(params, value);
  return `UPDATE idempotency_keys SET status = ${add(status)}, body = ${add(JSON.stringify(body ?? null))}::jsonb
     WHERE principal = ${add(idempotency.principal)} AND key = ${add(idempotency.key)}`;
}

/** A refused request is remembered too, so its replay answers the same (and still changes nothing). */
export async function rememberRefusal(db: Queryable, idempotency: Idempotency, error: unknown): Promise<void> {
  if (!(error instanceof AppError) || error.status >= 500 || error.code === 'conflict') return;
  await db
    .query(
      `INSERT INTO idempotency_keys (principal, key, fingerprint, status, body) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (principal, key) DO NOTHING`,
      [
        idempotency.principal,
        idempotency.key,
        idempotency.fingerprint,
        error.status,
        JSON.stringify({ error: error.toInfo() }),
      ],
    )
    // Best effort: unremembered, a replay runs the request again, is refused again and changes nothing.
    .catch(() => {});
}

export function sendReplay(reply: FastifyReply, replay: Replay): unknown {
  reply.code(replay.status).header('idempotent-replayed', 'true');
  return replay.body;
}
