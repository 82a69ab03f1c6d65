// The table beside the conversation pane (D3): while the pane is open the table keeps product, customer, unread, last
// message and the row actions in view from a 1280 px window (sidebar 250 px, pane 420 px), in both directions. When
// the person's own layout does not fit beside the pane, it hides, one by one until it fits, the columns that matter
// least beside an open conversation (updated, created, the workflow columns the pane's header shows, seller, messages
// count), and narrows the rest if that is not
// enough; closing the pane (or room enough again) puts back the person's own layout. Neither change is remembered as
// their layout (B7): the grid reports them as the app's ('api'), and a layout saved while the pane is open is the
// person's own with the sort and order of the moment.
import type { Session } from '@shared/domain.ts';
import type { ColumnState, GridApi } from 'ag-grid-community';

/** Hidden while the pane is open, first to last, until the table fits. The workflow columns go early: the pane's own
 * header shows the open session's status and assignee (B10). */
const HIDE_ORDER = [
  'updatedAt',
  'createdAt',
  'resolvedAt',
  'firstResponseAt',
  'assignee',
  'status',
  'seller',
  'messagesCount',
];

/** Widths while the pane is open: 48 (checkbox) + 120 + 100 (the columns' least) + 92 + 128 + 72 = 560 px at the
 * least; product and customer share what is left. */
const COMPACT: ColumnState[] = [
  { colId: 'product', flex: 1.6 },
  { colId: 'customer', flex: 1 },
  { colId: 'unreadCount', flex: null, width: 92 },
  { colId: 'lastMessageAt', flex: null, width: 128 },
  { colId: 'actions', flex: null, width: 72 },
];

/** What a layout keeps of a column besides its sort: visibility, width, flex, pinning. */
const layoutOf = ({ colId, hide, width, flex, pinned }: ColumnState): ColumnState => ({
  colId,
  hide,
  width,
  flex,
  pinned,
});

export class PaneLayout {
  /** The person's layout from before the pane opened; null while the pane is closed. */
  private own: ColumnState[] | null = null;

  get compact(): boolean {
    return this.own !== null;
  }

  /** The least width `state` needs without the `hidden` columns (flex columns at their least), with room for a
   * scrollbar. */
  private static need(api: GridApi<Session>, state: ColumnState[], hidden: ReadonlySet<string>): number {
    let width = 16;
    for (const c of state) {
      if (c.hide || hidden.has(c.colId)) continue;
      width += c.flex ? (api.getColumnDef(c.colId)?.minWidth ?? 0) : (c.width ?? 0);
    }
    return width;
  }

  /** What was last laid out over the person's layout ('' for nothing), so a resize that changes nothing is free. */
  private applied = '';
  /** The grid laid out last: a new one (another language) is laid out afresh. */
  private api: GridApi<Session> | null = null;

  /**
   * Lays the table out for the pane open or closed (again after a saved layout was applied, a new grid, or the
   * table's width changed): only when the pane is open and the person's layout does not fit `width`.
   */
  sync(api: GridApi<Session> | null | undefined, paneOpen: boolean, width: number): void {
    if (!api || api.isDestroyed() || width <= 0) return;
    if (api !== this.api) {
      this.api = api;
      this.applied = this.own ? 'new grid' : '';
    }
    const own = this.own ?? api.getColumnState().map(layoutOf);
    const hidden = new Set<string>();
    if (paneOpen) {
      for (const colId of HIDE_ORDER) {
        if (PaneLayout.need(api, own, hidden) <= width) break;
        if (own.some((c) => c.colId === colId && !c.hide)) hidden.add(colId);
      }
    }
    const narrow = paneOpen && PaneLayout.need(api, own, hidden) > width;
    const key = hidden.size === 0 && !narrow ? '' : `${[...hidden].join()}|${narrow}`;
    if (key === this.applied && (key === '' || this.own)) return;
    this.applied = key;
    if (key === '') {
      if (this.own) api.applyColumnState({ state: this.own });
      this.own = null;
      return;
    }
    this.own = own;
    const changes = new Map<string, ColumnState>(own.map((c) => [c.colId, c]));
    for (const colId of hidden) changes.set(colId, { ...changes.get(colId), colId, hide: true });
    if (narrow) for (const c of COMPACT) changes.set(c.colId, { ...changes.get(c.colId), ...c });
    api.applyColumnState({ state: [...changes.values()] });
  }

  /** The person showed or hid a column from the columns menu: part of their own layout, kept when the pane closes. */
  noteVisible(colId: string, visible: boolean): void {
    this.own = this.own?.map((c) => (c.colId === colId ? { ...c, hide: !visible } : c)) ?? null;
  }

  /** The person reset the columns: the default layout is their own now (sync lays it out for the pane). */
  reset(api: GridApi<Session>): void {
    this.own = null;
    this.applied = '';
    api.resetColumnState();
  }

  /** The layout to remember for `state` (the grid's now): while the pane is open, the person's own with `state`'s
   * sort and order. */
  toSave(state: ColumnState[]): ColumnState[] {
    const own = this.own;
    if (!own) return state;
    const byId = new Map(own.map((c) => [c.colId, c]));
    return state.map((c) => ({ ...c, ...byId.get(c.colId) }));
  }
}
