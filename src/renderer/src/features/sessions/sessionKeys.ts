// The sessions screen's keyboard shortcuts (B6), bound from the one table (features/shortcuts/shortcuts.ts) that the
// help on `?` lists: `/` searches; on the row in focus (the pane's session) P views its conversation (Enter too, bound
// by the grid itself in gridEvents.ts), M marks its messages read, R puts the cursor in the pane's reply box, Delete
// asks to delete it; N moves to the next row below with unread messages. B10: A assigns it to me, E resolves it (or
// reopens a resolved one), Z snoozes it until tomorrow 9:00.
import type { Session } from '@shared/domain.ts';
import type { GridApi } from 'ag-grid-community';
import i18next from 'i18next';
import { type RefObject, useEffect, useRef } from 'react';
import { useNavigation } from '../../app/navigation.ts';
import { callBridge, errorMessage } from '../../bridge/bridgeHooks.ts';
import { shortcutOf, typingIn } from '../shortcuts/shortcuts.ts';
import { NS as SHORTCUTS_NS } from '../shortcuts/strings.ts';
import { NS } from './strings.ts';
import { toast } from './toast.ts';
import { assignSession, reopenSessions, resolveSessions, snoozeSession, snoozeUntil } from './workflow.ts';

const SESSION_SHORTCUTS = [
  'search',
  'openPreview',
  'nextUnread',
  'markRead',
  'reply',
  'assignToMe',
  'resolve',
  'snooze',
  'deleteSession',
] as const;

export interface SessionKeysOptions {
  api(): GridApi<Session> | null | undefined;
  searchRef: RefObject<HTMLInputElement | null>;
  can: { markRead: boolean; delete: boolean; triage: boolean };
  /** The signed-in staff member (assign to me). */
  me(): { id: string; name: string } | null;
  onPreview(session: Session): void;
  onDelete(session: Session): void;
}

/** Focuses the next loaded row below the one in focus that has unread messages; false when there is none. */
export function focusNextUnread(api: GridApi<Session>): boolean {
  const selected = useNavigation.getState().selectedSessionId;
  const from = api.getFocusedCell()?.rowIndex ?? (selected ? api.getRowNode(selected)?.rowIndex : null) ?? -1;
  const count = api.getDisplayedRowCount();
  for (let i = from + 1; i < count; i++) {
    const data = api.getDisplayedRowAtIndex(i)?.data;
    // Rows not loaded yet end the search: it does not ask the core for pages.
    if (!data) return false;
    if (data.unreadCount > 0) {
      api.ensureIndexVisible(i);
      api.setFocusedCell(i, 'product');
      return true;
    }
  }
  return false;
}

export function useSessionKeys(options: SessionKeysOptions): void {
  const ref = useRef(options);
  ref.current = options;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typingIn(e.target) || document.querySelector('[role="dialog"]')) return;
      const id = shortcutOf(e, SESSION_SHORTCUTS);
      if (!id) return;
      const { api: getApi, searchRef, can, onPreview, onDelete, me } = ref.current;
      if (id === 'search') {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
        return;
      }
      const target = e.target instanceof HTMLElement ? e.target : null;
      // Enter on a button or link presses it; in the grid, the grid opens the row (gridEvents.ts).
      if (id === 'openPreview' && (target?.closest('button, a, .ag-root-wrapper') ?? null) !== null) return;
      const api = getApi();
      if (!api || api.isDestroyed()) return;
      if (id === 'nextUnread') {
        e.preventDefault();
        if (!focusNextUnread(api)) toast('blue', i18next.t('noUnread', { ns: SHORTCUTS_NS }));
        return;
      }
      const selected = useNavigation.getState().selectedSessionId;
      const session = selected ? api.getRowNode(selected)?.data : undefined;
      if (!session) return;
      e.preventDefault();
      if (id === 'openPreview') onPreview(session);
      else if (id === 'reply') document.querySelector<HTMLTextAreaElement>('[data-testid="reply-input"]')?.focus();
      else if (id === 'deleteSession' && can.delete) onDelete(session);
      else if (id === 'assignToMe' && can.triage) {
        const staff = me();
        if (staff && session.assigneeId !== staff.id) void assignSession(session, staff);
      } else if (id === 'resolve' && can.triage) {
        void (session.status === 'resolved' ? reopenSessions : resolveSessions)({ ids: [session.id] });
      } else if (id === 'snooze' && can.triage) void snoozeSession(session, snoozeUntil('tomorrow'));
      else if (id === 'markRead' && can.markRead) {
        callBridge('messages.markRead', { sessionId: session.id })
          .then(({ affected }) => toast('green', i18next.t('bulk.markedRead', { ns: NS, count: affected })))
          .catch((error) => toast('red', i18next.t('failed', { ns: NS, message: errorMessage(error) })));
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
