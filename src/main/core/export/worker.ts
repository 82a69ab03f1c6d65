// The export worker thread: runs one export (runExport.ts) off the thread that serves the window and off the cache
// worker, and reports to its parent. Cancelling is a flag in shared memory, read between batches, so it is seen at
// once even while the thread is busy writing.
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorInfo } from '../../../shared/errors.ts';
import { type ExportJob, runExport } from './runExport.ts';

export interface ExportWorkerData {
  job: ExportJob;
  /** Int32Array over a SharedArrayBuffer: [0] = 1 asks the export to stop. */
  cancel: SharedArrayBuffer;
  /** At most one progress message per this many ms. */
  progressMs: number;
}

export type ExportWorkerMessage =
  | { kind: 'total'; total: number }
  | { kind: 'progress'; written: number }
  | { kind: 'done'; written: number; total: number }
  | { kind: 'cancelled'; written: number; total: number }
  | { kind: 'failed'; error: { code: string; message: string; fields?: Record<string, string> } };

const port = parentPort;
if (!port) throw new Error('the export worker must run in a worker thread');
const { job, cancel, progressMs } = workerData as ExportWorkerData;
const flag = new Int32Array(cancel);
const post = (message: ExportWorkerMessage) => port.postMessage(message);

let lastProgress = 0;
try {
  const outcome = await runExport(job, {
    onTotal: (total) => post({ kind: 'total', total }),
    onProgress: (written) => {
      const now = performance.now();
      if (now - lastProgress < progressMs) return;
      lastProgress = now;
      post({ kind: 'progress', written });
    },
    isCancelled: () => Atomics.load(flag, 0) === 1,
  });
  post({ kind: outcome.state, written: outcome.written, total: outcome.total });
} catch (error) {
  post({ kind: 'failed', error: toErrorInfo(error) });
}
