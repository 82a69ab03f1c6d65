// The state of "Search messages": kept outside the page, so coming back from a conversation shows the same search
// and results. Each search has a number; an answer to an older one is dropped.
import type { CallOutput } from '@shared/bridge.ts';
import { create } from 'zustand';
import { BridgeError, callBridge, errorMessage } from '../../bridge/bridgeHooks.ts';

export type SearchResult = CallOutput<'messages.search'>;
export type Hit = SearchResult['items'][number];
export const PAGE_SIZE = 30;

interface MessageSearchState {
  /** What the box holds. */
  text: string;
  /** The query the results are for ('' = none yet). */
  query: string;
  items: Hit[];
  nextBefore: string | null;
  source: SearchResult['source'] | null;
  loading: boolean;
  error: string | null;
  /** A refusal of the query itself (the `q` field), shown on the box. */
  fieldError: string | null;
  run: number;
  setText(text: string): void;
  search(query: string): Promise<void>;
  loadMore(): Promise<void>;
  reset(): void;
}

const initial = {
  text: '',
  query: '',
  items: [] as Hit[],
  nextBefore: null,
  source: null,
  loading: false,
  error: null,
  fieldError: null,
  run: 0,
};

export const useMessageSearch = create<MessageSearchState>((set, get) => {
  const fetchPage = async (query: string, before: string | null, append: boolean) => {
    const run = get().run + 1;
    set({ run, loading: true, error: null, fieldError: null, ...(append ? {} : { query }) });
    try {
      const page = await callBridge('messages.search', {
        q: query,
        limit: PAGE_SIZE,
        ...(before ? { before } : {}),
      });
      if (get().run !== run) return;
      set({
        items: append ? [...get().items, ...page.items] : page.items,
        nextBefore: page.nextBefore,
        source: page.source,
        loading: false,
      });
    } catch (error) {
      if (get().run !== run) return;
      const field = error instanceof BridgeError ? error.info.fields?.q : undefined;
      set({
        loading: false,
        ...(append ? {} : { items: [], nextBefore: null, source: null }),
        ...(field ? { fieldError: field } : { error: errorMessage(error) }),
      });
    }
  };
  return {
    ...initial,
    setText: (text) => set({ text }),
    search: (query) => fetchPage(query.trim(), null, false),
    loadMore: async () => {
      const { query, nextBefore, loading } = get();
      if (!query || !nextBefore || loading) return;
      await fetchPage(query, nextBefore, true);
    },
    reset: () => set({ ...initial, run: get().run + 1 }),
  };
});
