// What the session table shows (F3) and how AG Grid is set up for it: the columns with their plain DOM cells, the
// modules it needs, the theme, the checkbox column. Every value here is made once (or once per language) so the props
// handed to AgGridReact stay the same objects between renders: a new object makes the grid rebuild its columns and
// redraw every row.
import type { Session } from '@shared/domain.ts';
import {
  type ColDef,
  ColumnApiModule,
  type GetRowIdParams,
  InfiniteRowModelModule,
  LocaleModule,
  type Module,
  RenderApiModule,
  RowApiModule,
  RowSelectionModule,
  type RowSelectionOptions,
  ScrollApiModule,
  type SelectionColumnDef,
  TooltipModule,
  themeQuartz,
} from 'ag-grid-community';
import type { TFunction } from 'i18next';
import {
  ActionsCell,
  AssigneeCell,
  CreatedAtCell,
  CustomerCell,
  FirstResponseCell,
  LastMessageCell,
  MessagesBadge,
  ProductCell,
  ResolvedAtCell,
  SellerCell,
  StatusCell,
  UnreadBadge,
  UpdatedAtCell,
} from './cells.ts';

/** Only what the table uses, given to this grid alone: a smaller bundle is a faster first open (first rows ≤ 1.5 s). */
export const GRID_MODULES: Module[] = [
  InfiniteRowModelModule,
  RowSelectionModule,
  TooltipModule,
  ColumnApiModule,
  RowApiModule,
  ScrollApiModule,
  RenderApiModule,
  LocaleModule,
];

/** Rows drawn beyond the visible ones (AG Grid's default 10): fewer rows to build on each search or filter. */
export const ROW_BUFFER = 4;

export const GRID_THEME = themeQuartz.withParams({ fontFamily: 'inherit', headerFontWeight: 600, rowHeight: 44 });

export const getRowId = (p: GetRowIdParams<Session>) => p.data.id;

export const SELECTION_COLUMN: SelectionColumnDef = { headerName: '', width: 48, resizable: false };

/** Checkboxes only (a click on a row focuses it, it does not check it); no header checkbox: "all matching" is the
 * bulk bar's. */
export const ROW_SELECTION: RowSelectionOptions<Session> = {
  mode: 'multiRow',
  checkboxes: true,
  headerCheckbox: false,
  enableClickSelection: false,
};

const NEWEST_FIRST: ColDef<Session>['sortingOrder'] = ['desc', 'asc', null];

/** The columns, headed in the interface's language; each colId that sorts is a SessionSort the core orders by. */
export function sessionColumns(t: TFunction): ColDef<Session>[] {
  // Every header takes two lines rather than being cut off ("Last mes…"): the default layout fits a 1280 px window
  // beside the sidebar (D3).
  return columnDefs(t).map((column) => ({ ...column, wrapHeaderText: true, autoHeaderHeight: true }));
}

function columnDefs(t: TFunction): ColDef<Session>[] {
  return [
    {
      colId: 'product',
      headerName: t('columns.product'),
      field: 'product.name',
      sortable: true,
      flex: 2,
      // Narrow enough for the table beside the conversation pane (paneLayout.ts).
      minWidth: 120,
      cellRenderer: ProductCell,
    },
    {
      colId: 'customer',
      headerName: t('columns.customer'),
      field: 'customer.name',
      sortable: true,
      flex: 1.4,
      minWidth: 100,
      tooltipField: 'customer.name',
      cellRenderer: CustomerCell,
    },
    {
      colId: 'seller',
      headerName: t('columns.seller'),
      field: 'seller.name',
      sortable: true,
      flex: 1.4,
      minWidth: 100,
      tooltipField: 'seller.name',
      cellRenderer: SellerCell,
    },
    {
      colId: 'messagesCount',
      headerName: t('columns.messagesCount'),
      field: 'messagesCount',
      sortable: true,
      width: 100,
      sortingOrder: NEWEST_FIRST,
      cellRenderer: MessagesBadge,
    },
    {
      colId: 'unreadCount',
      headerName: t('columns.unreadCount'),
      field: 'unreadCount',
      sortable: true,
      width: 100,
      sortingOrder: NEWEST_FIRST,
      cellRenderer: UnreadBadge,
    },
    {
      colId: 'status',
      headerName: t('columns.status'),
      field: 'status',
      sortable: true,
      width: 108,
      cellRenderer: StatusCell,
    },
    {
      colId: 'assignee',
      headerName: t('columns.assignee'),
      field: 'assigneeName',
      sortable: true,
      flex: 1,
      minWidth: 96,
      tooltipField: 'assigneeName',
      cellRenderer: AssigneeCell,
    },
    {
      colId: 'lastMessageAt',
      headerName: t('columns.lastMessageAt'),
      field: 'lastMessageAt',
      sortable: true,
      width: 128,
      sort: 'desc',
      sortingOrder: NEWEST_FIRST,
      cellRenderer: LastMessageCell,
    },
    {
      colId: 'createdAt',
      headerName: t('columns.createdAt'),
      field: 'createdAt',
      sortable: true,
      hide: true,
      width: 190,
      sortingOrder: NEWEST_FIRST,
      cellRenderer: CreatedAtCell,
    },
    {
      colId: 'updatedAt',
      headerName: t('columns.updatedAt'),
      field: 'updatedAt',
      sortable: true,
      hide: true,
      width: 190,
      sortingOrder: NEWEST_FIRST,
      cellRenderer: UpdatedAtCell,
    },
    {
      colId: 'firstResponseAt',
      headerName: t('columns.firstResponseAt'),
      field: 'firstResponseAt',
      sortable: true,
      hide: true,
      width: 190,
      sortingOrder: NEWEST_FIRST,
      cellRenderer: FirstResponseCell,
    },
    {
      colId: 'resolvedAt',
      headerName: t('columns.resolvedAt'),
      field: 'resolvedAt',
      sortable: true,
      hide: true,
      width: 190,
      sortingOrder: NEWEST_FIRST,
      cellRenderer: ResolvedAtCell,
    },
    {
      colId: 'actions',
      headerName: t('columns.actions'),
      sortable: false,
      // "Actions" whole, in English and Arabic (with less padding around it: cells.css).
      width: 100,
      headerClass: 'sessions-actions-header',
      resizable: false,
      cellRenderer: ActionsCell,
    },
  ];
}
