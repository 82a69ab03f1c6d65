// The cache worker thread: owns the SQLite file and answers typed requests from the core, one at a time, as
// `{ok, value} | {ok: false, error}`. Queries slower than the threshold are reported to the core's log.
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorInfo } from '../../../shared/errors.ts';
import { CacheStore } from './store.ts';

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

let store: CacheStore;
try {
  store = new CacheStore(file);
  port.postMessage({ id: 0, kind: 'ready' } satisfies CacheResponse);
} catch (error) {
  port.postMessage({ id: 0, kind: 'failed', message: String(error) } satisfies CacheResponse);
  throw error;
}

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
      response = { id: request.id, ok: true, value: (fn as (...a: unknown[]) => unknown).apply(store, request.args) };
    }
  } catch (error) {
    response = { id: request.id, ok: false, error: toErrorInfo(error) };
  }
  const ms = performance.now() - started;
  if (ms > slowMs) port.postMessage({ id: -1, kind: 'slow', method: request.method, ms } satisfies CacheResponse);
  port.postMessage(response);
});
