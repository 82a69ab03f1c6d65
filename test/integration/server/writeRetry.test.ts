// A write's transaction retried (the pg driver runs it again after a deadlock or a serialization failure) is judged
// afresh: a caller admitted on the first attempt and refused on the second (signed out meanwhile) gets the refusal,
// and it is not kept with the request's key as if the write itself had refused. The retry is made by a wrapper
// around the real database (a deadlock on cue cannot be arranged between two statements of one request).
import type { FastifyReply } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/server/db/db.ts';
import type { FeedHub } from '../../../src/server/feed.ts';
import { claimStatement, type Idempotency } from '../../../src/server/http/idempotency.ts';
import { type Admitted, runWrite } from '../../../src/server/http/transaction.ts';
import { AppError } from '../../../src/shared/errors.ts';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';

let b: TestBackend;
beforeAll(async () => {
  b = await startTestBackend({ demo: false });
});
afterAll(async () => b?.close());

/** The real database, its transactions run a second time after the first attempt's function ends with a deadlock. */
function retryingOnce(db: Db): Db {
  return {
    ...db,
    async transaction(fn, options) {
      let attempt = 0;
      for (;;) {
        try {
          return await db.transaction(async (tx, opened) => {
            const value = await fn(tx, opened);
            if (++attempt === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
            return value;
          }, options);
        } catch (error) {
          if ((error as { code?: string }).code !== '40P01') throw error;
        }
      }
    },
  };
}

describe('a write retried after a deadlock', () => {
  it('admits again: a refusal on the second attempt is answered and not kept with the key', async () => {
    const idempotency: Idempotency = { principal: 'staff:retry', key: crypto.randomUUID(), fingerprint: 'f' };
    let admissions = 0;
    const write = runWrite(
      {
        db: retryingOnce(b.db),
        hub: { afterWrite: async () => {} } as FeedHub,
        reply: { code: () => undefined } as unknown as FastifyReply,
        status: 201,
        opening: [claimStatement(idempotency)],
        async admit(_tx, [claimed]): Promise<Admitted> {
          if (++admissions > 1) throw new AppError('unauthenticated', 'Sign in first: signed out meanwhile');
          return { actor: { kind: 'system', id: null }, staff: null, idempotency, claimed: claimed ?? null };
        },
      },
      async () => ({ ok: true }),
    );
    await expect(write).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(admissions).toBe(2);
    const { rows } = await b.db.query('SELECT status FROM idempotency_keys WHERE key = $1', [idempotency.key]);
    expect(rows).toEqual([]);
  });
});
