// Bulk jobs of the agent workflow (B10): assign (and unassign), resolve, reopen and snooze (and wake) over "all
// matching" in parts of up to 1,000 outbox actions through the same machinery as mark-read and delete, with
// 'bulk.progress' as the backend takes each part; cancelling stops before the next part. The strict `bulk.start`
// contract: an assign names its assignee, a snooze its time, nothing else. A real backend (PGlite, the demo
// marketplace plus 3,000 generated sessions) and a real desk core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBulk } from '../../../src/server/db/generate.ts';
import { MAX_BULK_IDS, type SessionFilter } from '../../../src/shared/api.ts';
import type { BulkJobProgress, CallInput } from '../../../src/shared/bridge.ts';
import { DEMO_PASSWORD, startTestBackend, type TestBackend } from '../../support/backend.ts';
import { startDeskCore, type TestDesk } from '../../support/desk.ts';

let backend: TestBackend;
let desk: TestDesk;
let agentId: string;

beforeAll(async () => {
  backend = await startTestBackend({ checkResponses: false });
  await generateBulk(backend.db, { sessions: 3_000, messages: 3_000 });
  desk = await startDeskCore({ backendUrl: backend.url });
  const { rows } = await backend.db.query<{ id: string }>(`SELECT id FROM staff WHERE role = 'agent' LIMIT 1`);
  agentId = rows[0]?.id as string;
}, 120_000);
afterAll(async () => {
  await desk?.close();
  await backend?.close();
});

async function backendCount(where: string): Promise<number> {
  const { rows } = await backend.db.query<{ n: string }>(`SELECT count(*) AS n FROM chat_sessions WHERE ${where}`);
  return Number(rows[0]?.n);
}

const target = (filter: SessionFilter, confirmedCount: number) => ({
  allMatching: { filter, confirmedCount, asOf: new Date().toISOString() },
});

/** Starts a job over everything `filter` matches now and waits for its end: its progress reports, in order. */
async function runJob(
  input: (total: number) => CallInput<'bulk.start'>,
  filter: SessionFilter,
): Promise<{ total: number; seen: BulkJobProgress[] }> {
  await desk.settled(60_000);
  const { total } = await desk.call('sessions.page', { filter, limit: 1 });
  const since = Date.now();
  const started = await desk.call('bulk.start', input(total));
  expect(started).toMatchObject({ state: 'running', total, done: 0 });
  await desk.waitForEvent('bulk.progress', (p) => p.jobId === started.jobId && p.state !== 'running', {
    since,
    timeoutMs: 60_000,
  });
  const seen = desk.events
    .filter((e) => e.at >= since && e.name === 'bulk.progress')
    .map((e) => e.payload as BulkJobProgress)
    .filter((p) => p.jobId === started.jobId);
  await desk.settled(60_000);
  return { total, seen };
}

/** Parts of at most 1,000, one report each, ending done with every session. */
function expectParts(seen: BulkJobProgress[], total: number): void {
  expect(seen.at(-1)).toMatchObject({ state: 'done', total, queued: total, done: total, error: null });
  const done = seen.map((p) => p.done);
  const steps = done
    .slice(1)
    .map((d, i) => d - (done[i] ?? 0))
    .filter((d) => d > 0);
  expect(steps.length).toBe(Math.ceil(total / MAX_BULK_IDS));
  expect(Math.max(...steps)).toBeLessThanOrEqual(MAX_BULK_IDS);
}

describe('bulk jobs of the agent workflow (B10)', () => {
  it('assigns every open session to an agent in parts, then unassigns them; the desk shows what the backend has', async () => {
    const open: SessionFilter = { status: 'open' };
    const assigned = await runJob(
      (total) => ({ action: 'assign', target: target(open, total), assigneeId: agentId }),
      open,
    );
    expect(assigned.total).toBeGreaterThan(2 * MAX_BULK_IDS);
    expectParts(assigned.seen, assigned.total);
    expect(await backendCount(`status = 'open' AND assignee_id = '${agentId}'`)).toBe(assigned.total);
    const mine = { status: 'open', assignee: agentId } as const;
    expect((await desk.call('sessions.page', { filter: mine, limit: 1 })).total).toBe(assigned.total);
    const unassigned = await runJob(
      (total) => ({ action: 'assign', target: target(mine, total), assigneeId: null }),
      mine,
    );
    expectParts(unassigned.seen, unassigned.total);
    expect(await backendCount('assignee_id IS NOT NULL')).toBe(0);
  });

  it('snoozes them until tomorrow, then wakes them; resolves and reopens them', async () => {
    const open: SessionFilter = { status: 'open', snoozed: false };
    const until = new Date(Date.now() + 24 * 3_600_000).toISOString();
    const snoozed = await runJob(
      (total) => ({ action: 'snooze', target: target(open, total), snoozedUntil: until }),
      open,
    );
    expectParts(snoozed.seen, snoozed.total);
    expect(await backendCount(`snoozed_until = '${until}'`)).toBe(snoozed.total);
    expect((await desk.call('sessions.page', { filter: open, limit: 1 })).total).toBe(0);
    const woken = await runJob(
      (total) => ({ action: 'snooze', target: target({ snoozed: true }, total), snoozedUntil: null }),
      { snoozed: true },
    );
    expectParts(woken.seen, woken.total);
    expect(await backendCount('snoozed_until IS NOT NULL')).toBe(0);

    const resolved = await runJob((total) => ({ action: 'resolve', target: target(open, total) }), open);
    expectParts(resolved.seen, resolved.total);
    expect(await backendCount(`status = 'resolved'`)).toBeGreaterThanOrEqual(resolved.total);
    const done: SessionFilter = { status: 'resolved' };
    const reopened = await runJob((total) => ({ action: 'reopen', target: target(done, total) }), done);
    expectParts(reopened.seen, reopened.total);
    expect(await backendCount(`status <> 'open'`)).toBe(0);
  });

  it('cancelling a snooze stops before the next part: the part queued lands, the rest stays awake', async () => {
    await desk.settled(60_000);
    const open: SessionFilter = { status: 'open', snoozed: false };
    const { total } = await desk.call('sessions.page', { filter: open, limit: 1 });
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const since = Date.now();
    const started = await desk.call('bulk.start', {
      action: 'snooze',
      target: target(open, total),
      snoozedUntil: until,
    });
    const cancelled = await desk.call('bulk.cancel', { jobId: started.jobId });
    expect(cancelled.state).toBe('cancelled');
    const landed = cancelled.queued;
    expect(landed).toBeLessThanOrEqual(MAX_BULK_IDS);
    await desk.settled(60_000);
    expect(await backendCount(`snoozed_until = '${until}'`)).toBe(landed);
    const reports = desk.events.filter(
      (e) => e.at >= since && e.name === 'bulk.progress' && (e.payload as BulkJobProgress).jobId === started.jobId,
    );
    expect(reports.length).toBeGreaterThan(0);
  });

  it('sessions.snooze: shown at once, sent once; "all matching" beyond the confirmed count refused by the core', async () => {
    await desk.settled(60_000);
    const rows = (await desk.call('sessions.page', { filter: { snoozed: false }, limit: 3 })).rows;
    const ids = rows.map((r) => r.id);
    const until = new Date(Date.now() + 5 * 3_600_000).toISOString();
    const { affected } = await desk.call('sessions.snooze', { target: { ids }, snoozedUntil: until });
    expect(affected).toBe(3);
    // Shown at once, before the backend has it.
    for (const id of ids) expect((await desk.call('sessions.get', { id })).snoozedUntil).toBe(until);
    await desk.settled(60_000);
    expect(await backendCount(`snoozed_until = '${until}'`)).toBe(3);
    const { total } = await desk.call('sessions.page', { filter: { snoozed: false }, limit: 1 });
    const refused = await desk.result('sessions.snooze', {
      target: target({ snoozed: false }, total - 1),
      snoozedUntil: until,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'conflict', currentCount: total });
    expect((await desk.call('sync.state')).pendingActions).toBe(0);
  });

  it('the strict contract: an assign needs its assignee, a snooze its time, and neither takes the other', async () => {
    const t = target({}, 5);
    const cases: Array<[unknown, string]> = [
      [{ action: 'assign', target: t }, 'assigneeId'],
      [{ action: 'snooze', target: t }, 'snoozedUntil'],
      [{ action: 'snooze', target: t, snoozedUntil: 'tomorrow' }, 'snoozedUntil'],
      [{ action: 'resolve', target: t, assigneeId: agentId }, 'assigneeId'],
      [{ action: 'snooze', target: t, snoozedUntil: null, assigneeId: agentId }, 'assigneeId'],
      [{ action: 'assign', target: { ids: [agentId] }, assigneeId: agentId }, 'target'],
      [{ action: 'archive', target: t }, 'action'],
    ];
    for (const [input, field] of cases) {
      const result = await desk.result('bulk.start', input as never);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('bad_request');
      expect(
        Object.keys(result.error.fields ?? {}).some((f) => f.startsWith(field)),
        `${JSON.stringify(input)} → ${JSON.stringify(result.error)}`,
      ).toBe(true);
    }
    expect((await desk.call('sync.state')).pendingActions).toBe(0);
  });

  it('an agent may assign in bulk only to themselves: refused as forbidden before anything is queued', async () => {
    const agent = await startDeskCore({
      backendUrl: backend.url,
      email: 'agent@demo.chatdesk',
      password: DEMO_PASSWORD,
    });
    try {
      const { rows } = await backend.db.query<{ id: string }>(`SELECT id FROM staff WHERE role = 'manager' LIMIT 1`);
      const { total } = await agent.call('sessions.page', { limit: 1 });
      const result = await agent.result('bulk.start', {
        action: 'assign',
        target: target({}, total),
        assigneeId: rows[0]?.id as string,
      });
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.error).toMatchObject({ code: 'forbidden', fields: { assigneeId: expect.any(String) } });
      expect((await agent.call('sync.state')).pendingActions).toBe(0);
    } finally {
      await agent.close();
    }
  });
});
