// The table's first page, asked for as soon as the page runs (before the interface's code is even evaluated), so the
// core's answer is there when the grid is built (goal: first rows within 1.5 s of opening the window). Kept apart
// from the grid so the page's first, small script can import it without AG Grid.
import type { SessionFilter } from '@shared/api.ts';
import { callBridge } from '../../bridge/bridgeHooks.ts';
import { DEFAULT_ORDER, DEFAULT_SORT, toSessionFilter, useSessionsStore } from './sessionsStore.ts';

export const PAGE_SIZE = 100;

export type Prefetched = { key: string; page: ReturnType<typeof callBridge<'sessions.page'>> };

export const firstPageInput = (filter: SessionFilter) => ({
  filter,
  sort: DEFAULT_SORT,
  order: DEFAULT_ORDER,
  offset: 0,
  limit: PAGE_SIZE,
});

let started: Prefetched | null = null;

/** Asks for the first page of the current search and filters now (a signed-out desk just refuses it). */
export function prefetchFirstPage(): void {
  const { search, filters } = useSessionsStore.getState();
  const input = firstPageInput(toSessionFilter(search, filters));
  const page = callBridge('sessions.page', input);
  // The grid's first load takes this promise and reports its failure; this only keeps it from being unhandled.
  page.catch(() => {});
  started = { key: JSON.stringify(input), page };
}

/** The page asked for early, once, if it is the one the grid wants (`key`: its input as JSON). */
export function takePrefetched(key: string): Prefetched | null {
  const early = started;
  started = null;
  return early && early.key === key ? early : null;
}
