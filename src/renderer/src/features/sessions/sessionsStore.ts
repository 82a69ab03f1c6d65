// What the user has asked the list for (search, filters, sort) and what they have checked, kept in one store so the
// screen comes back as it was after a visit to another section, and a saved view or a link from Users can set it.
import type { BulkTarget, ExportTarget, SessionAssignee, SessionFilter, SessionSort, SortOrder } from '@shared/api.ts';
import type { SessionStatus } from '@shared/domain.ts';
import { create } from 'zustand';

export const RECENT_DAYS = 7;

export type PartyKind = 'customer' | 'seller' | 'product';

export interface FilterState {
  customerId: string | null;
  sellerId: string | null;
  productId: string | null;
  hasUnread: boolean;
  recent: boolean;
  /** B10: one status, or any. */
  status: SessionStatus | null;
  /** B10: 'me', 'none' (unassigned) or a staff account's id, or anyone's. */
  assignee: SessionAssignee | null;
  /** B10: leave out sessions snoozed until a time to come. */
  hideSnoozed: boolean;
}

export const noFilters: FilterState = {
  customerId: null,
  sellerId: null,
  productId: null,
  hasUnread: false,
  recent: false,
  status: null,
  assignee: null,
  hideSnoozed: false,
};

export interface SessionsState {
  search: string;
  filters: FilterState;
  /** Names of the chosen customer/seller/product, so a dropdown can show its choice before it has searched. */
  labels: Partial<Record<PartyKind, string>>;
  sort: SessionSort;
  order: SortOrder;
  /** Checked rows by id (kept across page loads and live refreshes). */
  selectedIds: string[];
  /** "Select all matching": bulk actions then name the filter (and the count confirmed), not ids. */
  allMatching: boolean;
  /** How many sessions match the current search and filters (null until the first page is in). */
  total: number | null;
  setSearch(search: string): void;
  setFilter<K extends keyof FilterState>(key: K, value: FilterState[K], label?: string): void;
  setLabel(kind: PartyKind, label: string): void;
  resetFilters(): void;
  setSort(sort: SessionSort, order: SortOrder): void;
  /** Applies a whole view (a saved view, a link from another section). */
  applyView(view: { filter: SessionFilter; sort?: SessionSort; order?: SortOrder }): void;
  setSelected(ids: string[]): void;
  setAllMatching(all: boolean): void;
  clearSelection(): void;
  setTotal(total: number | null): void;
}

export const DEFAULT_SORT: SessionSort = 'lastMessageAt';
export const DEFAULT_ORDER: SortOrder = 'desc';

export const useSessionsStore = create<SessionsState>((set) => ({
  search: '',
  filters: noFilters,
  labels: {},
  sort: DEFAULT_SORT,
  order: DEFAULT_ORDER,
  selectedIds: [],
  allMatching: false,
  total: null,
  setSearch: (search) => set({ search, allMatching: false }),
  setFilter: (key, value, label) =>
    set((s) => {
      const kind =
        key === 'customerId' ? 'customer' : key === 'sellerId' ? 'seller' : key === 'productId' ? 'product' : null;
      const labels = kind && label !== undefined ? { ...s.labels, [kind]: label } : s.labels;
      return { filters: { ...s.filters, [key]: value }, labels, allMatching: false };
    }),
  setLabel: (kind, label) => set((s) => ({ labels: { ...s.labels, [kind]: label } })),
  resetFilters: () => set({ search: '', filters: noFilters, allMatching: false }),
  setSort: (sort, order) => set({ sort, order }),
  applyView: (view) =>
    set((s) => ({
      search: view.filter.search ?? '',
      filters: fromSessionFilter(view.filter),
      sort: view.sort ?? s.sort,
      order: view.order ?? s.order,
      allMatching: false,
    })),
  setSelected: (selectedIds) => set({ selectedIds }),
  setAllMatching: (allMatching) => set({ allMatching }),
  clearSelection: () => set({ selectedIds: [], allMatching: false }),
  setTotal: (total) => set({ total }),
}));

/** The query the core understands (F5, F6): empty parts left out. */
export function toSessionFilter(search: string, filters: FilterState): SessionFilter {
  const filter: SessionFilter = {};
  const text = search.trim();
  if (text) filter.search = text;
  if (filters.customerId) filter.customerId = filters.customerId;
  if (filters.sellerId) filter.sellerId = filters.sellerId;
  if (filters.productId) filter.productId = filters.productId;
  if (filters.hasUnread) filter.hasUnread = true;
  if (filters.recent) filter.activeWithinDays = RECENT_DAYS;
  if (filters.status) filter.status = filters.status;
  if (filters.assignee) filter.assignee = filters.assignee;
  if (filters.hideSnoozed) filter.snoozed = false;
  return filter;
}

export function fromSessionFilter(filter: Partial<SessionFilter>): FilterState {
  return {
    customerId: filter.customerId ?? null,
    sellerId: filter.sellerId ?? null,
    productId: filter.productId ?? null,
    hasUnread: filter.hasUnread === true,
    recent: filter.activeWithinDays !== undefined,
    status: filter.status ?? null,
    assignee: filter.assignee ?? null,
    hideSnoozed: filter.snoozed === false,
  };
}

/** How many filters (not the search) narrow the list: the indicator of F6. */
export function activeFilterCount(filters: FilterState): number {
  return (
    Number(filters.customerId !== null) +
    Number(filters.sellerId !== null) +
    Number(filters.productId !== null) +
    Number(filters.hasUnread) +
    Number(filters.recent) +
    Number(filters.status !== null) +
    Number(filters.assignee !== null) +
    Number(filters.hideSnoozed)
  );
}

/** What an export names: the checked ids, or the filter when "all matching" is on (export only reads). */
export function exportTarget(
  state: Pick<SessionsState, 'selectedIds' | 'allMatching' | 'search' | 'filters'>,
): ExportTarget | null {
  if (state.allMatching) return { allMatching: { filter: toSessionFilter(state.search, state.filters) } };
  if (state.selectedIds.length === 0) return null;
  return { ids: state.selectedIds };
}

/**
 * What a destructive bulk action (delete, mark read) names: the checked ids, or — "all matching" — the filter with
 * the count the person confirmed and when (`asOf`): the backend then leaves sessions created since alone and refuses
 * when the filter matches more than they confirmed.
 */
export function bulkTarget(
  state: Pick<SessionsState, 'selectedIds' | 'allMatching' | 'search' | 'filters'>,
  confirmed: { count: number; asOf: string },
): BulkTarget | null {
  if (state.allMatching) {
    if (confirmed.count < 1) return null;
    const filter = toSessionFilter(state.search, state.filters);
    return { allMatching: { filter, confirmedCount: confirmed.count, asOf: confirmed.asOf } };
  }
  if (state.selectedIds.length === 0) return null;
  return { ids: state.selectedIds };
}
