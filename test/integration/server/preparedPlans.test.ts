// A message's write on PostgreSQL runs on prepared statements that are planned once and then kept as one generic
// plan for every message (issue 18: planning was 0.7 ms of a message's 3.9 ms of machine CPU). Read from
// pg_prepared_statements on the backend's single connection, after a dozen staff replies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';

let b: TestBackend;
beforeAll(async () => {
  // One connection, so the statements this test reads are those the replies ran on.
  b = await startTestBackend({ postgres: true, poolSize: 1 });
});
afterAll(async () => b?.close());

describe('a message write’s statements on PostgreSQL', () => {
  it('are prepared once and run on generic plans, the closing statement (events, audit, answer) too', async () => {
    const token = await b.adminToken();
    const { rows } = await b.db.query<{ id: string }>('SELECT id FROM chat_sessions ORDER BY id LIMIT 3');
    for (let i = 0; i < 12; i++) {
      const reply = await b.request('POST', `/admin/sessions/${rows[i % 3]?.id}/messages`, {
        token,
        body: { body: `reply ${i}` },
        headers: { 'idempotency-key': crypto.randomUUID() },
      });
      expect(reply.status).toBe(201);
    }
    const plans = (
      await b.db.query<{ statement: string; generic_plans: number; custom_plans: number }>(
        `SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE name LIKE 'chatdesk_%'`,
      )
    ).rows;
    const of = (text: string) => plans.find((p) => p.statement.includes(text));
    for (const part of ['WITH m AS (', 'INSERT INTO events', 'FROM auth_tokens t']) {
      const plan = of(part);
      expect(plan, part).toBeDefined();
      // PostgreSQL tries five custom plans first; every call after them took the generic one.
      expect(plan?.custom_plans, part).toBeLessThanOrEqual(5);
      expect(plan?.generic_plans, part).toBeGreaterThanOrEqual(6);
    }
  });
});
