// The sessions list's totals at a size where counting would cost (issue 18): unfiltered from the kept counter, exact;
// a filter matching up to 1,000 sessions counted exactly; one matching more given as the planner's estimate, marked
// `totalExact: false`, without counting every match. PGlite, the demo marketplace plus 3,000 generated sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBulk } from '../../../src/server/db/generate.ts';
import { SESSION_TOTAL_EXACT_UP_TO } from '../../../src/shared/api.ts';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';

let b: TestBackend;
beforeAll(async () => {
  b = await startTestBackend({ checkResponses: true });
  await generateBulk(b.db, { sessions: 3_000, messages: 3_000 });
}, 120_000);
afterAll(async () => b?.close());

const count = async (where: string) =>
  Number((await b.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM chat_sessions s WHERE ${where}`)).rows[0]?.n);
const list = async (query: string) =>
  (
    await b.request<{ total: number; totalExact: boolean; items: unknown[] }>('GET', `/admin/sessions?${query}`, {
      token: await b.adminToken(),
    })
  ).body;

describe('the sessions list total', () => {
  it('is exact without a filter (the kept counter) and for a filter matching up to 1,000 sessions', async () => {
    expect(await list('limit=5')).toMatchObject({ total: await count('true'), totalExact: true });
    const { rows } = await b.db.query<{ seller_id: string }>('SELECT seller_id FROM chat_sessions LIMIT 1');
    const seller = rows[0]?.seller_id as string;
    expect(await list(`limit=5&sellerId=${seller}`)).toMatchObject({
      total: await count(`seller_id = '${seller}'`),
      totalExact: true,
    });
  });

  it('above 1,000 matches, is the database’s estimate marked not exact, never below what was counted', async () => {
    const matching = await count(`last_message_at >= now() - interval '3650 days'`);
    expect(matching).toBeGreaterThan(SESSION_TOTAL_EXACT_UP_TO);
    const page = await list('limit=5&activeWithinDays=3650');
    expect(page.totalExact).toBe(false);
    expect(page.items).toHaveLength(5);
    expect(page.total).toBeGreaterThan(SESSION_TOTAL_EXACT_UP_TO);
    // An estimate: the right size, not the exact figure's promise.
    expect(page.total).toBeLessThan(matching * 3);
  });
});
