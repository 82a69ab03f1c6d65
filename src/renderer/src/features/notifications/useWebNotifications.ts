// Mounted once by the frame. In the web edition it carries D4/D5 into the browser: Web Notifications for new
// incoming messages, the unread total in the page title and the favicon. In Electron (window.desk) it does nothing:
// the shell shows native notifications, the tray and the dock badge.
import { useEffect } from 'react';
import { useNavigation } from '../../app/navigation.ts';
import { loadPrefs, onPrefsSaved } from '../../app/prefs.ts';
import { callBridge } from '../../bridge/bridgeHooks.ts';
import { getBridge } from '../../bridge/index.ts';
import { openModeration, ReviewNotifier } from '../moderation/reviewNotifications.ts';
import './strings.ts';
import { showUnread } from './titleBadge.ts';
import { type NotificationFactory, WebNotifier } from './webNotifier.ts';

/** Opens a conversation from a notification: the window forward, the session selected in the pane. */
export function openSession(sessionId: string): void {
  window.focus();
  const nav = useNavigation.getState();
  nav.navigate({ name: 'sessions' });
  nav.selectSession(sessionId);
}

function browserNotifications(): NotificationFactory | null {
  if (typeof Notification === 'undefined') return null;
  return (title, options) => new Notification(title, options);
}

/** Asks for the browser's permission once, on the first click or key press (browsers want a gesture for it). */
function askPermissionOnGesture(): () => void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return () => {};
  const ask = () => {
    remove();
    // The browser decides and remembers: refused or failed, the desk's notifications stay off, as the person chose.
    void Notification.requestPermission().catch(() => {});
  };
  const remove = () => {
    window.removeEventListener('pointerdown', ask, true);
    window.removeEventListener('keydown', ask, true);
  };
  window.addEventListener('pointerdown', ask, true);
  window.addEventListener('keydown', ask, true);
  return remove;
}

export function startWebNotifications(): () => void {
  const bridge = getBridge();
  const create = browserNotifications();
  const notifier = new WebNotifier({
    create: create ?? (() => ({ onclick: null, onclose: null, close() {} })),
    allowed: () => create !== null && Notification.permission === 'granted',
    onOpen: openSession,
    icon: () => (document.getElementById('chatdesk-favicon') as HTMLLinkElement | null)?.href,
  });
  // B9: the moderators' notifications of the review queue (the core sends them to moderators and admins only).
  const review = new ReviewNotifier({
    create: create ?? (() => ({ onclick: null, onclose: null, close() {} })),
    allowed: () => create !== null && Notification.permission === 'granted',
    paused: () => notifier.paused,
    rules: () => notifier.rules,
    onOpen: openModeration,
    icon: () => (document.getElementById('chatdesk-favicon') as HTMLLinkElement | null)?.href,
  });
  let alive = true;
  const refreshTotal = () =>
    callBridge('unread.total', {})
      .then(({ total }) => alive && showUnread(total))
      // Unanswered, the title's count waits for the next 'sessions.changed' batch, which carries the total.
      .catch(() => {});
  void refreshTotal();
  loadPrefs()
    .then((prefs) => {
      notifier.setPaused(prefs.notificationsPaused);
      notifier.setRules(prefs);
    })
    // Unread, notifications follow the next 'notifications.state' event; until then they show (the default).
    .catch(() => {});

  /** 'Only sessions that were all read': a session notifies when its unread count is no more than this batch's. */
  const handleBatch = async (batch: Parameters<WebNotifier['handle']>[0]) => {
    if (notifier.rules.notifyWhich !== 'newlyUnread' || batch.notify.length === 0) return notifier.handle(batch);
    const inBatch = new Map<string, number>();
    for (const m of batch.notify) inBatch.set(m.sessionId, (inBatch.get(m.sessionId) ?? 0) + 1);
    const newly = new Set<string>();
    await Promise.all(
      [...inBatch].map(([id, count]) =>
        callBridge('sessions.get', { id })
          .then((s) => {
            if (s.unreadCount <= count) newly.add(id);
          })
          // Unanswered, it notifies: a message missed is worse than one too many.
          .catch(() => newly.add(id)),
      ),
    );
    if (alive) notifier.handle(batch, (id) => newly.has(id));
  };

  const offs = [
    bridge.on('sessions.changed', (batch) => {
      showUnread(batch.unreadTotal);
      void handleBatch(batch);
      // Sessions named in the batch with a notification on screen may have been read without the core saying so.
      const named = new Set(batch.sessionIds);
      const check = notifier
        .liveSessions()
        .filter((id) => named.has(id) && !batch.notify.some((m) => m.sessionId === id));
      for (const id of check) {
        callBridge('sessions.get', { id })
          .then((s) => s.unreadCount === 0 && notifier.withdraw([id]))
          // A session that cannot be read (deleted meanwhile): its notification stays until the person closes it.
          .catch(() => {});
      }
    }),
    bridge.on('notifications.state', ({ paused }) => notifier.setPaused(paused)),
    bridge.on('moderation.review', (state) => review.handle(state)),
    // Which messages notify, changed under Settings.
    onPrefsSaved((prefs) => notifier.setRules(prefs)),
    bridge.on('account.state', (state) => {
      if (!state.signedIn) {
        notifier.withdrawAll();
        review.withdraw();
      }
      void refreshTotal();
    }),
    askPermissionOnGesture(),
  ];
  return () => {
    alive = false;
    for (const off of offs) off();
    notifier.withdrawAll();
    review.withdraw();
  };
}

export function useWebNotifications(): void {
  useEffect(() => {
    if (window.desk) return;
    return startWebNotifications();
  }, []);
}
