// Where the export feature's menu (F8: XLSX or CSV of the checked rows, or of all matching) sits in the bulk bar.
import type { BulkTarget, SessionSort, SortOrder } from '../../../../shared/api.ts';

export interface ExportSlotProps {
  target: BulkTarget;
  sort: SessionSort;
  order: SortOrder;
}

/** Empty until src/renderer/src/features/export provides its ExportMenu ({ target, sort, order }). */
export function ExportSlot(_props: ExportSlotProps) {
  return null;
}
