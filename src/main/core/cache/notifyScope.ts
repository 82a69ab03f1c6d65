// B10's notifications in the cache worker, where each session's assignee is known: which incoming messages notify
// under the person's choice "only sessions assigned to me or unassigned" (a preference of the account, kept with the
// others), and which feed events assign a session to the person — by someone else, who is named in the notice.

import type { Prefs } from '../../../shared/bridge.ts';
import type { Session } from '../../../shared/domain.ts';
import type { Actor } from '../../../shared/events.ts';
import type { CacheDb } from './db.ts';

/** The staff account the cache belongs to (recorded at sign-in, account.ts); null before. */
function me(db: CacheDb): string | null {
  return db.kvGet<{ staffId?: string }>('core.account')?.staffId ?? null;
}

/** Whether a participant's message in this session may notify under the account's choice of sessions. */
export function inNotifyScope(db: CacheDb, session: Pick<Session, 'assigneeId'>): boolean {
  if (db.kvGet<Partial<Prefs>>('prefs')?.notifyScope !== 'mineOrUnassigned') return true;
  return session.assigneeId === null || session.assigneeId === me(db);
}

/** The assignee the cache shows for a session before an event is applied (undefined: not known here). */
export function assigneeBefore(db: CacheDb, sessionId: string): string | null | undefined {
  const row = db.get('SELECT assignee_id FROM sessions WHERE id = ?', sessionId);
  return row ? ((row.assignee_id as string | null) ?? null) : undefined;
}

/**
 * A session the feed now shows assigned to the person, who did not have it before, by another staff member: into the
 * batch's notice with the assigner's name (from the assignable staff the core keeps, else from a session assigned to
 * them here; null when neither knows it).
 */
export function noticeAssignment(db: CacheDb, before: string | null | undefined, session: Session, actor: Actor): void {
  const self = me(db);
  if (self === null || session.assigneeId !== self || before === self) return;
  if (actor.kind !== 'staff' || actor.id === self) return;
  db.changes.assigned.push({
    sessionId: session.id,
    productName: session.product.name,
    customerName: session.customer.name,
    byName: actor.id === null ? null : staffName(db, actor.id),
  });
}

function staffName(db: CacheDb, staffId: string): string | null {
  const known = db.kvGet<Array<{ id: string; name: string }>>('core.assignees');
  const found = Array.isArray(known) ? known.find((a) => a.id === staffId) : undefined;
  if (found) return found.name;
  const row = db.get('SELECT assignee_name FROM sessions WHERE assignee_id = ? LIMIT 1', staffId);
  return (row?.assignee_name as string | null | undefined) ?? null;
}
