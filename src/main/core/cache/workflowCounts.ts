// B10's quick views (Mine, Unassigned, All open) counted without counting: running counts of sessions per status and
// assignee, kept by triggers on `sessions` (migration 5), so a workflow-only filter's total is a few rows of that
// table minus the sessions snoozed until a time to come, which are few and found through an index range. Counting
// the views' index ranges instead took 128 ms (Unassigned) and 224 ms (All open) at 1,000,000 sessions.
import type { SessionFilter } from '../../../shared/api.ts';
import type { SessionPageInput } from '../../../shared/bridge.ts';
import type { CacheDb } from './db.ts';
import { type SqlValue, sessionWhere } from './sessionQuery.ts';

/**
 * The index that serves a page of a one-assignee view (me, none, or a staff id, with a status) in the last-message
 * order: it holds the view's rows in the page's order. Null for any other page (sessionPages.ts picks its plan).
 */
export function viewIndex(input: Pick<SessionPageInput, 'filter' | 'sort'>): string | null {
  const { filter } = input;
  if (input.sort !== 'lastMessageAt' || !isWorkflowOnly(filter) || !filter.status) return null;
  if (!filter.assignee || filter.assignee === 'meOrNone') return null;
  return 'sessions_view_by_last_message';
}

const ME = `(SELECT json_extract(value, '$.staffId') FROM kv WHERE key = 'core.account')`;

/** Whether a filter holds only B10's terms (status, assignee, snoozed), so the running counts answer it. */
export function isWorkflowOnly(filter: SessionFilter): boolean {
  return Object.entries(filter).every(
    ([key, value]) =>
      value === undefined || value === '' || key === 'status' || key === 'assignee' || key === 'snoozed',
  );
}

/**
 * The total of a workflow-only filter: the running counts of its status and assignee, less (snoozed: false) or only
 * (snoozed: true) the sessions snoozed past `now`, counted from the partial index of snoozed sessions.
 */
export function workflowCount(db: CacheDb, filter: SessionFilter, now: number): number {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  if (filter.status) {
    clauses.push('status = ?');
    params.push(filter.status);
  }
  if (filter.assignee === 'none') clauses.push(`assignee = ''`);
  else if (filter.assignee === 'me') clauses.push(`assignee = ${ME}`);
  else if (filter.assignee === 'meOrNone') clauses.push(`(assignee = '' OR assignee = ${ME})`);
  else if (filter.assignee) {
    clauses.push('assignee = ?');
    params.push(filter.assignee);
  }
  const where = clauses.length ? clauses.join(' AND ') : '1';
  const counted =
    filter.snoozed === true
      ? 0
      : Number(db.get(`SELECT total(n) AS n FROM workflow_counts WHERE ${where}`, ...params)?.n ?? 0);
  if (filter.snoozed === undefined) return counted;
  const snoozed = sessionWhere({ ...filter, snoozed: true }, now);
  const future = Number(
    db.get(`SELECT count(*) AS n FROM sessions INDEXED BY sessions_snoozed WHERE ${snoozed.sql}`, ...snoozed.params)
      ?.n ?? 0,
  );
  return filter.snoozed ? future : counted - future;
}
