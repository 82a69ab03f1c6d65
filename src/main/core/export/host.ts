// Where an export's file goes and how a finished one is opened: the shell decides. The Electron shell asks the
// person with the native save dialog (src/main/electron/exportHost.ts); the web edition and tests write into a
// folder of their own (the desk folder's `exports`), from which the web host serves the download.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportFormat } from '../../../shared/bridge.ts';
import { AppError } from '../../../shared/errors.ts';
import { ensurePrivateDir } from '../privateFiles.ts';

export interface SaveRequest {
  /** A file name (no folder) to propose. */
  defaultName: string;
  filters: Array<{ name: string; extensions: string[] }>;
  title: string;
}

export interface ExportHost {
  /** The path to write, or null when the person cancelled the choice. */
  chooseSavePath(request: SaveRequest): Promise<string | null>;
  /** Opens a finished file with its default application; rejects with the reason when that fails. */
  openPath(path: string): Promise<void>;
  /** Shows a finished file selected in its folder. */
  showInFolder(path: string): void;
  /**
   * The files go into the desk's own folder (the web edition): created 0600. Otherwise (a save dialog's target) they
   * are created like any file the person saves, the umask deciding.
   */
  readonly privateFiles?: boolean;
}

export const EXPORT_FILTERS: Record<ExportFormat, SaveRequest['filters'][number]> = {
  xlsx: { name: 'Excel (XLSX)', extensions: ['xlsx'] },
  csv: { name: 'CSV', extensions: ['csv'] },
};

/** The exports folder of a desk folder (the web edition's downloads are served from it). */
export function exportsDir(dataDir: string): string {
  return join(dataDir, 'exports');
}

/** `chat-sessions-20261127-114426.xlsx`, in local time. */
export function defaultExportName(format: ExportFormat, at = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
  return `chat-sessions-${stamp}.${format}`;
}

/**
 * A host without dialogs: every export gets a new name in `dir` (never overwriting one that exists or is being
 * written). Finished files are downloaded by the browser, so there is nothing to open on this machine.
 */
export function createFolderExportHost(dir: string): ExportHost {
  const reserved = new Set<string>();
  return {
    privateFiles: true,
    async chooseSavePath(request) {
      ensurePrivateDir(dir, 0);
      const dot = request.defaultName.lastIndexOf('.');
      const stem = dot > 0 ? request.defaultName.slice(0, dot) : request.defaultName;
      const ext = dot > 0 ? request.defaultName.slice(dot) : '';
      for (let i = 1; ; i++) {
        const path = join(dir, i === 1 ? `${stem}${ext}` : `${stem}-${i}${ext}`);
        if (!existsSync(path) && !reserved.has(path)) {
          reserved.add(path);
          return path;
        }
      }
    },
    async openPath() {
      throw new AppError('bad_request', 'The web edition downloads exports: use the download link');
    },
    showInFolder() {
      throw new AppError('bad_request', 'The web edition downloads exports: use the download link');
    },
  };
}
