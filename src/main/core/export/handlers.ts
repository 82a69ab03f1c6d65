// The bridge calls of export (F8, D6): `export.start`, `export.cancel`, `export.open`, and the `export.progress`
// event. Exporting is the manager's permission (B4); the export reads the cache file the open account syncs, and
// every running export is cancelled (its partial file removed) before that account closes: sign-out, another
// account signing in, the core closing.
import { AppError } from '../../../shared/errors.ts';
import type { HandlerGroup } from '../context.ts';
import { createFolderExportHost, type ExportHost, exportsDir } from './host.ts';
import { ExportManager } from './manager.ts';

export interface ExportHandlerOptions {
  /** At most one progress event per this many ms (default 250). */
  progressMs?: number;
}

export function createExportHandlers(options: ExportHandlerOptions = {}): HandlerGroup {
  return (ctx) => {
    const host =
      (ctx.options.exportHost as ExportHost | undefined) ?? createFolderExportHost(exportsDir(ctx.options.dataDir));
    const manager = new ExportManager({
      host,
      cacheFile: () => ctx.runtime().cacheFile,
      emit: (progress) => ctx.events.emit('export.progress', progress),
      workerUrl: ctx.options.exportWorkerUrl,
      ...(options.progressMs !== undefined ? { progressMs: options.progressMs } : {}),
      ...(ctx.options.log ? { log: ctx.options.log } : {}),
    });
    ctx.onClose(() => manager.closeAll());
    const requireExport = () => {
      const runtime = ctx.runtime();
      if (!runtime.record.permissions.includes('export')) {
        throw new AppError('forbidden', `The role ${runtime.record.staff.role} may not export sessions`);
      }
    };
    return {
      'export.start': async (input) => {
        requireExport();
        return manager.start(input);
      },
      'export.cancel': ({ exportId }) => manager.cancel(exportId),
      'export.open': async ({ exportId, reveal }) => {
        await manager.open(exportId, reveal);
        return {};
      },
    };
  };
}

export const exportHandlers: HandlerGroup = createExportHandlers();
