import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useNavigation } from '../../src/renderer/src/app/navigation.ts';
import { setBridge } from '../../src/renderer/src/bridge/index.ts';
import { titleFor } from '../../src/renderer/src/features/notifications/titleBadge.ts';
import { startWebNotifications } from '../../src/renderer/src/features/notifications/useWebNotifications.ts';
import { GROUP_TAG, sessionTag, WebNotifier } from '../../src/renderer/src/features/notifications/webNotifier.ts';
import { initI18n } from '../../src/renderer/src/i18n/index.ts';
import { DEFAULT_PREFS, type EventPayload } from '../../src/shared/bridge.ts';
import { changed, createFakeBridge, message, OTHER_SESSION_ID, SESSION_ID } from './fakeBridge.tsx';

type Incoming = EventPayload<'sessions.changed'>['notify'][number];
const incoming = (sessionId: string, body: string): Incoming => ({
  ...message({ sessionId, body }),
  productName: sessionId === SESSION_ID ? 'Espresso machine' : 'Kettle',
});

class FakeNotification {
  static shown: FakeNotification[] = [];
  onclick: ((ev: Event) => unknown) | null = null;
  onclose: ((ev: Event) => unknown) | null = null;
  closed = false;
  readonly title: string;
  readonly options: NotificationOptions;
  constructor(title: string, options: NotificationOptions) {
    this.title = title;
    this.options = options;
    FakeNotification.shown.push(this);
  }
  close() {
    this.closed = true;
  }
  click() {
    this.onclick?.(new Event('click'));
  }
}

function notifier() {
  const opened: string[] = [];
  const n = new WebNotifier({
    create: (title, options) => new FakeNotification(title, options),
    allowed: () => true,
    onOpen: (id) => opened.push(id),
  });
  return { n, opened };
}

beforeEach(() => {
  initI18n('en');
  FakeNotification.shown = [];
});

describe('web notifications from the core change notices (fake Notification)', () => {
  it('shows one notification for one new incoming message, titled with sender and product', () => {
    const { n } = notifier();
    n.handle(changed({ sessionIds: [SESSION_ID], unreadTotal: 1, notify: [incoming(SESSION_ID, 'Is it available?')] }));
    expect(FakeNotification.shown).toHaveLength(1);
    const [shown] = FakeNotification.shown;
    expect(shown?.title).toBe('Salma Customer — Espresso machine');
    expect(shown?.options.body).toBe('Is it available?');
    expect(shown?.options.tag).toBe(sessionTag(SESSION_ID));
  });

  it('groups several arriving together into one; a click opens the newest one’s conversation and closes it', () => {
    const { n, opened } = notifier();
    const batch = [incoming(SESSION_ID, 'first'), incoming(OTHER_SESSION_ID, 'second'), incoming(SESSION_ID, 'third')];
    n.handle(changed({ sessionIds: [SESSION_ID, OTHER_SESSION_ID], unreadTotal: 3, notify: batch }));
    expect(FakeNotification.shown).toHaveLength(1);
    const [group] = FakeNotification.shown;
    expect(group?.title).toBe('3 new messages in 2 conversations');
    expect(group?.options.tag).toBe(GROUP_TAG);
    group?.click();
    expect(opened).toEqual([SESSION_ID]);
    expect(group?.closed).toBe(true);
    expect(n.liveTags).toEqual([]);
  });

  it('withdraws a notification once its session is read, a group once all its sessions are', () => {
    const { n } = notifier();
    n.handle(changed({ sessionIds: [SESSION_ID], unreadTotal: 1, notify: [incoming(SESSION_ID, 'a')] }));
    const [single] = FakeNotification.shown;
    n.handle(
      changed({
        sessionIds: [OTHER_SESSION_ID],
        unreadTotal: 3,
        notify: [incoming(OTHER_SESSION_ID, 'b'), incoming(SESSION_ID, 'c')],
      }),
    );
    const group = FakeNotification.shown[1];
    n.handle(changed({ sessionIds: [SESSION_ID], unreadTotal: 1, readSessionIds: [SESSION_ID] }));
    expect(single?.closed).toBe(true);
    expect(group?.closed).toBe(false);
    n.handle(changed({ sessionIds: [OTHER_SESSION_ID], unreadTotal: 0, readSessionIds: [OTHER_SESSION_ID] }));
    expect(group?.closed).toBe(true);
  });

  it('shows nothing new while paused, nor without the browser’s permission', () => {
    const { n } = notifier();
    n.setPaused(true);
    n.handle(changed({ sessionIds: [SESSION_ID], unreadTotal: 1, notify: [incoming(SESSION_ID, 'a')] }));
    expect(FakeNotification.shown).toHaveLength(0);
    const denied = new WebNotifier({
      create: (title, options) => new FakeNotification(title, options),
      allowed: () => false,
      onOpen: () => {},
    });
    denied.handle(changed({ sessionIds: [SESSION_ID], unreadTotal: 1, notify: [incoming(SESSION_ID, 'a')] }));
    expect(FakeNotification.shown).toHaveLength(0);
  });

  it('says the unread total in the page title', () => {
    expect(titleFor(0)).toBe('Chat Desk');
    expect(titleFor(7)).toBe('(7) Chat Desk');
    expect(titleFor(12_345)).toBe('(999+) Chat Desk');
  });
});

describe('web notification hook on a fake bridge', () => {
  let stop: (() => void) | null = null;
  afterEach(() => {
    stop?.();
    stop = null;
    (globalThis as { Notification?: unknown }).Notification = undefined;
  });

  it('follows the unread total in the title and favicon, notifies, routes a click by session id and follows the pause', async () => {
    const bridge = createFakeBridge();
    bridge.handle('unread.total', () => ({ total: 4 }));
    bridge.handle('prefs.get', () => ({ ...DEFAULT_PREFS }));
    setBridge(bridge);
    const Fake = class extends FakeNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
    };
    (globalThis as { Notification?: unknown }).Notification = Fake;
    useNavigation.setState({ route: { name: 'users' }, selectedSessionId: null });
    stop = startWebNotifications();
    await new Promise((r) => setTimeout(r, 0));
    expect(document.title).toBe('(4) Chat Desk');
    expect(document.getElementById('chatdesk-favicon')?.dataset.unread).toBe('4');

    bridge.emit(
      'sessions.changed',
      changed({ sessionIds: [SESSION_ID], unreadTotal: 5, notify: [incoming(SESSION_ID, 'hi')] }),
    );
    expect(document.title).toBe('(5) Chat Desk');
    expect(FakeNotification.shown).toHaveLength(1);
    FakeNotification.shown[0]?.click();
    expect(useNavigation.getState().selectedSessionId).toBe(SESSION_ID);
    expect(useNavigation.getState().route).toEqual({ name: 'sessions' });

    bridge.emit('notifications.state', { paused: true });
    bridge.emit(
      'sessions.changed',
      changed({ sessionIds: [SESSION_ID], unreadTotal: 6, notify: [incoming(SESSION_ID, 'again')] }),
    );
    expect(FakeNotification.shown).toHaveLength(1);
    expect(document.title).toBe('(6) Chat Desk');
    bridge.emit(
      'sessions.changed',
      changed({ sessionIds: [SESSION_ID], unreadTotal: 0, readSessionIds: [SESSION_ID] }),
    );
    expect(document.title).toBe('Chat Desk');
  });
});
