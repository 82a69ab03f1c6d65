// The columns a session list can be sorted by (F3, B10), as a plain list: the interface checks a header's column
// against it without loading the schema library (src/shared/api.ts builds its SessionSort schema from it). B10's
// workflow columns sort empty values (no assignee, never snoozed, …) last in ascending order and first in descending
// order, on the backend and in the desk's cache alike; `assignee` sorts by the assignee's name, `status` open, pending,
// resolved.
export const SESSION_SORTS = [
  'product',
  'customer',
  'seller',
  'messagesCount',
  'unreadCount',
  'flaggedCount',
  'lastMessageAt',
  'createdAt',
  'updatedAt',
  'status',
  'assignee',
  'snoozedUntil',
  'firstResponseAt',
  'resolvedAt',
] as const;

export type SessionSortKey = (typeof SESSION_SORTS)[number];

const sorts: ReadonlySet<string> = new Set(SESSION_SORTS);

export function isSessionSort(value: string): value is SessionSortKey {
  return sorts.has(value);
}

/** B10's columns among SESSION_SORTS. */
export const SESSION_WORKFLOW_SORTS = ['status', 'assignee', 'snoozedUntil', 'firstResponseAt', 'resolvedAt'] as const;
