// The sidebar's quick views of the agent workflow (B10): Mine, Unassigned and All open, each an open-and-not-snoozed
// filter of the session list, with how many sessions each holds, read from the desk's cache and kept current as
// sessions change.
import type { SessionFilter } from '@shared/api.ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { callBridge, useBridgeEvent } from '../../bridge/bridgeHooks.ts';

export type QuickView = 'mine' | 'unassigned' | 'allOpen';

export const QUICK_VIEWS: ReadonlyArray<{ id: QuickView; filter: SessionFilter }> = [
  { id: 'mine', filter: { status: 'open', snoozed: false, assignee: 'me' } },
  { id: 'unassigned', filter: { status: 'open', snoozed: false, assignee: 'none' } },
  { id: 'allOpen', filter: { status: 'open', snoozed: false } },
];

/** Where an agent starts (B10): their own and the unassigned sessions, open and not snoozed. */
export const AGENT_DEFAULT_FILTER: SessionFilter = { status: 'open', snoozed: false, assignee: 'meOrNone' };

/** The view whose filter this is exactly (its order of keys aside), or null. */
export function quickViewOf(filter: SessionFilter): QuickView | null {
  const same = (a: SessionFilter, b: SessionFilter) =>
    Object.keys(a).length === Object.keys(b).length &&
    Object.entries(a).every(([k, v]) => b[k as keyof SessionFilter] === v);
  return QUICK_VIEWS.find((v) => same(v.filter, filter))?.id ?? null;
}

/** How many sessions each quick view holds (null until counted); counted again after changes, at most every 500 ms. */
export function useQuickViewCounts(enabled: boolean): Record<QuickView, number> | null {
  const [counts, setCounts] = useState<Record<QuickView, number> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const count = useCallback(async () => {
    try {
      const totals = await Promise.all(
        QUICK_VIEWS.map((v) => callBridge('sessions.page', { filter: v.filter, limit: 1 }).then((p) => p.total)),
      );
      setCounts({ mine: totals[0] ?? 0, unassigned: totals[1] ?? 0, allOpen: totals[2] ?? 0 });
    } catch {
      // Signed out or not synced yet: the counts wait for the next change.
    }
  }, []);
  useEffect(() => {
    if (!enabled) return;
    void count();
    // Snoozes end with time, not with a change: count again every minute too.
    const every = setInterval(() => void count(), 60_000);
    return () => {
      clearInterval(every);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [enabled, count]);
  useBridgeEvent('sessions.changed', () => {
    if (!enabled || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void count();
    }, 500);
  });
  return counts;
}
