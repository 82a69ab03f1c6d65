// Where the export feature's menu (F8: XLSX or CSV) sits: in the bulk bar for the checked rows (or all matching, once
// chosen there), and in the screen's header for everything matching the search and filters, with no row checked.
import type { ExportTarget, SessionSort, SortOrder } from '@shared/api.ts';
import { lazy, Suspense, useMemo, useState } from 'react';
import { hasPermission, useAccount } from '../../bridge/bridgeHooks.ts';
import { toSessionFilter, useSessionsStore } from './sessionsStore.ts';

// The export menu (and its writers' options) loads after the window's first rows, not with the window.
const ExportMenu = lazy(() => import('../export/index.ts').then((m) => ({ default: m.ExportMenu })));

export interface ExportSlotProps {
  target: ExportTarget;
  sort: SessionSort;
  order: SortOrder;
  allMatching?: boolean;
}

export function ExportSlot(props: ExportSlotProps) {
  return (
    <Suspense fallback={null}>
      <ExportMenu target={props.target} sort={props.sort} order={props.order} allMatching={props.allMatching} />
    </Suspense>
  );
}

/** The header's Export: every session matching the current search and filters, in the grid's sort. */
export function AllMatchingExport() {
  const account = useAccount();
  const search = useSessionsStore((s) => s.search);
  const filters = useSessionsStore((s) => s.filters);
  const sort = useSessionsStore((s) => s.sort);
  const order = useSessionsStore((s) => s.order);
  // Shown once the first rows are in (and from then on), so its code never competes with them at start.
  const rowsIn = useSessionsStore((s) => s.total !== null);
  const [shown, setShown] = useState(false);
  if (rowsIn && !shown) setShown(true);
  const target = useMemo<ExportTarget>(
    () => ({ allMatching: { filter: toSessionFilter(search, filters) } }),
    [search, filters],
  );
  if (!(shown || rowsIn) || !hasPermission(account, 'export')) return null;
  return <ExportSlot target={target} sort={sort} order={order} allMatching />;
}
