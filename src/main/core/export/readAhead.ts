// The writer's side of the reader thread (readerWorker.ts): the same total and batches as SessionReader, read in
// another thread a few batches ahead. Ending it early (cancel, failure) just stops that thread: it only reads.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors.ts';
import type { ExportRow } from './columns.ts';
import type { ReaderMessage, ReaderRequest } from './readerWorker.ts';
import type { SessionReaderOptions } from './sessionReader.ts';

/** Batches read ahead of the writer. */
const AHEAD = 3;

/** readerWorker.ts beside this file under Node; exportReader.js beside the bundle (electron.vite.config.ts). */
export function defaultReaderUrl(): URL {
  const here = new URL('.', import.meta.url);
  const source = new URL(['readerWorker', 'ts'].join('.'), here);
  if (existsSync(fileURLToPath(source))) return source;
  return new URL(['exportReader', 'js'].join('.'), here);
}

export class ReadAhead {
  readonly #worker: Worker;
  readonly #queue: ReaderMessage[] = [];
  #wake: (() => void) | null = null;
  #total: number | null = null;
  #ended = false;

  constructor(options: SessionReaderOptions, url: URL = defaultReaderUrl()) {
    this.#worker = new Worker(url, {
      workerData: options,
      resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 },
    });
    this.#worker.on('message', (message: ReaderMessage) => this.#push(message));
    this.#worker.on('error', (error) =>
      this.#push({
        kind: 'failed',
        error: { code: 'internal', message: `The export's reader stopped: ${error.message}` },
      }),
    );
    this.#worker.on('exit', (code) => {
      if (!this.#ended)
        this.#push({
          kind: 'failed',
          error: { code: 'internal', message: `The export's reader stopped (exit ${code})` },
        });
    });
    this.#credit(AHEAD);
  }

  #push(message: ReaderMessage): void {
    if (message.kind === 'end' || message.kind === 'failed') this.#ended = true;
    this.#queue.push(message);
    this.#wake?.();
    this.#wake = null;
  }

  #credit(batches: number): void {
    this.#worker.postMessage({ kind: 'credit', batches } satisfies ReaderRequest);
  }

  async #next(): Promise<ReaderMessage> {
    while (this.#queue.length === 0) {
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
    return this.#queue.shift() as ReaderMessage;
  }

  async total(): Promise<number> {
    if (this.#total !== null) return this.#total;
    const message = await this.#next();
    if (message.kind === 'failed') throw new AppError(message.error.code, message.error.message, message.error.fields);
    if (message.kind !== 'total') throw new AppError('internal', `The export's reader said ${message.kind} first`);
    this.#total = message.total;
    return message.total;
  }

  async *batches(): AsyncGenerator<ExportRow[]> {
    await this.total();
    for (;;) {
      const message = await this.#next();
      if (message.kind === 'end') return;
      if (message.kind === 'failed')
        throw new AppError(message.error.code, message.error.message, message.error.fields);
      if (message.kind !== 'batch') continue;
      this.#credit(1);
      yield message.rows;
    }
  }

  async close(): Promise<void> {
    this.#ended = true;
    await this.#worker.terminate();
  }
}
