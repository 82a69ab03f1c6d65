// The progress of the desk's long-running tasks, as the bridge reports them: an export (F8, D6) and a bulk job over
// "all matching" (F8). Plain schemas, shared by the core that runs them and the window that follows them.
import { z } from 'zod';
import { AllMatchingTarget } from './api.ts';
import { Id, Instant } from './domain.ts';
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

/**
 * A bulk action over more sessions than one request names: mark their messages read, or delete them; B10's assign
 * (assigneeId null: unassign), resolve, reopen and snooze (snoozedUntil null: wake).
 */
export const BulkJobAction = z.enum(['markRead', 'delete', 'assign', 'resolve', 'reopen', 'snooze']);
export type BulkJobAction = z.infer<typeof BulkJobAction>;

/**
 * `bulk.start`: the action, "all matching" with the count confirmed, and what an assign (assigneeId, null: unassign)
 * or a snooze (snoozedUntil, null: wake) sets — required for those two, refused with any other action.
 */
export const BulkJobStart = z
  .strictObject({
    action: BulkJobAction,
    target: z.strictObject({ allMatching: AllMatchingTarget }),
    assigneeId: Id.nullable().optional(),
    snoozedUntil: Instant.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    for (const [field, action] of [
      ['assigneeId', 'assign'],
      ['snoozedUntil', 'snooze'],
    ] as const) {
      if (v.action === action && v[field] === undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `is required to ${action}` });
      } else if (v.action !== action && v[field] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `is only for ${action}, not ${v.action}` });
      }
    }
  });
export type BulkJobStart = z.infer<typeof BulkJobStart>;
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
