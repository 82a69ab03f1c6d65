// The progress of the desk's long-running tasks, as the bridge reports them: an export (F8, D6) and a bulk job over
// "all matching" (F8). Plain schemas, shared by the core that runs them and the window that follows them.
import { z } from 'zod';
import { ErrorInfo } from './errors.ts';

export const ExportFormat = z.enum(['xlsx', 'csv']);
export type ExportFormat = z.infer<typeof ExportFormat>;
export const ExportState = z.enum(['running', 'done', 'cancelled', 'failed']);
export const ExportProgress = z.object({
  exportId: z.string(),
  state: ExportState,
  written: z.number().int(),
  total: z.number().int(),
  filePath: z.string().nullable(),
  error: ErrorInfo.nullable(),
});
export type ExportProgress = z.infer<typeof ExportProgress>;

/** A bulk action over more sessions than one request names: mark their messages read, or delete them. */
export const BulkJobAction = z.enum(['markRead', 'delete']);
export type BulkJobAction = z.infer<typeof BulkJobAction>;
/**
 * A bulk job's progress. It takes the matching sessions once, when it starts, and queues them in parts of up to
 * 1,000 (one outbox action each, exactly once like every action): `queued` sessions are handed to the outbox (shown
 * at once, sent in order), `done` of them accepted by the backend. Cancelling stops before the next part: what was
 * queued still lands (`queued - done` on their way), the rest is left untouched. Only sessions created by the
 * confirmation's `asOf` are touched.
 */
/** A bulk job ends done, cancelled, failed (a part refused), or interrupted (signed out or closed while it ran). */
export const BulkJobState = z.enum(['running', 'done', 'cancelled', 'failed', 'interrupted']);
export const BulkJobProgress = z.object({
  jobId: z.string(),
  action: BulkJobAction,
  state: BulkJobState,
  total: z.number().int(),
  queued: z.number().int(),
  done: z.number().int(),
  error: ErrorInfo.nullable(),
});
export type BulkJobProgress = z.infer<typeof BulkJobProgress>;
