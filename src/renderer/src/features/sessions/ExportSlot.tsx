// Where the export feature's menu (F8: XLSX or CSV of the checked rows, or of all matching) sits in the bulk bar.
import type { BulkTarget, SessionSort, SortOrder } from '../../../../shared/api.ts';
import { ExportMenu } from '../export/index.ts';

export interface ExportSlotProps {
  target: BulkTarget;
  sort: SessionSort;
  order: SortOrder;
}

export function ExportSlot(props: ExportSlotProps) {
  return <ExportMenu target={props.target} sort={props.sort} order={props.order} />;
}
