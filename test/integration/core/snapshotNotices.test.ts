// A snapshot tells the window of the pages it writes at most once per `snapshotNoticeMs` (the first page at once,
// then the finished load, which stands for those held back): during a first load each notice makes the window read
// its rows again without indexes (cache/deferredIndexes.ts). Real backend on PGlite (demo marketplace), real desk cores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionsChanged } from '../../../src/main/core/cache/actions.ts';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';
import { startDeskCore } from '../../support/desk.ts';
import { backendSessions } from './compare.ts';

let backend: TestBackend;
let sessions: number;
beforeAll(async () => {
  backend = await startTestBackend();
  sessions = (await backendSessions(backend)).length;
});
afterAll(async () => {
  await backend?.close();
});

/** A desk's cold sync in pages of 10 sessions: its `sessions.changed` notices, and what it then shows. */
async function coldSync(snapshotNoticeMs: number) {
  const desk = await startDeskCore({ backendUrl: backend.url, sync: { snapshotPageSize: 10, snapshotNoticeMs } });
  try {
    const notices = desk.events.filter((e) => e.name === 'sessions.changed').map((e) => e.payload as SessionsChanged);
    const page = await desk.call('sessions.page', { limit: 1000 });
    return { notices: notices.length, last: notices.at(-1), total: page.total };
  } finally {
    await desk.close();
  }
}

describe('the notices of a cold sync', () => {
  it('tells the window of the first page at once and of the finished load, not of each page between', async () => {
    expect(sessions).toBeGreaterThan(30);
    const held = await coldSync(60_000);
    expect(held.total).toBe(sessions);
    expect(held.notices).toBe(2);
    // The last notice stands for the pages held back: it cannot name every session that became read meanwhile, so it
    // names none (the shell then asks which toasts to withdraw).
    expect(held.last).toBeDefined();
    expect(held.last?.readSessionIds).toBeUndefined();
    // Told of every page when the interval is zero: a notice for each page of 10 at least.
    const every = await coldSync(0);
    expect(every.total).toBe(sessions);
    expect(every.notices).toBeGreaterThanOrEqual(Math.ceil(sessions / 10));
    expect(every.last?.readSessionIds).toEqual([]);
  });
});
