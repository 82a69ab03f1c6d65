// A write route's transaction: the idempotency key's claim, the handler, its audit entries and events, and the
// stored answer commit together or not at all. After the commit the events are numbered (the feed's sequencer) and
// the feed is woken.
import type { FastifyReply } from 'fastify';
import type { Staff } from '../../shared/domain.ts';
import type { Actor } from '../../shared/events.ts';
import type { Db } from '../db/db.ts';
import { appendEvents, type FeedHub } from '../feed.ts';
import { flushAudit, type WriteCtx, writeCtx } from '../store/context.ts';
import {
  claimKey,
  findReplay,
  type Idempotency,
  Replay,
  recordAnswer,
  rememberRefusal,
  sendReplay,
} from './idempotency.ts';

export interface WriteRun {
  db: Db;
  hub: FeedHub;
  reply: FastifyReply;
  /** The success status, sent and stored with the answer (the handler may change it before it returns). */
  status: number;
  idempotency: Idempotency | null;
  actor: Actor;
  /** The staff member the audit entries name (none: nothing is audited). */
  staff: Staff | null;
}

/** Runs `handle` in one transaction and answers with its value, or with the stored answer of a replayed key. */
export async function runWrite<R>(run: WriteRun, handle: (write: WriteCtx) => Promise<R>): Promise<unknown> {
  const { db, idempotency, reply } = run;
  if (idempotency) {
    const replay = await findReplay(db, idempotency);
    if (replay) return sendReplay(reply, replay);
  }
  try {
    const outcome = await db.transaction(async (tx) => {
      if (idempotency) {
        const replay = await claimKey(tx, idempotency);
        if (replay) return replay;
      }
      const write = writeCtx(tx, run.actor, run.staff);
      const value = await handle(write);
      await flushAudit(write);
      await appendEvents(tx, write.actor, write.events);
      // The status is read after the handler, which may have chosen another (HandlerCtx.setStatus).
      if (idempotency) await recordAnswer(tx, idempotency, run.status, value);
      return { value, events: write.events.length };
    });
    if (outcome instanceof Replay) return sendReplay(reply, outcome);
    // Answered once its events are numbered, so a client that reads the feed next finds them there.
    if (outcome.events > 0) await run.hub.afterWrite();
    reply.code(run.status);
    return outcome.value;
  } catch (error) {
    if (idempotency) await rememberRefusal(db, idempotency, error);
    throw error;
  }
}
