// The core's handle on its cache: typed async calls into the cache worker (worker.ts), so no query or write ever
// runs on the thread that serves the window. `inProcess` runs the same store on the calling thread (unit tests).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors.ts';
import type { CacheService } from './service.ts';
import type { CacheRequest, CacheResponse, CacheWorkerData } from './worker.ts';

type StoreMethods = {
  [K in keyof CacheService as CacheService[K] extends (...args: never[]) => unknown ? K : never]: CacheService[K];
};
export type CacheMethod = Exclude<keyof StoreMethods, 'close' | 'checkpoint'>;
type Fn<K extends CacheMethod> = StoreMethods[K] extends (...args: infer A) => infer R ? { args: A; result: R } : never;

export interface Cache {
  call<K extends CacheMethod>(method: K, ...args: Fn<K>['args']): Promise<Awaited<Fn<K>['result']>>;
  /** Flushes the file (a WAL checkpoint) and stops the worker. */
  close(): Promise<void>;
  /** Stops at once without flushing (tests of a crash). */
  kill(): Promise<void>;
}

export interface OpenCacheOptions {
  file: string;
  /** The worker's module: the .ts file next to this one for Node, the bundled cacheWorker.js in Electron. */
  workerUrl?: URL | string | undefined;
  /** Log queries slower than this (ms). */
  slowMs?: number;
  log?: (message: string) => void;
  inProcess?: boolean;
}

/**
 * Where the worker's code is. Under Node the .ts file sits next to this one; in the Electron bundle
 * (out/main/index.js) it is the separate entry out/main/cacheWorker.js (electron.vite.config.ts). The name is
 * built at run time so the bundler does not try to follow it.
 */
export function defaultWorkerUrl(): URL {
  const here = new URL('.', import.meta.url);
  const source = ['worker', 'ts'].join('.');
  const sourceUrl = new URL(source, here);
  if (existsSync(fileURLToPath(sourceUrl))) return sourceUrl;
  return new URL(['cacheWorker', 'js'].join('.'), here);
}

export async function openCache(options: OpenCacheOptions): Promise<Cache> {
  const log = options.log ?? ((m) => console.warn(m));
  const slowMs = options.slowMs ?? 100;
  if (options.inProcess) return openInProcess(options.file, slowMs, log);

  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const worker = new Worker(workerUrl instanceof URL ? workerUrl : new URL(workerUrl, 'file://'), {
    workerData: { file: options.file, slowMs } satisfies CacheWorkerData,
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  let nextId = 1;
  let dead: Error | null = null;

  await new Promise<void>((resolve, reject) => {
    const onMessage = (msg: CacheResponse) => {
      if (msg.id !== 0) return;
      worker.off('message', onMessage);
      worker.off('error', onError);
      if ('kind' in msg && msg.kind === 'ready') resolve();
      else reject(new Error(`The cache could not be opened: ${'message' in msg ? msg.message : 'unknown'}`));
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
  });

  const failAll = (error: Error) => {
    dead = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('message', (msg: CacheResponse) => {
    if (msg.id === -1) {
      if ('kind' in msg && msg.kind === 'slow') log(`[cache] slow ${msg.method}: ${msg.ms.toFixed(1)} ms`);
      return;
    }
    const p = pending.get(msg.id);
    if (!p || !('ok' in msg)) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.value);
    else p.reject(new AppError(msg.error.code, msg.error.message, msg.error.fields));
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new AppError('internal', `The cache worker stopped (exit ${code})`)));

  const call = (method: string, args: unknown[]): Promise<unknown> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // ArrayBuffers (page bodies from the backend) move to the worker instead of being copied.
      const transfer = args.filter((a): a is ArrayBuffer => a instanceof ArrayBuffer);
      worker.postMessage({ id, method, args } satisfies CacheRequest, transfer);
    });
  };

  return {
    call: ((method: string, ...args: unknown[]) => call(method, args)) as Cache['call'],
    async close() {
      if (dead) return;
      try {
        await call('close', []);
      } finally {
        await worker.terminate();
      }
    },
    async kill() {
      await worker.terminate();
    },
  };
}

async function openInProcess(file: string, slowMs: number, log: (m: string) => void): Promise<Cache> {
  const { CacheService } = await import('./service.ts');
  const store = new CacheService(file);
  return {
    call: (async (method: string, ...args: unknown[]) => {
      const started = performance.now();
      const fn = (store as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
      if (typeof fn !== 'function') throw new Error(`Unknown cache method ${method}`);
      const value = fn.apply(store, args);
      if (value instanceof Promise) return value; // waits on the network (service.ts)
      const ms = performance.now() - started;
      if (ms > slowMs) log(`[cache] slow ${method}: ${ms.toFixed(1)} ms`);
      return value;
    }) as Cache['call'],
    async close() {
      if (store.db.isOpen) {
        store.checkpoint();
        store.close();
      }
    },
    async kill() {
      store.close();
    },
  };
}
