// The cache worker thread: owns the SQLite file and answers typed requests from the core as
// `{ok, value} | {ok: false, error}`. The store's calls run one at a time, synchronously; the calls that fetch a page
// from the backend first (service.ts) answer when it has arrived and been written, and the store's other calls are
// served meanwhile. Store calls slower than the threshold are reported to the core's log.
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorInfo } from '../../../shared/errors.ts';
import { CacheService } from './service.ts';

export interface CacheWorkerData {
  file: string;
  slowMs: number;
}

export type CacheRequest = { id: number; method: string; args: unknown[] };
export type CacheResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code: string; message: string; fields?: Record<string, string> } }
  | { id: -1; kind: 'slow'; method: string; ms: number }
  | { id: 0; kind: 'ready' }
  | { id: 0; kind: 'failed'; message: string };

const port = parentPort;
if (!port) throw new Error('cache worker must run in a worker thread');
const { file, slowMs } = workerData as CacheWorkerData;

let store: CacheService;
try {
  store = new CacheService(file);
  port.postMessage({ id: 0, kind: 'ready' } satisfies CacheResponse);
} catch (error) {
  port.postMessage({ id: 0, kind: 'failed', message: String(error) } satisfies CacheResponse);
  throw error;
}

const failed = (id: number, error: unknown): CacheResponse => ({ id, ok: false, error: toErrorInfo(error) });

port.on('message', (request: CacheRequest) => {
  const started = performance.now();
  let response: CacheResponse;
  try {
    if (request.method === 'close') {
      store.checkpoint();
      store.close();
      response = { id: request.id, ok: true, value: null };
    } else {
      const fn = (store as unknown as Record<string, unknown>)[request.method];
      if (typeof fn !== 'function' || request.method.startsWith('_') || request.method === 'constructor') {
        throw new Error(`Unknown cache method ${request.method}`);
      }
      const value: unknown = (fn as (...a: unknown[]) => unknown).apply(store, request.args);
      if (value instanceof Promise) {
        // Waits on the network (service.ts): not a slow query; answered when it settles.
        value.then(
          (settled: unknown) => port.postMessage({ id: request.id, ok: true, value: settled } satisfies CacheResponse),
          (error: unknown) => port.postMessage(failed(request.id, error)),
        );
        return;
      }
      response = { id: request.id, ok: true, value };
    }
  } catch (error) {
    response = failed(request.id, error);
  }
  const ms = performance.now() - started;
  if (ms > slowMs) port.postMessage({ id: -1, kind: 'slow', method: request.method, ms } satisfies CacheResponse);
  port.postMessage(response);
});
