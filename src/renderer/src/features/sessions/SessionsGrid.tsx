// The session table (F2–F4, D2): AG Grid's infinite row model reading pages of the cache through the core, so a
// million sessions scroll like a hundred. Sorting is the core's (each header names a SessionSort); live changes
// reload the loaded blocks in place, so neither the scroll position nor the checked rows are lost.
import { Menu } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  type CellFocusedEvent,
  type CellKeyDownEvent,
  type ColDef,
  ColumnApiModule,
  type ColumnState,
  createGrid,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
  type IDatasource,
  InfiniteRowModelModule,
  LocaleModule,
  ModuleRegistry,
  RenderApiModule,
  RowApiModule,
  type RowClickedEvent,
  type RowSelectedEvent,
  RowSelectionModule,
  type RowSelectionOptions,
  ScrollApiModule,
  type SelectionColumnDef,
  type SortChangedEvent,
  TooltipModule,
  themeQuartz,
} from 'ag-grid-community';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionFilter, SessionSort, SortOrder } from '../../../../shared/api.ts';
import type { Session } from '../../../../shared/domain.ts';
import { isSessionSort } from '../../../../shared/sessionSorts.ts';
import { markStart } from '../../app/startMarks.ts';
import { callBridge, errorMessage, useBridgeEvent } from '../conversation/bridgeHooks.ts';
import {
  ActionsCell,
  type ActionsContext,
  CreatedAtCell,
  LastMessageCell,
  MessagesBadge,
  ProductCell,
  UnreadBadge,
  UpdatedAtCell,
} from './cells.ts';
import { firstPageInput, PAGE_SIZE, type Prefetched, takePrefetched } from './firstPage.ts';
import { DEFAULT_ORDER, DEFAULT_SORT, toSessionFilter, useSessionsStore } from './sessionsStore.ts';
import { NS } from './strings.ts';

// Only what the table uses: a smaller bundle is a faster first open (ARCHITECTURE: first rows within 1.5 s).
ModuleRegistry.registerModules([
  InfiniteRowModelModule,
  RowSelectionModule,
  TooltipModule,
  ColumnApiModule,
  RowApiModule,
  ScrollApiModule,
  RenderApiModule,
  LocaleModule,
]);

export { PAGE_SIZE };

export type RowAction = 'view' | 'manage' | 'edit' | 'delete';

export interface RowPermissions {
  edit: boolean;
  delete: boolean;
}

interface GridContext extends ActionsContext {
  onFocusRow(session: Session): void;
}

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

/** Rows drawn beyond the visible ones (AG Grid's default 10): fewer rows to build on each search or filter. */
const ROW_BUFFER = 4;

const theme = themeQuartz.withParams({ fontFamily: 'inherit', headerFontWeight: 600, rowHeight: 44 });

// Every prop handed to AG Grid is stable: a new object or function per render makes the grid rebuild its columns and
// redraw every row.
const getRowId = (p: GetRowIdParams<Session>) => p.data.id;
const SELECTION_COLUMN: SelectionColumnDef = { headerName: '', width: 48, resizable: false };
const onRowClicked = (e: RowClickedEvent<Session, GridContext>) => {
  if (e.data) e.context.onFocusRow(e.data);
};

const isSort = (colId: string): colId is SessionSort => isSessionSort(colId);

interface OpenMenu {
  session: Session;
  rect: { left: number; top: number; width: number; height: number };
}

/** The one actions menu, put where the clicked row's button is (F7). */
function RowActionsMenu({
  open,
  onClose,
  onAction,
  permissions,
}: {
  open: OpenMenu | null;
  onClose(): void;
  onAction(action: RowAction, session: Session): void;
  permissions: RowPermissions;
}) {
  const { t } = useTranslation(NS);
  if (!open) return null;
  const act = (action: RowAction) => () => {
    onClose();
    onAction(action, open.session);
  };
  return (
    <Menu opened onChange={(o) => !o && onClose()} position="bottom-end" withinPortal shadow="md" key={open.session.id}>
      <Menu.Target>
        <div aria-hidden style={{ position: 'fixed', pointerEvents: 'none', ...open.rect }} />
      </Menu.Target>
      <Menu.Dropdown aria-label={t('actions.menu', { name: open.session.product.name })}>
        <Menu.Item onClick={act('view')}>{t('actions.view')}</Menu.Item>
        <Menu.Item onClick={act('manage')}>{t('actions.manage')}</Menu.Item>
        {permissions.edit && <Menu.Item onClick={act('edit')}>{t('actions.edit')}</Menu.Item>}
        {permissions.delete && (
          <Menu.Item color="red" onClick={act('delete')}>
            {t('actions.delete')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

/** The search and filters as the core gets them. The first keystroke after a pause queries at once; those typed
 * quickly after it wait for a 60 ms pause (one query per burst, not per key). */
function useSessionFilter(): SessionFilter {
  const search = useSessionsStore((s) => s.search);
  const filters = useSessionsStore((s) => s.filters);
  const [debouncedSearch] = useDebouncedValue(search, 60, { leading: true });
  return useMemo(() => toSessionFilter(debouncedSearch, filters), [debouncedSearch, filters]);
}

/** Memoised: the frame and the screen re-render on unread and sync changes; the table need not. */
export const SessionsGrid = memo(function SessionsGrid(props: SessionsGridProps) {
  const { t } = useTranslation(NS);
  const filter = useSessionFilter();
  const apiRef = useRef<GridApi<Session> | null>(null);
  const filterRef = useRef(filter);
  const propsRef = useRef(props);
  propsRef.current = props;
  const generation = useRef(0);
  const [menu, setMenu] = useState<OpenMenu | null>(null);

  const columnDefs = useMemo<ColDef<Session>[]>(
    () => [
      {
        colId: 'product',
        headerName: t('columns.product'),
        field: 'product.name',
        sortable: true,
        flex: 2,
        minWidth: 160,
        cellRenderer: ProductCell,
      },
      {
        colId: 'customer',
        headerName: t('columns.customer'),
        field: 'customer.name',
        sortable: true,
        flex: 1.4,
        minWidth: 130,
        tooltipField: 'customer.name',
      },
      {
        colId: 'seller',
        headerName: t('columns.seller'),
        field: 'seller.name',
        sortable: true,
        flex: 1.4,
        minWidth: 130,
        tooltipField: 'seller.name',
      },
      {
        colId: 'messagesCount',
        headerName: t('columns.messagesCount'),
        field: 'messagesCount',
        sortable: true,
        width: 120,
        sortingOrder: ['desc', 'asc', null],
        cellRenderer: MessagesBadge,
      },
      {
        colId: 'unreadCount',
        headerName: t('columns.unreadCount'),
        field: 'unreadCount',
        sortable: true,
        width: 120,
        sortingOrder: ['desc', 'asc', null],
        cellRenderer: UnreadBadge,
      },
      {
        colId: 'lastMessageAt',
        headerName: t('columns.lastMessageAt'),
        field: 'lastMessageAt',
        sortable: true,
        width: 160,
        sort: 'desc',
        sortingOrder: ['desc', 'asc', null],
        cellRenderer: LastMessageCell,
      },
      {
        colId: 'createdAt',
        headerName: t('columns.createdAt'),
        field: 'createdAt',
        sortable: true,
        hide: true,
        width: 190,
        sortingOrder: ['desc', 'asc', null],
        cellRenderer: CreatedAtCell,
      },
      {
        colId: 'updatedAt',
        headerName: t('columns.updatedAt'),
        field: 'updatedAt',
        sortable: true,
        hide: true,
        width: 190,
        sortingOrder: ['desc', 'asc', null],
        cellRenderer: UpdatedAtCell,
      },
      {
        colId: 'actions',
        headerName: t('columns.actions'),
        sortable: false,
        width: 90,
        resizable: false,
        cellRenderer: ActionsCell,
      },
    ],
    [t],
  );

  const localeText = useMemo(() => t('grid', { returnObjects: true }) as Record<string, string>, [t]);

  const rowSelection = useMemo<RowSelectionOptions<Session>>(
    () => ({ mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false }),
    [],
  );

  /** Puts the checked state of every loaded row in line with the store (after a load or a live reload). */
  const syncSelection = useCallback(() => {
    const api = apiRef.current;
    if (!api) return;
    const { selectedIds, allMatching } = useSessionsStore.getState();
    const wanted = new Set(selectedIds);
    api.forEachNode((node) => {
      if (!node.data || !node.id) return;
      const want = allMatching || wanted.has(node.id);
      if (node.isSelected() !== want) node.setSelected(want, false, 'api');
    });
  }, []);

  // The first page is asked for while the grid is still being built (the answer and the grid's set-up overlap), or
  // taken from the one asked for at the app's start (prefetchFirstPage).
  const prefetch = useRef<Prefetched | null>(null);
  if (prefetch.current === null && apiRef.current === null) {
    const input = firstPageInput(filter);
    const key = JSON.stringify(input);
    const started = takePrefetched(key);
    if (started) prefetch.current = started;
    else {
      const page = callBridge('sessions.page', input);
      page.catch(() => {});
      prefetch.current = { key, page };
    }
  }

  const makeDatasource = useCallback((): IDatasource => {
    generation.current++;
    return {
      getRows(params) {
        // The query this load belongs to: a search or filter typed meanwhile makes its answer stale.
        const gen = generation.current;
        const first = params.sortModel[0];
        const sort: SessionSort = first && isSort(first.colId) ? first.colId : DEFAULT_SORT;
        const order: SortOrder = first ? first.sort : DEFAULT_ORDER;
        const input = {
          filter: filterRef.current,
          sort,
          order,
          offset: params.startRow,
          limit: params.endRow - params.startRow,
        };
        const early = prefetch.current;
        const answer = early && early.key === JSON.stringify(input) ? early.page : callBridge('sessions.page', input);
        if (early) prefetch.current = { key: '', page: early.page };
        answer
          .then((page) => {
            markStart('first-page');
            // A stale answer still ends its block: AG Grid's loader counts blocks in flight across datasources.
            params.successCallback(page.rows, page.total);
            markStart('rows');
            if (gen !== generation.current) return;
            propsRef.current.onTotal(page.total);
            propsRef.current.onError(null);
            syncSelection();
          })
          .catch((error) => {
            params.failCallback();
            if (gen === generation.current) propsRef.current.onError(errorMessage(error));
          });
      },
    };
  }, [syncSelection]);

  // A new search or filter. At the top of the table (one block loaded) the rows on screen are reloaded in place: they
  // keep their elements and only their cells change, with no blank frame between the old rows and the new. Scrolled
  // further, a fresh datasource starts again from the first row. Either way, the old query's late answers are dropped.
  useEffect(() => {
    if (JSON.stringify(filterRef.current) === JSON.stringify(filter)) return;
    filterRef.current = filter;
    const api = apiRef.current;
    if (!api) return;
    const blocks = Object.keys(api.getCacheBlockState() ?? {});
    if (blocks.length === 1 && blocks[0] === '0' && (api.getFirstDisplayedRowIndex() ?? 0) === 0) {
      generation.current++;
      api.refreshInfiniteCache();
    } else {
      api.setGridOption('datasource', makeDatasource());
    }
  }, [filter, makeDatasource]);

  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = useCallback(() => {
    if (refreshTimer.current) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      apiRef.current?.refreshInfiniteCache();
    }, 100);
  }, []);
  useEffect(
    () => () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    },
    [],
  );

  useBridgeEvent('sessions.changed', (change) => {
    if (change.deletedIds.length > 0) {
      const gone = new Set(change.deletedIds);
      const { selectedIds, setSelected } = useSessionsStore.getState();
      if (selectedIds.some((id) => gone.has(id))) setSelected(selectedIds.filter((id) => !gone.has(id)));
    }
    if (change.all || change.sessionIds.length > 0 || change.deletedIds.length > 0) refresh();
  });

  const onGridReady = useCallback(
    (event: GridReadyEvent<Session>) => {
      apiRef.current = event.api;
      markStart('grid');
      event.api.setGridOption('datasource', makeDatasource());
      propsRef.current.onReady({ api: event.api, refresh });
    },
    [makeDatasource, refresh],
  );

  const onRowSelected = useCallback((event: RowSelectedEvent<Session>) => {
    if (event.source === 'api' || event.source === 'rowDataChanged' || event.source === 'gridInitializing') return;
    const id = event.node.id;
    if (!id) return;
    const store = useSessionsStore.getState();
    const selected = event.node.isSelected() === true;
    if (store.allMatching && !selected) {
      // Unchecking one row of "all matching" leaves the rows still checked on screen.
      const ids: string[] = [];
      event.api.forEachNode((n) => {
        if (n.id && n.isSelected()) ids.push(n.id);
      });
      store.setAllMatching(false);
      store.setSelected(ids);
      return;
    }
    const has = store.selectedIds.includes(id);
    if (selected && !has) store.setSelected([...store.selectedIds, id]);
    if (!selected && has) store.setSelected(store.selectedIds.filter((x) => x !== id));
  }, []);

  // Unchecking from the toolbar ("Clear selection") or checking all matching: show it on the loaded rows.
  useEffect(
    () =>
      useSessionsStore.subscribe((state, prev) => {
        if (state.selectedIds !== prev.selectedIds || state.allMatching !== prev.allMatching) syncSelection();
      }),
    [syncSelection],
  );

  const onCellFocused = useCallback((event: CellFocusedEvent<Session>) => {
    if (event.rowIndex === null || event.rowPinned) return;
    const data = event.api.getDisplayedRowAtIndex(event.rowIndex)?.data;
    if (data) propsRef.current.onFocusRow(data);
  }, []);

  const onCellKeyDown = useCallback((event: CellKeyDownEvent<Session>) => {
    const key = (event.event as KeyboardEvent | null)?.key;
    if (key === 'Enter' && event.data && event.column.getColId() !== 'actions') {
      propsRef.current.onOpen(event.data);
    }
  }, []);

  const onSortChanged = useCallback((event: SortChangedEvent<Session>) => {
    const sorted = event.api.getColumnState().find((c) => c.sort);
    const store = useSessionsStore.getState();
    if (sorted && isSort(sorted.colId) && sorted.sort) store.setSort(sorted.colId, sorted.sort);
    else store.setSort(DEFAULT_SORT, DEFAULT_ORDER);
    event.api.ensureIndexVisible(0, 'top');
    propsRef.current.onColumnState(event.api.getColumnState());
  }, []);

  const saveColumns = useCallback((event: { api: GridApi<Session>; finished?: boolean; source?: string }) => {
    if (event.finished === false || event.source === 'api' || event.source === 'gridOptionsChanged') return;
    propsRef.current.onColumnState(event.api.getColumnState());
  }, []);

  const context = useMemo<GridContext>(
    () => ({
      openMenu: (session, anchor) => {
        const r = anchor.getBoundingClientRect();
        setMenu({ session, rect: { left: r.left, top: r.top, width: r.width, height: r.height } });
      },
      menuLabel: (session) => t('actions.menu', { name: session.product.name }),
      onFocusRow: (s) => propsRef.current.onFocusRow(s),
    }),
    [t],
  );

  // AG Grid's own grid, not its React wrapper: rows and cells are drawn straight into the DOM (the cells are plain DOM
  // renderers too), with no React component per row and cell to build at the first open and on every search. Made
  // again when the language changes (headers, the grid's own words, direction).
  const hostRef = useRef<HTMLDivElement | null>(null);
  const rtl = props.rtl;
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const api = createGrid<Session>(host, {
      theme,
      enableRtl: rtl,
      localeText,
      columnDefs,
      context,
      rowModelType: 'infinite',
      cacheBlockSize: PAGE_SIZE,
      maxBlocksInCache: 20,
      infiniteInitialRowCount: 1,
      rowBuffer: ROW_BUFFER,
      getRowId,
      rowSelection,
      selectionColumnDef: SELECTION_COLUMN,
      suppressNoRowsOverlay: true,
      tooltipShowDelay: 300,
      suppressCellFocus: false,
      onGridReady,
      onRowSelected,
      onCellFocused,
      onCellKeyDown,
      onRowClicked,
      onSortChanged,
      onColumnVisible: saveColumns,
      onColumnResized: saveColumns,
      onColumnMoved: saveColumns,
    });
    return () => {
      if (apiRef.current === api) apiRef.current = null;
      api.destroy();
    };
  }, [
    rtl,
    localeText,
    columnDefs,
    context,
    rowSelection,
    onGridReady,
    onRowSelected,
    onCellFocused,
    onCellKeyDown,
    onSortChanged,
    saveColumns,
  ]);

  return (
    <div style={{ height: '100%', width: '100%' }} data-testid="sessions-grid">
      {/* Contained: laying out the rows (AG Grid measures after each change) never lays out the rest of the window.
          The actions menu's anchor stays outside, where fixed positions are the window's. */}
      <div style={{ height: '100%', width: '100%', contain: 'size layout style' }}>
        <div ref={hostRef} style={{ height: '100%', width: '100%' }} />
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
