// The exports started from this window, by id, kept current by the core's `export.progress` events. It lives
// outside any component: the bulk bar (and its menu) may unmount while an export runs, its notification stays.
import type { Edition, ExportProgress } from '@shared/bridge.ts';
import { create } from 'zustand';
import { callBridge } from '../../bridge/bridgeHooks.ts';
import { getBridge } from '../../bridge/index.ts';

export interface ExportEntry {
  progress: ExportProgress;
  edition: Edition;
}

interface ExportState {
  exports: Record<string, ExportEntry>;
  put(progress: ExportProgress, edition?: Edition): void;
}

export const useExports = create<ExportState>((set) => ({
  exports: {},
  put(progress, edition) {
    set((state) => {
      const current = state.exports[progress.exportId];
      // A late 'running' report never overwrites the end of an export.
      if (current && current.progress.state !== 'running' && progress.state === 'running') return state;
      const entry = { progress, edition: edition ?? current?.edition ?? 'desktop' };
      return { exports: { ...state.exports, [progress.exportId]: entry } };
    });
  },
}));

let unsubscribe: (() => void) | null = null;
let edition: Promise<Edition> | null = null;

/** Desktop (open the file, show it in its folder) or web (download it): asked once. */
export function appEdition(): Promise<Edition> {
  edition ??= callBridge('app.info', {})
    .then((info) => info.edition)
    .catch((error: unknown) => {
      edition = null;
      throw error;
    });
  return edition;
}

/** Follows `export.progress` from now on (once per window). */
export function followExportProgress(): void {
  if (unsubscribe) return;
  unsubscribe = getBridge().on('export.progress', (progress) => useExports.getState().put(progress));
}

/** Tests: forget every export and the subscription (a new bridge). */
export function resetExports(): void {
  unsubscribe?.();
  unsubscribe = null;
  edition = null;
  useExports.setState({ exports: {} });
}
