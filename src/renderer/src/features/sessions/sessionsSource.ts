// Where the table's rows come from: AG Grid's infinite row model asks for blocks of rows, and this asks the core for
// those pages of its cache (sessions.page), with the search and filters of the moment and the sort of the header.
// A generation counter tells the answers of the current query from late ones of an earlier query.

import { useDebouncedValue } from '@mantine/hooks';
import type { SessionFilter, SessionSort, SortOrder } from '@shared/api.ts';
import type { Session } from '@shared/domain.ts';
import { isSessionSort } from '@shared/sessionSorts.ts';
import type { GridApi, IDatasource } from 'ag-grid-community';
import { type RefObject, useCallback, useEffect, useMemo, useRef } from 'react';
import { markStart } from '../../app/startMarks.ts';
import { callBridge, errorMessage, useBridgeEvent } from '../../bridge/bridgeHooks.ts';
import { firstPageInput, type Prefetched, takePrefetched } from './firstPage.ts';
import { forgetDeleted } from './selectionSync.ts';
import { DEFAULT_ORDER, DEFAULT_SORT, toSessionFilter, useSessionsStore } from './sessionsStore.ts';

export const isSort = (colId: string): colId is SessionSort => isSessionSort(colId);

/** What the table hears of the current query's pages. */
export interface SourceListener {
  onTotal(total: number): void;
  onError(message: string | null): void;
  /** A page of the current query is shown (the checked rows are put in line with the store then). */
  onLoaded(): void;
}

export class SessionsSource {
  /** The query the answers belong to: bumped by every new datasource and every refresh for a new filter. */
  private generation = 0;
  private filter: SessionFilter;
  /** The first page, asked for before the grid exists; used once, by the load it matches. */
  private early: Prefetched | null;
  private readonly listener: SourceListener;

  constructor(filter: SessionFilter, listener: SourceListener) {
    this.filter = filter;
    this.listener = listener;
    // Taken from the one asked for at the app's start (prefetchFirstPage), or asked for now: the answer and the
    // grid's set-up overlap.
    const input = firstPageInput(filter);
    const key = JSON.stringify(input);
    const started = takePrefetched(key);
    if (started) this.early = started;
    else {
      const page = callBridge('sessions.page', input);
      // The grid's first load takes this promise and reports its failure; nothing else waits on it.
      page.catch(() => {});
      this.early = { key, page };
    }
  }

  /** A fresh datasource: the answers still on their way for earlier ones are dropped. */
  datasource(): IDatasource {
    this.generation++;
    return {
      getRows: (params) => {
        const gen = this.generation;
        const first = params.sortModel[0];
        const sort: SessionSort = first && isSort(first.colId) ? first.colId : DEFAULT_SORT;
        const order: SortOrder = first ? first.sort : DEFAULT_ORDER;
        const input = {
          filter: this.filter,
          sort,
          order,
          offset: params.startRow,
          limit: params.endRow - params.startRow,
        };
        const early = this.early;
        this.early = null;
        const answer = early && early.key === JSON.stringify(input) ? early.page : callBridge('sessions.page', input);
        answer
          .then((page) => {
            markStart('first-page');
            // A stale answer still ends its block: AG Grid's loader counts blocks in flight across datasources.
            params.successCallback(page.rows, page.total);
            markStart('rows');
            if (gen !== this.generation) return;
            this.listener.onTotal(page.total);
            this.listener.onError(null);
            this.listener.onLoaded();
          })
          .catch((error) => {
            params.failCallback();
            if (gen === this.generation) this.listener.onError(errorMessage(error));
          });
      },
    };
  }

  /** A new search or filter. At the top of the table (one block loaded) the rows on screen are reloaded in place:
   * they keep their elements and only their cells change, with no blank frame between the old rows and the new.
   * Scrolled further, a fresh datasource starts again from the first row. */
  setFilter(api: GridApi<Session> | null, filter: SessionFilter): void {
    if (JSON.stringify(this.filter) === JSON.stringify(filter)) return;
    this.filter = filter;
    if (!api) return;
    const blocks = Object.keys(api.getCacheBlockState() ?? {});
    if (blocks.length === 1 && blocks[0] === '0' && (api.getFirstDisplayedRowIndex() ?? 0) === 0) {
      this.generation++;
      api.refreshInfiniteCache();
    } else {
      api.setGridOption('datasource', this.datasource());
    }
  }
}

/** The search and filters as the core gets them. The first keystroke after a pause queries at once; those typed
 * quickly after it wait for a 60 ms pause (one query per burst, not per key). */
export function useSessionFilter(): SessionFilter {
  const search = useSessionsStore((s) => s.search);
  const filters = useSessionsStore((s) => s.filters);
  const [debouncedSearch] = useDebouncedValue(search, 60, { leading: true });
  return useMemo(() => toSessionFilter(debouncedSearch, filters), [debouncedSearch, filters]);
}

/** Live changes (the core's sessions.changed: a feed event, an action here) reload the loaded blocks in place, once
 * for changes arriving together. Returns the same reload for the screen's own actions. */
export function useLiveRefresh(apiRef: RefObject<GridApi<Session> | null>): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      apiRef.current?.refreshInfiniteCache();
    }, 100);
  }, [apiRef]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  useBridgeEvent('sessions.changed', (change) => {
    forgetDeleted(change.deletedIds);
    if (change.all || change.sessionIds.length > 0 || change.deletedIds.length > 0) refresh();
  });
  return refresh;
}
