// The columns a session list can be sorted by (F3), as a plain list: the interface checks a header's column against
// it without loading the schema library (src/shared/api.ts builds its SessionSort schema from it).
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
] as const;

export type SessionSortKey = (typeof SESSION_SORTS)[number];

const sorts: ReadonlySet<string> = new Set(SESSION_SORTS);

export function isSessionSort(value: string): value is SessionSortKey {
  return sorts.has(value);
}

/**
 * B10's columns, which the backend's list sorts by (`GET /admin/sessions?sort=`) but the desk's cache does not keep
 * yet; they join SESSION_SORTS when it does. Empty values (no assignee, never snoozed, …) come last in ascending order
 * and first in descending order; `assignee` sorts by the assignee's name, `status` open, pending, resolved.
 */
export const SESSION_WORKFLOW_SORTS = ['status', 'assignee', 'snoozedUntil', 'firstResponseAt', 'resolvedAt'] as const;
