// What the session table does on the grid's events: focus a row (the conversation pane follows), open it with Enter,
// sort through the core, remember a column layout the user changed (B7). Plain functions, the same for every render
// (a new function per render would be a changed prop for AgGridReact); they reach the table through the grid's
// context.

import type { Session } from '@shared/domain.ts';
import type {
  CellContextMenuEvent,
  CellFocusedEvent,
  CellKeyDownEvent,
  ColumnState,
  GridApi,
  RowClickedEvent,
  SortChangedEvent,
} from 'ag-grid-community';
import { isShortcut } from '../shortcuts/shortcuts.ts';
import type { ActionsContext } from './cells.ts';
import { isSort } from './sessionsSource.ts';
import { DEFAULT_ORDER, DEFAULT_SORT, useSessionsStore } from './sessionsStore.ts';

/** What the grid's events reach through its context: the table's props of the moment. */
export interface GridContext extends ActionsContext {
  onFocusRow(session: Session): void;
  onOpen(session: Session): void;
  onColumnState(state: ColumnState[]): void;
  /** The row's actions menu, where the pointer is (a right-click). */
  openMenuAt(session: Session, x: number, y: number): void;
}

export const onRowClicked = (e: RowClickedEvent<Session, GridContext>) => {
  if (e.data) e.context.onFocusRow(e.data);
};
/** A right-click on a row opens its actions menu there, not the browser's (preventDefaultOnContextMenu). */
export const onCellContextMenu = (e: CellContextMenuEvent<Session, GridContext>) => {
  const event = e.event as MouseEvent | null;
  if (!e.data || !event) return;
  const cell = (event.target as Element | null)?.closest('.ag-cell')?.getBoundingClientRect();
  // The context-menu key gives no pointer position: the menu opens at the cell.
  const x = event.clientX || (cell ? cell.left + cell.width / 2 : 0);
  const y = event.clientY || (cell ? cell.bottom : 0);
  e.context.openMenuAt(e.data, x, y);
};
export const onCellFocused = (e: CellFocusedEvent<Session, GridContext>) => {
  if (e.rowIndex === null || e.rowPinned) return;
  const data = e.api.getDisplayedRowAtIndex(e.rowIndex)?.data;
  if (data) e.context.onFocusRow(data);
};
export const onCellKeyDown = (e: CellKeyDownEvent<Session, GridContext>) => {
  const event = e.event as KeyboardEvent | null;
  if (event && isShortcut('openPreview', event) && e.data && e.column.getColId() !== 'actions')
    e.context.onOpen(e.data);
};
export const onSortChanged = (e: SortChangedEvent<Session, GridContext>) => {
  const sorted = e.api.getColumnState().find((c) => c.sort);
  const store = useSessionsStore.getState();
  if (sorted && isSort(sorted.colId) && sorted.sort) store.setSort(sorted.colId, sorted.sort);
  else store.setSort(DEFAULT_SORT, DEFAULT_ORDER);
  e.api.ensureIndexVisible(0, 'top');
  e.context.onColumnState(e.api.getColumnState());
};
/** A column shown, hidden, resized or moved by the user (not by the app applying a saved layout). */
export const saveColumns = (e: {
  api: GridApi<Session>;
  context: GridContext;
  finished?: boolean;
  source?: string;
}) => {
  if (e.finished === false || e.source === 'api' || e.source === 'gridOptionsChanged') return;
  e.context.onColumnState(e.api.getColumnState());
};
