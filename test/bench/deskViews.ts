// B10's quick views in the desk's cache (part of the desk bench, desk.ts): the generated sessions carry a status, an
// assignee and a snooze (5% the bench's own account's, 30% someone else's, a quarter resolved, a tenth pending, 5%
// snoozed until a time to come), and Mine, Unassigned, All open and Mine + Unassigned are measured as the window
// asks for them: the first page of 100 in the default order with its total, totals forgotten before each run.
import type { Cache } from '../../src/main/core/cache/cacheClient.ts';
import type { SessionFilter } from '../../src/shared/api.ts';
import { foldArabic } from '../../src/shared/arabicFold.ts';
import type { SessionPageInput } from '../../src/shared/bridge.ts';
import type { Figure } from './desk.ts';

/** The staff account the generated cache belongs to (`assignee: 'me'`). */
export const BENCH_ME = { id: '00000000-0000-4000-8000-00000000b10a', name: 'Bench Agent' };
const OTHERS = Array.from({ length: 20 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
  name: `Agent ${i + 1}`,
}));

/** The extra columns of generateCache's INSERT, in this order. */
export const WORKFLOW_INSERT_COLUMNS = 'status, assignee_id, assignee_name, assignee_key, snoozed_until, resolved_at';

/** One generated session's workflow values (WORKFLOW_INSERT_COLUMNS), drawn from `random`. */
export function workflowValues(random: () => number, last: number, now: number): Array<string | null> {
  const who = random();
  const assignee = who < 0.05 ? BENCH_ME : who < 0.35 ? (OTHERS[Math.floor(random() * OTHERS.length)] ?? null) : null;
  const s = random();
  const status = s < 0.25 ? 'resolved' : s < 0.35 ? 'pending' : 'open';
  const snoozed = random() < 0.05 ? new Date(now + (1 + Math.floor(random() * 72)) * 3_600_000).toISOString() : null;
  return [
    status,
    assignee?.id ?? null,
    assignee?.name ?? null,
    assignee ? foldArabic(assignee.name) : null,
    snoozed,
    status === 'resolved' ? new Date(last).toISOString() : null,
  ];
}

const VIEWS: Array<[string, SessionFilter]> = [
  ['Mine', { status: 'open', snoozed: false, assignee: 'me' }],
  ['Unassigned', { status: 'open', snoozed: false, assignee: 'none' }],
  ['All open', { status: 'open', snoozed: false }],
  ['Mine + Unassigned', { status: 'open', snoozed: false, assignee: 'meOrNone' }],
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

/** p50 and p95 of each quick view's first page with its total (two warm-up runs), and the sidebar's three counts. */
export async function viewFigures(cache: Cache, runs = 25): Promise<Figure[]> {
  await cache.call('setValue', 'account', { backendUrl: 'http://bench.invalid', staffId: BENCH_ME.id });
  const figures: Figure[] = [];
  for (const [name, filter] of VIEWS) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < runs + 2; i++) {
      await cache.call('forgetTotals');
      const input: SessionPageInput = { filter, sort: 'lastMessageAt', order: 'desc', offset: 0, limit: 100 };
      const t = performance.now();
      const page = await cache.call('page', input, Date.now());
      const ms = performance.now() - t;
      total = page.total;
      if (i >= 2) times.push(ms);
    }
    const detail = `${total.toLocaleString('en-US')} matching; first 100 with the total, totals forgotten each run`;
    figures.push({ name: `view: ${name} p50`, value: percentile(times, 50), unit: 'ms', note: detail });
    figures.push({ name: `view: ${name} p95`, value: percentile(times, 95), unit: 'ms', note: 'goal ≤ 50' });
  }
  // The sidebar asks for the three counts together (a page of one each).
  const times: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    await cache.call('forgetTotals');
    const t = performance.now();
    for (const [, filter] of VIEWS.slice(0, 3)) {
      await cache.call('page', { filter, sort: 'lastMessageAt', order: 'desc', offset: 0, limit: 1 }, Date.now());
    }
    if (i >= 2) times.push(performance.now() - t);
  }
  figures.push({
    name: 'view: sidebar counts (Mine, Unassigned, All open) p95',
    value: percentile(times, 95),
    unit: 'ms',
    note: 'goal ≤ 50; running counts per status and assignee',
  });
  return figures;
}
