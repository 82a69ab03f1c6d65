// The export's reader thread: reads the sessions (SessionReader) a batch ahead of the thread that writes the file,
// so on a machine with more than one core reading and writing overlap. It sends at most as many batches as the
// writer has asked for (credits), so memory stays bounded however slow the disk.
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorInfo } from '../../../shared/errors.ts';
import type { ExportRow } from './columns.ts';
import { SessionReader, type SessionReaderOptions } from './sessionReader.ts';

export type ReaderRequest = { kind: 'credit'; batches: number };
export type ReaderMessage =
  | { kind: 'total'; total: number }
  | { kind: 'batch'; rows: ExportRow[] }
  | { kind: 'end' }
  | { kind: 'failed'; error: { code: string; message: string; fields?: Record<string, string> } };

const port = parentPort;
if (!port) throw new Error('the export reader must run in a worker thread');
const post = (message: ReaderMessage) => port.postMessage(message);

let credits = 0;
let wake: (() => void) | null = null;
port.on('message', (request: ReaderRequest) => {
  if (request.kind !== 'credit') return;
  credits += request.batches;
  wake?.();
  wake = null;
});

let reader: SessionReader | null = null;
try {
  reader = new SessionReader(workerData as SessionReaderOptions);
  post({ kind: 'total', total: reader.total() });
  for (const rows of reader.batches()) {
    while (credits === 0) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    credits--;
    post({ kind: 'batch', rows });
  }
  post({ kind: 'end' });
} catch (error) {
  post({ kind: 'failed', error: toErrorInfo(error) });
} finally {
  reader?.close();
  // Nothing more to answer: let the thread end (the writer ends it too once it has the last batch).
  port.removeAllListeners('message');
}
