// B10 in the web edition's notifications (fake Notification): a session someone assigned to you shows "Session
// assigned to you by …" with its product and customer, several in one batch are counted, and the notification stays
// when the session is read (it is news of the assignment, not of unread messages); a click opens the session. And the
// desktop policy's toast of the same notice, in English and Arabic, withdrawn by nothing but its replacement.
import { act } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ASSIGNED_KEY, NotifyPolicy } from '../../src/main/core/notify/policy.ts';
import { ASSIGNED_TAG, WebNotifier } from '../../src/renderer/src/features/notifications/webNotifier.ts';
import { initI18n } from '../../src/renderer/src/i18n/index.ts';
import { changed, OTHER_SESSION_ID, SESSION_ID } from './fakeBridge.tsx';

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
}

const assigned = (sessionId: string, byName: string | null = 'Mazen Manager') => ({
  sessionId,
  productName: sessionId === SESSION_ID ? 'Espresso machine' : 'Kettle',
  customerName: 'Fatima',
  byName,
});

beforeEach(() => {
  initI18n('en');
  FakeNotification.shown = [];
});
afterEach(async () => {
  await act(() => i18next.changeLanguage('en'));
});

describe('assignment notices (B10)', () => {
  it('the web edition shows who assigned it, keeps it when the session is read, and opens it on a click', async () => {
    const opened: string[] = [];
    const n = new WebNotifier({
      create: (title, options) => new FakeNotification(title, options),
      allowed: () => true,
      onOpen: (id) => opened.push(id),
    });
    n.handle(changed({ unreadTotal: 3, assigned: [assigned(SESSION_ID)] }));
    const [first] = FakeNotification.shown;
    expect(first?.title).toBe('Session assigned to you by Mazen Manager');
    expect(first?.options).toMatchObject({ body: 'Espresso machine — Fatima', tag: ASSIGNED_TAG });
    // Read, and nothing unread at all: an assignment is still news.
    n.handle(changed({ unreadTotal: 0, readSessionIds: [SESSION_ID] }));
    expect(first?.closed).toBe(false);
    // Two more in one batch by someone unknown: one notification counting them, replacing the first.
    n.handle(changed({ unreadTotal: 0, assigned: [assigned(SESSION_ID, null), assigned(OTHER_SESSION_ID, null)] }));
    expect(first?.closed).toBe(true);
    const second = FakeNotification.shown[1];
    expect(second?.title).toBe('2 sessions assigned to you');
    second?.onclick?.(new Event('click'));
    expect(opened).toEqual([OTHER_SESSION_ID]);
    await act(() => i18next.changeLanguage('ar'));
    n.handle(changed({ unreadTotal: 0, assigned: [assigned(SESSION_ID)] }));
    expect(FakeNotification.shown[2]?.title).toBe('أُسندت إليك جلسة من Mazen Manager');
  });

  it('the desktop policy shows it as its own toast, not withdrawn when read, replaced by the next', () => {
    const policy = new NotifyPolicy({ locale: 'en' });
    const first = policy.onSessionsChanged(changed({ unreadTotal: 2, assigned: [assigned(SESSION_ID)] }));
    expect(first.show.map((t) => [t.key, t.title, t.sessionId])).toEqual([
      [ASSIGNED_KEY, 'Session assigned to you by Mazen Manager', SESSION_ID],
    ]);
    const read = policy.onSessionsChanged(changed({ unreadTotal: 0, readSessionIds: [SESSION_ID] }));
    expect(read.close).not.toContain(ASSIGNED_KEY);
    const next = policy.onSessionsChanged(changed({ unreadTotal: 0, assigned: [assigned(OTHER_SESSION_ID)] }));
    expect(next.close).toContain(ASSIGNED_KEY);
    expect(next.show[0]?.title).toBe('Session assigned to you by Mazen Manager');
    // Paused: nothing new.
    policy.setPaused(true);
    expect(policy.onSessionsChanged(changed({ unreadTotal: 0, assigned: [assigned(SESSION_ID)] })).show).toEqual([]);
    const ar = new NotifyPolicy({ locale: 'ar' });
    const many = ar.onSessionsChanged(
      changed({ unreadTotal: 0, assigned: [assigned(SESSION_ID, null), assigned(OTHER_SESSION_ID, null)] }),
    );
    expect(many.show[0]?.title).toBe('أُسندت إليك جلستان');
  });
});
