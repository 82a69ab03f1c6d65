// B9 in the window on a fake bridge: the web edition's notifications of review-queue items (one item opens it in the
// Moderation section, several open the queue, paused shows nothing; English and Arabic), through the same hook the
// frame mounts; and the Moderation section opened on an item, and offline (the queue from the desk's cache, said so).
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useNavigation } from '../../src/renderer/src/app/navigation.ts';
import { setBridge } from '../../src/renderer/src/bridge/index.ts';
import { ModerationPage } from '../../src/renderer/src/features/moderation/index.ts';
import { moderationStrings } from '../../src/renderer/src/features/moderation/strings.ts';
import { startWebNotifications } from '../../src/renderer/src/features/notifications/useWebNotifications.ts';
import { initI18n } from '../../src/renderer/src/i18n/index.ts';
import { DEFAULT_PREFS } from '../../src/shared/bridge.ts';
import type { ModerationItem } from '../../src/shared/domain.ts';
import type { ReviewNotice } from '../../src/shared/moderationDesk.ts';
import { account, createFakeBridge, message, moderationItem, renderWithBridge, SESSION_ID } from './fakeBridge.tsx';

class FakeNotification {
  static shown: FakeNotification[] = [];
  static permission = 'granted';
  static requestPermission = async () => 'granted';
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

const notice = (n: number): ReviewNotice => ({
  itemId: `99999999-9999-4999-8999-${String(n).padStart(12, '0')}`,
  messageId: `77777777-7777-4777-8777-${String(n).padStart(12, '0')}`,
  sessionId: SESSION_ID,
  senderName: 'Omar Seller',
  body: `call me on 0551234567 (${n})`,
  productName: 'Espresso machine',
  reasons: ['flag'],
});

function item(n: number): ModerationItem {
  const m = message({ senderRole: 'seller', body: `queued body ${n}` });
  const base = moderationItem(m, n, { reasons: ['flag'], flags: ['phone'] });
  // The session the notices name (notice above).
  const names = { product: 'Espresso machine', customer: 'Salma' };
  return {
    ...base,
    session: {
      ...base.session,
      product: { ...base.session.product, name: names.product },
      customer: { ...base.session.customer, name: names.customer },
    },
  };
}

describe('the web edition’s review notifications (B9)', () => {
  let stop: (() => void) | null = null;
  beforeEach(() => {
    FakeNotification.shown = [];
    (globalThis as { Notification?: unknown }).Notification = FakeNotification;
  });
  afterEach(() => {
    stop?.();
    stop = null;
    (globalThis as { Notification?: unknown }).Notification = undefined;
  });

  it.each(['en', 'ar'] as const)('notifies of items that opened and opens them (%s)', async (lang) => {
    const s = moderationStrings[lang];
    initI18n(lang);
    const bridge = createFakeBridge();
    bridge.handle('unread.total', () => ({ total: 0 }));
    bridge.handle('prefs.get', () => ({ ...DEFAULT_PREFS }));
    setBridge(bridge);
    useNavigation.setState({ route: { name: 'sessions' }, selectedSessionId: null });
    stop = startWebNotifications();
    await new Promise((r) => setTimeout(r, 0));

    bridge.emit('moderation.review', { open: 3, notify: [notice(1)] });
    expect(FakeNotification.shown).toHaveLength(1);
    expect(FakeNotification.shown[0]?.title).toBe(
      s.review.one.replace('{{sender}}', 'Omar Seller').replace('{{product}}', 'Espresso machine'),
    );
    expect(FakeNotification.shown[0]?.options.body).toBe('call me on 0551234567 (1)');
    FakeNotification.shown[0]?.click();
    expect(useNavigation.getState().route).toEqual({ name: 'moderation', itemId: notice(1).itemId });

    // Several at once: one notification for them; a click opens the queue. The next replaces it.
    useNavigation.setState({ route: { name: 'sessions' } });
    bridge.emit('moderation.review', { open: 5, notify: [notice(2), notice(3)] });
    expect(FakeNotification.shown).toHaveLength(2);
    expect(FakeNotification.shown[1]?.title).toBe(s.review.many_other.replace('{{count}}', '5'));
    bridge.emit('moderation.review', { open: 5, notify: [notice(4)] });
    expect(FakeNotification.shown[1]?.closed).toBe(true);
    bridge.emit('moderation.review', { open: 6, notify: [notice(5), notice(6)] });
    FakeNotification.shown[3]?.click();
    expect(useNavigation.getState().route).toEqual({ name: 'moderation' });

    // The queue emptied: the notification on screen goes. Paused: nothing new.
    bridge.emit('moderation.review', { open: 0, notify: [] });
    expect(FakeNotification.shown.every((n) => n.closed)).toBe(true);
    bridge.emit('notifications.state', { paused: true });
    bridge.emit('moderation.review', { open: 1, notify: [notice(7)] });
    expect(FakeNotification.shown).toHaveLength(4);
  });
});

describe('the Moderation section opened on an item, and offline (B9)', () => {
  afterEach(() => useNavigation.setState({ route: { name: 'sessions' }, selectedSessionId: null }));

  it('shows the item asked for, even past the first page', async () => {
    const bridge = createFakeBridge();
    const items = [item(1), item(2)];
    const far = item(9);
    bridge.handle('account.state', () => account('moderator'));
    bridge.handle('moderation.queue', () => ({ items, total: 60 }));
    bridge.handle('moderation.item', ({ id }) => ({
      item: [...items, far].find((i) => i.id === id) as ModerationItem,
      before: [],
      after: [],
      sanctions: [],
    }));
    useNavigation.setState({ route: { name: 'moderation', itemId: far.id } });
    renderWithBridge(bridge, <ModerationPage />);
    await screen.findAllByTestId('moderation-row');
    await waitFor(() => expect(screen.getByTestId('moderation-detail').getAttribute('data-item-id')).toBe(far.id));
    // A notification for another item while the section is open moves to it.
    act(() => useNavigation.getState().navigate({ name: 'moderation', itemId: items[1]?.id as string }));
    await waitFor(() =>
      expect(screen.getByTestId('moderation-detail').getAttribute('data-item-id')).toBe(items[1]?.id),
    );
  });

  it('says so when the queue comes from the desk’s cache, and asks again once back online', async () => {
    const bridge = createFakeBridge();
    let cached = true;
    bridge.handle('account.state', () => account('moderator'));
    bridge.handle('moderation.queue', () => ({ items: [item(1)], total: 1, cached }));
    bridge.handle('moderation.item', () => ({ item: item(1), before: [], after: [], sanctions: [] }));
    renderWithBridge(bridge, <ModerationPage />);
    expect((await screen.findByTestId('moderation-offline')).textContent).toBe(moderationStrings.en.offline);
    const base = { progress: null, offlineSince: null, lastSyncedAt: null, pendingActions: 1, cursor: 1 };
    act(() => bridge.emit('sync.state', { ...base, status: 'offline' }));
    cached = false;
    act(() => bridge.emit('sync.state', { ...base, status: 'online' }));
    await waitFor(() => expect(screen.queryByTestId('moderation-offline')).toBeNull());
  });
});
