// The bulk jobs started from this window ("all matching" over more sessions than one request names), by id, kept
// current by the core's `bulk.progress` events. It lives outside any component: the bulk bar may unmount while a job
// runs (its selection cleared), the job's notification stays.
import type { BulkJobProgress } from '@shared/bridge.ts';
import { create } from 'zustand';
import { getBridge } from '../../bridge/index.ts';

interface BulkJobsState {
  jobs: Record<string, BulkJobProgress>;
  put(progress: BulkJobProgress): void;
}

export const useBulkJobs = create<BulkJobsState>((set) => ({
  jobs: {},
  put(progress) {
    set((state) => {
      const current = state.jobs[progress.jobId];
      // A late 'running' report never overwrites the end of a job (an end may still grow `done`: the last part lands).
      if (current && current.state !== 'running' && progress.state === 'running') return state;
      return { jobs: { ...state.jobs, [progress.jobId]: progress } };
    });
  },
}));

/** True while a job of this window runs (the bulk bar offers no second one meanwhile). */
export const anyBulkJobRunning = (state: BulkJobsState): boolean =>
  Object.values(state.jobs).some((job) => job.state === 'running');

let unsubscribe: (() => void) | null = null;

/** Follows `bulk.progress` from now on (once per window). */
export function followBulkJobs(): void {
  if (unsubscribe) return;
  unsubscribe = getBridge().on('bulk.progress', (progress) => useBulkJobs.getState().put(progress));
}

/** Tests: forget every job and the subscription (a new bridge). */
export function resetBulkJobs(): void {
  unsubscribe?.();
  unsubscribe = null;
  useBulkJobs.setState({ jobs: {} });
}
