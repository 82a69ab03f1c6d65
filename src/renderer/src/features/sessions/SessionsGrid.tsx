// The session table (F2–F4, D2): an AgGridReact on the infinite row model, reading pages of the cache through the core
// (sessionsSource.ts), so a million sessions scroll like a hundred. Sorting is the core's (each header names a
// SessionSort); live changes reload the loaded blocks in place, so neither the scroll position nor the checked rows
// are lost. The cells are AG Grid's plain DOM renderers (cells.ts), which the React grid draws as they are.
import type { Session } from '@shared/domain.ts';
import type { ColumnState, GridApi, GridPreDestroyedEvent, GridReadyEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { markStart } from '../../app/startMarks.ts';
import { PAGE_SIZE } from './firstPage.ts';
import {
  type GridContext,
  onCellContextMenu,
  onCellFocused,
  onCellKeyDown,
  onRowClicked,
  onSortChanged,
  saveColumns,
} from './gridEvents.ts';
import { menuAt, type OpenMenu, type RowAction, RowActionsMenu, type RowPermissions } from './RowActionsMenu.tsx';
import { onRowSelected, showSelection, useSelectionSync } from './selectionSync.ts';
import {
  GRID_MODULES,
  GRID_THEME,
  getRowId,
  ROW_BUFFER,
  ROW_SELECTION,
  SELECTION_COLUMN,
  sessionColumns,
} from './sessionColumns.ts';
import { SessionsSource, useLiveRefresh, useSessionFilter } from './sessionsSource.ts';
import { NS } from './strings.ts';

export type { RowAction, RowPermissions };

export interface SessionsGridHandle {
  api: GridApi<Session>;
  /** Reloads the loaded blocks in place (live change, after an action). */
  refresh(): void;
}

export interface SessionsGridProps {
  rtl: boolean;
  permissions: RowPermissions;
  onReady(handle: SessionsGridHandle): void;
  onTotal(total: number | null): void;
  onError(message: string | null): void;
  onFocusRow(session: Session): void;
  onOpen(session: Session): void;
  onAction(action: RowAction, session: Session): void;
  /** Column layout changed by the user (to remember it, B7). */
  onColumnState(state: ColumnState[]): void;
}

/** Memoised: the frame and the screen re-render on unread and sync changes; the table need not. Every prop handed to
 * AgGridReact is stable (made once, per language, or a callback over refs): a new object or function per render
 * would make the grid rebuild its columns and redraw every row. */
export const SessionsGrid = memo(function SessionsGrid(props: SessionsGridProps) {
  const { t, i18n } = useTranslation(NS);
  const filter = useSessionFilter();
  const apiRef = useRef<GridApi<Session> | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const [menu, setMenu] = useState<OpenMenu | null>(null);

  // Made at the first render, which asks the core for the first page while the grid is still being built.
  const sourceRef = useRef<SessionsSource | null>(null);
  sourceRef.current ??= new SessionsSource(filter, {
    onTotal: (total) => propsRef.current.onTotal(total),
    onError: (message) => propsRef.current.onError(message),
    onLoaded: () => showSelection(apiRef.current),
  });
  const source = sourceRef.current;
  useEffect(() => source.setFilter(apiRef.current, filter), [source, filter]);

  const columnDefs = useMemo(() => sessionColumns(t), [t]);
  const localeText = useMemo(() => t('grid', { returnObjects: true }) as Record<string, string>, [t]);
  const context = useMemo<GridContext>(
    () => ({
      openMenu: (session, anchor) => setMenu(menuAt(session, anchor)),
      openMenuAt: (session, x, y) =>
        setMenu({ session, rect: { left: x, top: y, width: 1, height: 1 }, atPointer: true }),
      menuLabel: (session) => t('actions.menu', { name: session.product.name }),
      onFocusRow: (s) => propsRef.current.onFocusRow(s),
      onOpen: (s) => propsRef.current.onOpen(s),
      onColumnState: (state) => propsRef.current.onColumnState(state),
    }),
    [t],
  );

  const refresh = useLiveRefresh(apiRef);
  useSelectionSync(apiRef);

  // The grid's life: made when the component mounts and made again for another language (key below); the datasource
  // is set here rather than as a prop, since a new search refreshes the rows in place without a new datasource.
  const onGridReady = useCallback(
    (event: GridReadyEvent<Session>) => {
      apiRef.current = event.api;
      markStart('grid');
      event.api.setGridOption('datasource', source.datasource());
      propsRef.current.onReady({ api: event.api, refresh });
    },
    [source, refresh],
  );
  const onGridPreDestroyed = useCallback((event: GridPreDestroyedEvent<Session>) => {
    if (apiRef.current === event.api) apiRef.current = null;
  }, []);

  return (
    <div style={{ height: '100%', width: '100%' }} data-testid="sessions-grid">
      {/* Contained: laying out the rows (AG Grid measures after each change) never lays out the rest of the window.
          The actions menu's anchor stays outside, where fixed positions are the window's. */}
      <div style={{ height: '100%', width: '100%', contain: 'size layout style' }}>
        <AgGridReact<Session>
          key={i18n.language}
          modules={GRID_MODULES}
          theme={GRID_THEME}
          enableRtl={props.rtl}
          localeText={localeText}
          columnDefs={columnDefs}
          context={context}
          rowModelType="infinite"
          cacheBlockSize={PAGE_SIZE}
          maxBlocksInCache={20}
          infiniteInitialRowCount={1}
          rowBuffer={ROW_BUFFER}
          getRowId={getRowId}
          rowSelection={ROW_SELECTION}
          selectionColumnDef={SELECTION_COLUMN}
          suppressNoRowsOverlay
          tooltipShowDelay={300}
          suppressCellFocus={false}
          onGridReady={onGridReady}
          onGridPreDestroyed={onGridPreDestroyed}
          onRowSelected={onRowSelected}
          onCellFocused={onCellFocused}
          onCellKeyDown={onCellKeyDown}
          onCellContextMenu={onCellContextMenu}
          preventDefaultOnContextMenu
          onRowClicked={onRowClicked}
          onSortChanged={onSortChanged}
          onColumnVisible={saveColumns}
          onColumnResized={saveColumns}
          onColumnMoved={saveColumns}
        />
      </div>
      <RowActionsMenu
        open={menu}
        onClose={() => setMenu(null)}
        onAction={(a, s) => propsRef.current.onAction(a, s)}
        permissions={props.permissions}
      />
    </div>
  );
});
