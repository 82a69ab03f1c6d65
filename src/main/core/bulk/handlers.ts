// The bridge calls of bulk jobs (F8): `bulk.start`, `bulk.cancel`, and the `bulk.progress` event (bulkJobs.ts).
import type { HandlerGroup } from '../context.ts';
import { BulkJobs } from './bulkJobs.ts';

export function createBulkHandlers(options: { partSize?: number } = {}): HandlerGroup {
  return (ctx) => {
    const jobs = new BulkJobs(ctx, options);
    return {
      'bulk.start': ({ action, target }) => jobs.start(action, target.allMatching),
      'bulk.cancel': async ({ jobId }) => jobs.cancel(jobId),
    };
  };
}

export const bulkHandlers: HandlerGroup = createBulkHandlers();
