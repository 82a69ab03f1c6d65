// Where the export feature's menu (F8: XLSX or CSV of the checked rows, or of all matching) sits in the bulk bar.
import type { ExportTarget, SessionSort, SortOrder } from '@shared/api.ts';
import { lazy, Suspense } from 'react';

// The export menu (and its writers' options) loads with the bulk bar's first showing, not with the window.
const ExportMenu = lazy(() => import('../export/index.ts').then((m) => ({ default: m.ExportMenu })));

export interface ExportSlotProps {
  target: ExportTarget;
  sort: SessionSort;
  order: SortOrder;
}

export function ExportSlot(props: ExportSlotProps) {
  return (
    <Suspense fallback={null}>
      <ExportMenu target={props.target} sort={props.sort} order={props.order} />
    </Suspense>
  );
}
