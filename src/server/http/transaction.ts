// A write route's transaction: its opening statements sent with BEGIN (the idempotency key's claim, where a replay is
// found too, and the reading of the caller's token when that was not read before), the handler, then its audit
// entries, events and stored answer in one closing statement sent with COMMIT; all commit together or not at all.
// After the commit the events are numbered (the feed's sequencer) and the feed is woken.
import type { FastifyReply } from 'fastify';
import type { Staff } from '../../shared/domain.ts';
import type { Actor } from '../../shared/events.ts';
import {
  type Db,
  oneStatement,
  prepared,
  type Queryable,
  type QueryResult,
  type Row,
  type Statement,
  type Transaction,
} from '../db/db.ts';
import { eventsInsert, type FeedHub } from '../feed.ts';
import { auditInsert, type WriteCtx, writeCtx } from '../store/context.ts';
import { afterClaim, answerUpdate, type Idempotency, Replay, rememberRefusal, sendReplay } from './idempotency.ts';

export interface WriteRun {
  db: Db;
  hub: FeedHub;
  reply: FastifyReply;
  /** The success status, sent and stored with the answer (the handler may change it before it returns). */
  status: number;
  /** Statements sent with BEGIN in one round trip: the claim of the request's key, the reading of its token. */
  opening: Statement[];
  /**
   * Judges what the opening statements answered: who acts, and the request's key with what its claim answered. Its
   * refusals (401, 403, 400) roll everything back and are not kept with the key.
   */
  admit(tx: Queryable, opened: QueryResult<Row>[]): Promise<Admitted>;
}

export interface Admitted {
  actor: Actor;
  /** The staff member the audit entries name (none: nothing is audited). */
  staff: Staff | null;
  idempotency: Idempotency | null;
  /** What the key's claim answered. */
  claimed: QueryResult<Row> | null;
}

/** Runs `handle` in one transaction and answers with its value, or with the stored answer of a replayed key. */
export async function runWrite<R>(run: WriteRun, handle: (write: WriteCtx) => Promise<R>): Promise<unknown> {
  const { db, reply } = run;
  // Once admitted, a refusal is kept with the request's key, so its replay answers the same.
  let admitted: Admitted | null = null;
  try {
    const outcome = await db.transaction(
      async (tx, opened) => {
        // Each attempt is judged afresh (a transaction retried after a deadlock admits again).
        admitted = null;
        admitted = await run.admit(tx, opened);
        const { idempotency, claimed } = admitted;
        if (idempotency && claimed) {
          const replay = await afterClaim(tx, idempotency, claimed);
          if (replay) return replay;
        }
        const write = writeCtx(tx, admitted.actor, admitted.staff);
        const value = await handle(write);
        // The status is read after the handler, which may have chosen another (HandlerCtx.setStatus).
        closeWrite(tx, write, idempotency ? { idempotency, status: run.status, body: value } : null);
        return { value, events: write.events.length };
      },
      { opening: run.opening },
    );
    if (outcome instanceof Replay) return sendReplay(reply, outcome);
    // Answered once its events are numbered, so a client that reads the feed next finds them there.
    if (outcome.events > 0) await run.hub.afterWrite();
    reply.code(run.status);
    return outcome.value;
  } catch (error) {
    const idempotency = (admitted as Admitted | null)?.idempotency;
    if (idempotency) await rememberRefusal(db, idempotency, error);
    throw error;
  }
}

/**
 * Closes a write in one statement, so one round trip: its audit entries, its events (their order keys taken now,
 * after every row the write changed is locked) and the answer stored with its idempotency key.
 */
function closeWrite(
  tx: Transaction,
  write: WriteCtx,
  answer: { idempotency: Idempotency; status: number; body: unknown } | null,
): void {
  const params: unknown[] = [];
  const writes = [
    auditInsert(write, params),
    answer ? answerUpdate(answer.idempotency, answer.status, answer.body, params) : null,
    eventsInsert(write.actor, write.events, params),
  ].filter((w): w is string => w !== null);
  // Prepared: its text depends only on which of the three parts a write has (the entries go in as arrays).
  if (writes.length > 0) tx.atCommit(prepared(oneStatement(writes)), params);
}
