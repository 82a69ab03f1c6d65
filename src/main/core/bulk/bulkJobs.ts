// Bulk jobs: "mark read" or "delete" over every session a filter matches, when that is more than one request names
// (tens of thousands of sessions); B10's assign (or unassign), resolve, reopen and snooze (or wake) the same way. The job takes the matching sessions once from the cache, refuses at once when
// they are more than the person confirmed, then queues them in parts of up to MAX_BULK_IDS, each an ordinary outbox
// action with its own id (shown at once, sent in order, applied exactly once), the next part once the backend has
// taken the last. Progress goes out as 'bulk.progress'; cancelling stops before the next part, so what was queued
// still lands and the rest is left untouched. A job lives while the account is signed in: signing out, the backend
// refusing the token or the core closing interrupts it; the part already queued stays in the outbox and is sent when
// the account signs in again. Only sessions created by the confirmation's `asOf` are taken.
import { randomUUID } from 'node:crypto';
import { type AllMatchingTarget, MAX_BULK_IDS } from '../../../shared/api.ts';
import type { BulkJobAction, BulkJobProgress, BulkJobStart } from '../../../shared/bridge.ts';
import type { Permission } from '../../../shared/domain.ts';
import { AppError, type ErrorInfo, moreThanConfirmed } from '../../../shared/errors.ts';
import type { ActionPayload } from '../cache/actions.ts';
import type { CoreContext } from '../context.ts';
import { assigneeName } from '../handlers/workflow.ts';

const KEEP_ENDED = 20;
const PERMISSION: Record<BulkJobAction, Permission> = {
  markRead: 'messages.markRead',
  delete: 'sessions.delete',
  assign: 'sessions.triage',
  resolve: 'sessions.triage',
  reopen: 'sessions.triage',
  snooze: 'sessions.triage',
};

/** The outbox action of one part of a job: its sessions by id, and what the job sets. */
type PartOf = (ids: string[]) => ActionPayload;

interface Job {
  progress: BulkJobProgress;
  cancelled: boolean;
}

export class BulkJobs {
  readonly #ctx: CoreContext;
  readonly #partSize: number;
  readonly #jobs = new Map<string, Job>();

  constructor(ctx: CoreContext, options: { partSize?: number } = {}) {
    this.#ctx = ctx;
    this.#partSize = Math.min(options.partSize ?? MAX_BULK_IDS, MAX_BULK_IDS);
    ctx.onClose(() => this.#stopAll());
  }

  async start(input: BulkJobStart): Promise<BulkJobProgress> {
    const { action } = input;
    const target: AllMatchingTarget = input.target.allMatching;
    const runtime = this.#ctx.runtime();
    const permission = PERMISSION[action];
    if (!runtime.record.permissions.includes(permission)) {
      throw new AppError('forbidden', `The role ${runtime.record.staff.role} may not ${permission}`);
    }
    const partOf = await this.#partOf(input);
    // Only sessions that existed when the person confirmed the count (`asOf`), as the backend's own check does.
    const asOf = new Date(target.asOf).toISOString();
    const ids = await runtime.cache.call('matchingIds', target.filter, action === 'markRead', Date.now(), asOf);
    if (ids.length > target.confirmedCount) {
      throw moreThanConfirmed(ids.length, target.confirmedCount, 'target.allMatching.confirmedCount');
    }
    const job: Job = {
      progress: {
        jobId: randomUUID(),
        action,
        state: 'running',
        total: ids.length,
        queued: 0,
        done: 0,
        error: null,
      },
      cancelled: false,
    };
    this.#jobs.set(job.progress.jobId, job);
    void this.#run(job, ids, partOf);
    return { ...job.progress };
  }

  /** What each part queues; an assignee is checked (and named) once, before anything is queued. */
  async #partOf(input: BulkJobStart): Promise<PartOf> {
    switch (input.action) {
      case 'markRead':
        return (ids) => ({ kind: 'sessions.markRead', target: { ids } });
      case 'delete':
        return (ids) => ({ kind: 'sessions.deleteMany', target: { ids } });
      case 'resolve':
        return (ids) => ({ kind: 'sessions.resolve', target: { ids } });
      case 'reopen':
        return (ids) => ({ kind: 'sessions.reopen', target: { ids } });
      case 'assign': {
        const assigneeId = input.assigneeId ?? null;
        const record = this.#ctx.runtime().record;
        if (assigneeId !== null && assigneeId !== record.staff.id && !record.permissions.includes('sessions.assign')) {
          throw new AppError('forbidden', `The role ${record.staff.role} may assign sessions only to themselves`, {
            assigneeId: 'your role may assign sessions only to yourself',
          });
        }
        const name = await assigneeName(this.#ctx, assigneeId);
        return (ids) => ({ kind: 'sessions.assign', target: { ids }, assigneeId, assigneeName: name });
      }
      case 'snooze': {
        const until = input.snoozedUntil ? new Date(input.snoozedUntil).toISOString() : null;
        return (ids) => ({ kind: 'sessions.snooze', target: { ids }, snoozedUntil: until });
      }
    }
  }

  cancel(jobId: string): BulkJobProgress {
    const job = this.#jobs.get(jobId);
    if (!job) throw new AppError('not_found', `No bulk action with id ${jobId}`, { jobId: 'no such bulk action' });
    if (job.progress.state === 'running') {
      job.cancelled = true;
      this.#end(job, 'cancelled');
    }
    return { ...job.progress };
  }

  async #run(job: Job, ids: string[], partOf: PartOf): Promise<void> {
    try {
      for (let at = 0; at < ids.length && !job.cancelled; at += this.#partSize) {
        const part = ids.slice(at, at + this.#partSize);
        const actionId = randomUUID();
        const settled = this.#ctx.settled(actionId);
        // Counted as queued from the moment it is handed over, so a cancel now reports the part that will land.
        job.progress.queued += part.length;
        try {
          await this.#ctx.enqueue(partOf(part), actionId);
        } catch (error) {
          job.progress.queued -= part.length;
          throw error;
        }
        this.#emit(job);
        const outcome = await settled;
        // Signed out or closed: the part queued is sent at the next sign-in, the rest is not queued.
        if (outcome.state === 'closed') return this.#end(job, 'interrupted');
        // Refused: 'action.failed' has said why, and that part's sessions show as the backend has them again.
        if (outcome.state === 'refused') return this.#end(job, 'failed', outcome.error);
        // Reported after a cancel too: the part queued before it has landed.
        job.progress.done += part.length;
        this.#emit(job);
      }
      this.#end(job, 'done');
    } catch (error) {
      this.#end(job, 'failed', (error instanceof AppError ? error : new AppError('internal', String(error))).toInfo());
    }
  }

  #end(job: Job, state: 'done' | 'cancelled' | 'failed' | 'interrupted', error?: ErrorInfo): void {
    if (job.progress.state !== 'running') return;
    job.progress.state = state;
    job.progress.error = error ?? null;
    this.#emit(job);
    // Ended jobs stay (a late 'bulk.cancel' answers with how the job ended), the oldest forgotten past a few.
    const ended = [...this.#jobs.values()].filter((j) => j.progress.state !== 'running');
    for (const old of ended.slice(0, Math.max(0, ended.length - KEEP_ENDED))) this.#jobs.delete(old.progress.jobId);
  }

  #emit(job: Job): void {
    this.#ctx.events.emit('bulk.progress', { ...job.progress });
  }

  #stopAll(): void {
    for (const job of [...this.#jobs.values()]) {
      job.cancelled = true;
      this.#end(job, 'interrupted');
    }
  }
}
