// The checked rows of the session table live in the sessions store (ids, or "all matching"), not in the grid: the
// grid only shows the rows loaded now. These keep the two in line both ways.
import type { Session } from '@shared/domain.ts';
import type { GridApi, RowSelectedEvent } from 'ag-grid-community';
import { type RefObject, useEffect } from 'react';
import { useSessionsStore } from './sessionsStore.ts';

/** Puts the checked state of every loaded row in line with the store (after a load, a live reload, or a change
 * made from the bulk bar). */
export function showSelection(api: GridApi<Session> | null): void {
  if (!api) return;
  const { selectedIds, allMatching } = useSessionsStore.getState();
  const wanted = new Set(selectedIds);
  api.forEachNode((node) => {
    if (!node.data || !node.id) return;
    const want = allMatching || wanted.has(node.id);
    if (node.isSelected() !== want) node.setSelected(want, false, 'api');
  });
}

/** A box the user checked or unchecked in the table: the store follows. */
export function onRowSelected(event: RowSelectedEvent<Session>): void {
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
}

/** Rows deleted (here or elsewhere) are no longer checked. */
export function forgetDeleted(deletedIds: string[]): void {
  if (deletedIds.length === 0) return;
  const gone = new Set(deletedIds);
  const { selectedIds, setSelected } = useSessionsStore.getState();
  if (selectedIds.some((id) => gone.has(id))) setSelected(selectedIds.filter((id) => !gone.has(id)));
}

/** Unchecking from the toolbar ("Clear selection") or checking all matching: shown on the loaded rows. */
export function useSelectionSync(apiRef: RefObject<GridApi<Session> | null>): void {
  useEffect(
    () =>
      useSessionsStore.subscribe((state, prev) => {
        if (state.selectedIds !== prev.selectedIds || state.allMatching !== prev.allMatching)
          showSelection(apiRef.current);
      }),
    [apiRef],
  );
}
