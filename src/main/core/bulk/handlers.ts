// The bridge calls of bulk jobs (F8, and B10's workflow actions): `bulk.start`, `bulk.cancel`, and the `bulk.progress` event (bulkJobs.ts).
import type { HandlerGroup } from '../context.ts';
import { BulkJobs } from './bulkJobs.ts';

export function createBulkHandlers(options: { partSize?: number } = {}): HandlerGroup {
  return (ctx) => {
    const jobs = new BulkJobs(ctx, options);
    return {
      'bulk.start': (input) => jobs.start(input),
      'bulk.cancel': async ({ jobId }) => jobs.cancel(jobId),
    };
  };
}

export const bulkHandlers: HandlerGroup = createBulkHandlers();
