// The agent workflow in the interface (B10): the staff one can assign to, the snooze times offered, and the actions
// (assign, resolve, reopen, snooze) as one set of calls shared by the row menu, the conversation's header, the bulk
// bar and the keyboard, each telling what it did in a toast.
import type { Assignee, BulkTarget } from '@shared/api.ts';
import type { Session } from '@shared/domain.ts';
import { formatDateTime } from '@shared/relativeTime.ts';
import i18next from 'i18next';
import { useEffect, useState } from 'react';
import { callBridge, errorMessage } from '../../bridge/bridgeHooks.ts';
import { NS } from './strings.ts';
import { toast } from './toast.ts';

let known: Promise<Assignee[]> | null = null;

/** The staff accounts one can assign to (asked once per window, then kept). */
export function useAssignees(): Assignee[] {
  const [items, setItems] = useState<Assignee[]>([]);
  useEffect(() => {
    let alive = true;
    known ??= callBridge('assignees.list', {})
      .then((r) => r.items)
      .catch(() => {
        known = null;
        return [];
      });
    void known.then((list) => alive && setItems(list));
    return () => {
      alive = false;
    };
  }, []);
  return items;
}

export type SnoozeChoice = 'hour' | 'tomorrow' | 'nextWeek';

/** When a snooze choice ends, from `now` in local time: in an hour, tomorrow 9:00, next Monday 9:00. */
export function snoozeUntil(choice: SnoozeChoice, now = new Date()): Date {
  if (choice === 'hour') return new Date(now.getTime() + 3_600_000);
  const at = new Date(now);
  at.setHours(9, 0, 0, 0);
  if (choice === 'tomorrow') {
    at.setDate(at.getDate() + 1);
    return at;
  }
  // Next week: the coming Monday (a week from today when today is Monday).
  const days = (8 - at.getDay()) % 7 || 7;
  at.setDate(at.getDate() + days);
  return at;
}

const t = (key: string, options?: Record<string, unknown>) => i18next.t(key, { ns: NS, ...options });

async function run(task: () => Promise<string>): Promise<void> {
  try {
    toast('green', await task());
  } catch (error) {
    toast('red', t('failed', { message: errorMessage(error) }));
  }
}

/** One session's assignee (null: unassign), named in the toast. */
export function assignSession(session: Session, assignee: { id: string; name: string } | null): Promise<void> {
  return run(async () => {
    await callBridge('sessions.triage', { id: session.id, patch: { assigneeId: assignee?.id ?? null } });
    return assignee ? t('workflow.assigned', { name: assignee.name }) : t('workflow.unassignedDone');
  });
}

export function resolveSessions(target: BulkTarget): Promise<void> {
  return run(async () => {
    const { affected } = await callBridge('sessions.resolve', { target });
    return t('workflow.resolvedDone', { count: affected });
  });
}

export function reopenSessions(target: BulkTarget): Promise<void> {
  return run(async () => {
    const { affected } = await callBridge('sessions.reopen', { target });
    return t('workflow.reopenedDone', { count: affected });
  });
}

export function assignSessions(target: BulkTarget, assignee: { id: string; name: string }): Promise<void> {
  return run(async () => {
    const { affected } = await callBridge('sessions.assign', { target, assigneeId: assignee.id });
    return t('workflow.assignedDone', { count: affected, name: assignee.name });
  });
}

/** Snoozes the target's sessions until `until` (null: wakes them). */
export function snoozeSessions(target: BulkTarget, until: Date | null): Promise<void> {
  return run(async () => {
    const { affected } = await callBridge('sessions.snooze', {
      target,
      snoozedUntil: until ? until.toISOString() : null,
    });
    return until
      ? i18next.t('snoozeDone', {
          ns: 'sessionsBulk',
          count: affected,
          time: formatDateTime(until.toISOString(), i18next.language || 'en'),
        })
      : t('workflow.woken');
  });
}

/** Snoozes one session until `until` (null: wakes it). */
export function snoozeSession(session: Session, until: Date | null): Promise<void> {
  return run(async () => {
    await callBridge('sessions.triage', {
      id: session.id,
      patch: { snoozedUntil: until ? until.toISOString() : null },
    });
    return until
      ? t('workflow.snoozedDone', { time: formatDateTime(until.toISOString(), i18next.language || 'en') })
      : t('workflow.woken');
  });
}

/** Whether the session is snoozed now. */
export function isSnoozed(session: Session, now = Date.now()): boolean {
  return session.snoozedUntil !== null && Date.parse(session.snoozedUntil) > now;
}
