// What exports need from the desktop: a save dialog that remembers the last folder, and opening a finished file or
// showing it in its folder. The field names of the core's host interface are the export engineer's; this is the
// Electron side, adapted to it when src/main/core/export lands.
import { basename, dirname, join } from 'node:path';
import type { BrowserWindow, Dialog, FileFilter, Shell } from 'electron';

export interface SavePathRequest {
  defaultName: string;
  filters?: FileFilter[];
  title?: string;
}

export interface ExportHostDeps {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  shell: Pick<Shell, 'openPath' | 'showItemInFolder'>;
  window: () => BrowserWindow | null;
  lastDir: () => string | null;
  rememberDir: (dir: string) => void;
  defaultDir: () => string;
  /** The dialog's title when the request has none (in the interface language). */
  defaultTitle?: () => string;
}

export function createExportHost(deps: ExportHostDeps) {
  return {
    /** The chosen path, or null when the user cancelled. */
    async chooseSavePath(request: SavePathRequest): Promise<string | null> {
      const dir = deps.lastDir() ?? deps.defaultDir();
      const options = {
        title: request.title ?? deps.defaultTitle?.() ?? 'Export',
        defaultPath: join(dir, basename(request.defaultName)),
        filters: request.filters ?? [],
        properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<
          'createDirectory' | 'showOverwriteConfirmation'
        >,
      };
      const window = deps.window();
      const result = window
        ? await deps.dialog.showSaveDialog(window, options)
        : await deps.dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      deps.rememberDir(dirname(result.filePath));
      return result.filePath;
    },
    /** Opens the file with its default application; rejects with the OS's message when that fails. */
    async openPath(path: string): Promise<void> {
      const error = await deps.shell.openPath(path);
      if (error) throw new Error(error);
    },
    showInFolder(path: string): void {
      deps.shell.showItemInFolder(path);
    },
  };
}

export type ExportHost = ReturnType<typeof createExportHost>;
