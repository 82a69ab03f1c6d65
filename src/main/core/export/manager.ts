// The exports of one desk core: each runs in its own worker thread (worker.ts) so neither the window's thread nor
// the cache worker waits on it. The manager asks the shell where to write (ExportHost), starts the worker, turns its
// reports into `export.progress` events, cancels on request and opens finished files.
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CallParsedInput, ExportProgress } from '../../../shared/bridge.ts';
import { AppError, type ErrorInfo } from '../../../shared/errors.ts';
import { PRIVATE_FILE_MODE, PUBLIC_FILE_MODE } from '../privateFiles.ts';
import { defaultExportName, EXPORT_FILTERS, type ExportHost } from './host.ts';
import { partialPath } from './partial.ts';
import type { ExportJob } from './runExport.ts';
import type { ExportWorkerData, ExportWorkerMessage } from './worker.ts';

export type ExportStartInput = CallParsedInput<'export.start'>;

export interface ExportManagerDeps {
  host: ExportHost;
  /** The open account's cache file. */
  cacheFile(): string;
  emit(progress: ExportProgress): void;
  workerUrl?: URL | string | undefined;
  /** At most one progress event per this many ms (default 250). */
  progressMs?: number;
  /** How long a cancelled export may take to stop by itself before its thread is ended (default CANCEL_GRACE_MS). */
  cancelGraceMs?: number;
  log?: (message: string) => void;
  /** The worker's heap limits (default: a small heap, so garbage is collected early). */
  resourceLimits?: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number };
}

interface Running {
  progress: ExportProgress;
  worker: Worker | null;
  cancel: Int32Array | null;
  tempPath: string | null;
  finished: Promise<void>;
}

// A 32 MB young generation: 16 MB scavenged so often that a 1M-row export spent seconds more in it (CSV 8.4 → 6.1 s).
const DEFAULT_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };
/** How long a cancelled export may take to stop by itself before its thread is ended. Between two batches the worker
 * sees the request within milliseconds; inside one long SQLite statement (the sort of a million rows takes seconds) it
 * cannot, so the thread is ended and its partial file removed. */
const CANCEL_GRACE_MS = 500;
/** Finished exports remembered (to open them); older ones are forgotten. */
const KEEP_FINISHED = 50;

/**
 * Where the worker's code is: worker.ts beside this file under Node, the separate entry exportWorker.js beside the
 * bundle in Electron (electron.vite.config.ts). The name is built at run time so the bundler does not follow it.
 */
export function defaultExportWorkerUrl(): URL {
  const here = new URL('.', import.meta.url);
  const source = new URL(['worker', 'ts'].join('.'), here);
  if (existsSync(fileURLToPath(source))) return source;
  return new URL(['exportWorker', 'js'].join('.'), here);
}

export class ExportManager {
  readonly #deps: ExportManagerDeps;
  readonly #exports = new Map<string, Running>();

  constructor(deps: ExportManagerDeps) {
    this.#deps = deps;
  }

  async start(input: ExportStartInput): Promise<ExportProgress> {
    const exportId = randomUUID();
    const chosen = await this.#deps.host.chooseSavePath({
      defaultName: defaultExportName(input.format),
      filters: [EXPORT_FILTERS[input.format]],
      title: input.locale === 'ar' ? 'تصدير جلسات المحادثة' : 'Export chat sessions',
    });
    if (!chosen) {
      // The person closed the save dialog: nothing was written.
      const progress = this.#blank(exportId, 'cancelled', null);
      this.#remember(exportId, { progress, worker: null, cancel: null, tempPath: null, finished: Promise.resolve() });
      return progress;
    }
    // A name typed without the format's extension gets it (Linux dialogs do not add it).
    const filePath = extname(chosen).toLowerCase() === `.${input.format}` ? chosen : `${chosen}.${input.format}`;
    const tempPath = partialPath(filePath);
    const job: ExportJob = {
      cacheFile: this.#deps.cacheFile(),
      target: input.target,
      sort: input.sort,
      order: input.order,
      format: input.format,
      locale: input.locale,
      filePath,
      tempPath,
      fileMode: this.#deps.host.privateFiles ? PRIVATE_FILE_MODE : PUBLIC_FILE_MODE,
      now: Date.now(),
    };
    const cancelBuffer = new SharedArrayBuffer(4);
    const workerUrl = this.#deps.workerUrl ?? defaultExportWorkerUrl();
    const worker = new Worker(workerUrl instanceof URL ? workerUrl : new URL(workerUrl, 'file://'), {
      workerData: { job, cancel: cancelBuffer, progressMs: this.#deps.progressMs ?? 250 } satisfies ExportWorkerData,
      // A small heap keeps the garbage of a million rows collected early (the memory goal is the peak).
      resourceLimits: this.#deps.resourceLimits ?? DEFAULT_LIMITS,
    });
    const entry: Running = {
      progress: { ...this.#blank(exportId, 'running', filePath) },
      worker,
      cancel: new Int32Array(cancelBuffer),
      tempPath,
      finished: Promise.resolve(),
    };
    this.#remember(exportId, entry);

    let started!: () => void;
    const startedPromise = new Promise<void>((resolve) => {
      started = resolve;
    });
    entry.finished = new Promise<void>((resolveFinished) => {
      const finish = (patch: Partial<ExportProgress>) => {
        if (entry.progress.state !== 'running') return;
        entry.progress = { ...entry.progress, ...patch };
        if (entry.progress.state !== 'done') {
          entry.progress.filePath = null;
          rmSync(tempPath, { force: true });
        }
        entry.worker = null;
        this.#deps.emit(entry.progress);
        started();
        resolveFinished();
      };
      worker.on('message', (message: ExportWorkerMessage) => {
        switch (message.kind) {
          case 'total':
            entry.progress = { ...entry.progress, total: message.total };
            this.#deps.emit(entry.progress);
            started();
            break;
          case 'progress':
            entry.progress = { ...entry.progress, written: message.written };
            this.#deps.emit(entry.progress);
            break;
          case 'done':
            finish({ state: 'done', written: message.written, total: message.total });
            break;
          case 'cancelled':
            finish({ state: 'cancelled', written: message.written, total: message.total });
            break;
          case 'failed':
            this.#deps.log?.(`[export] ${exportId} failed: ${message.error.code}: ${message.error.message}`);
            finish({ state: 'failed', error: message.error });
            break;
        }
      });
      worker.on('error', (error) => {
        this.#deps.log?.(`[export] ${exportId} worker error: ${error.stack ?? error.message}`);
        finish({ state: 'failed', error: { code: 'internal', message: `The export stopped: ${error.message}` } });
      });
      worker.on('exit', (code) => {
        // Ended without a last word (ended by cancel, or it crashed): never leave its partial file.
        const error: ErrorInfo = { code: 'internal', message: `The export stopped unexpectedly (exit ${code})` };
        if (Atomics.load(entry.cancel as Int32Array, 0) === 1) finish({ state: 'cancelled' });
        else finish({ state: 'failed', error });
      });
    });
    await startedPromise;
    return entry.progress;
  }

  /** Asks a running export to stop; resolves once it has stopped and its partial file is gone. */
  async cancel(exportId: string): Promise<ExportProgress> {
    const entry = this.#require(exportId);
    if (entry.progress.state === 'running' && entry.cancel && entry.worker) {
      Atomics.store(entry.cancel, 0, 1);
      const worker = entry.worker;
      const timer = setTimeout(() => void worker.terminate(), this.#deps.cancelGraceMs ?? CANCEL_GRACE_MS);
      await entry.finished;
      clearTimeout(timer);
    }
    return entry.progress;
  }

  /** Opens a finished file (or shows it in its folder) through the shell. */
  async open(exportId: string, reveal: boolean): Promise<void> {
    const entry = this.#require(exportId);
    const path = entry.progress.filePath;
    if (entry.progress.state !== 'done' || !path) {
      throw new AppError('conflict', `The export ${exportId} is ${entry.progress.state}, there is no file to open`, {
        exportId: `is ${entry.progress.state}`,
      });
    }
    if (!existsSync(path)) throw new AppError('not_found', `The exported file was moved or deleted: ${path}`);
    if (reveal) this.#deps.host.showInFolder(path);
    else await this.#deps.host.openPath(path);
  }

  get(exportId: string): ExportProgress | null {
    return this.#exports.get(exportId)?.progress ?? null;
  }

  /** Cancels every running export (the core is closing). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.#exports.keys()].map((id) => this.cancel(id)));
  }

  #blank(exportId: string, state: ExportProgress['state'], filePath: string | null): ExportProgress {
    return { exportId, state, written: 0, total: 0, filePath, error: null };
  }

  #require(exportId: string): Running {
    const entry = this.#exports.get(exportId);
    if (!entry) throw new AppError('not_found', `No export ${exportId}`, { exportId: 'is not a known export' });
    return entry;
  }

  #remember(exportId: string, entry: Running): void {
    this.#exports.set(exportId, entry);
    if (this.#exports.size <= KEEP_FINISHED) return;
    for (const [id, old] of this.#exports) {
      if (this.#exports.size <= KEEP_FINISHED) break;
      if (old.progress.state !== 'running') this.#exports.delete(id);
    }
  }
}
