// B9 in the desktop shell against a fake electron module: a moderator's tray has "Review queue (3)" (a click opens
// the queue) and the count in its tooltip; the core's review notices become one toast (one item: who and what, a
// click opens the item; several: "3 messages to review", a click opens the queue), replaced by the next, held back
// while paused; English and Arabic. An agent's shell never asks for the count and shows no entry.
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('./fakeElectron.ts'));

import { EventHub } from '../../../src/main/core/eventHub.ts';
import { badgeFor } from '../../../src/main/core/notify/badge.ts';
import { NotifyPolicy } from '../../../src/main/core/notify/policy.ts';
import { attachAttention } from '../../../src/main/electron/attention.ts';
import { NotificationService } from '../../../src/main/electron/notifications.ts';
import { TrayService } from '../../../src/main/electron/tray.ts';
import { revealWindow } from '../../../src/main/electron/window.ts';
import type { ReviewNotice } from '../../../src/shared/moderationDesk.ts';
import { err, ok } from '../../../src/shared/result.ts';
import { FakeWindow, Menu, Notification, nativeImage, Tray } from './fakeElectron.ts';

type FakeTray = InstanceType<typeof Tray> & {
  tooltip: string;
  menu: { template: Array<{ id?: string; label?: string; click?: (item: { checked: boolean }) => void }> };
};
type FakeNote = InstanceType<typeof Notification> & {
  options: { title: string; body: string };
  shown: boolean;
  closed: boolean;
  click(): void;
};
const Notes = Notification as unknown as { created: FakeNote[]; supported: boolean };

const notice = (n: number, over: Partial<ReviewNotice> = {}): ReviewNotice => ({
  itemId: `99999999-9999-4999-8999-${String(n).padStart(12, '0')}`,
  messageId: `77777777-7777-4777-8777-${String(n).padStart(12, '0')}`,
  sessionId: '11111111-1111-4111-8111-111111111111',
  senderName: 'Omar Seller',
  body: `call me on 0551234567 (${n})`,
  productName: 'Espresso machine',
  reasons: ['flag'],
  ...over,
});

function shell(permissions: string[], open = 3) {
  Notes.created.length = 0;
  Notes.supported = true;
  const hub = new EventHub();
  const log: string[] = [];
  const win = new FakeWindow();
  win.visible = false;
  const policy = new NotifyPolicy();
  const reveal = () => {
    log.push('reveal');
    revealWindow(win as never);
  };
  hub.subscribe((event, payload) => {
    if (event === 'navigate.moderation') log.push(`moderation:${(payload as { itemId: string | null }).itemId}`);
  });
  const notifications = new NotificationService({
    create: (o) => new Notification(o as { title: string; body: string }) as never,
    isSupported: () => Notification.isSupported(),
    navigate: (id) => log.push(`session:${id}`),
    navigateReview: (itemId) => hub.emit('navigate.moderation', { itemId }),
    reveal,
    forget: (key) => policy.forget(key),
  });
  const tray = new TrayService(
    {
      createTray: (image) => new Tray(image) as never,
      image: (name) => nativeImage.createFromPath(`/res/tray/${name}.png`) as never,
      buildMenu: (template) => Menu.buildFromTemplate(template) as never,
      onOpen: reveal,
      onTogglePause: () => {},
      onPauseFor: () => {},
      onQuit: () => {},
      onReview: () => {
        hub.emit('navigate.moderation', { itemId: null });
        reveal();
      },
    },
    policy.badge(),
    false,
  );
  const fakeTray = (Tray as unknown as { last: FakeTray }).last;
  const asked: string[] = [];
  const attention = attachAttention({
    core: {
      dispatch: async (name) => {
        asked.push(name);
        if (name === 'unread.total') return ok({ total: 2 });
        if (name === 'account.state') return ok({ permissions });
        if (name === 'moderation.counts') return ok({ open });
        return err({ code: 'not_implemented', message: 'no' });
      },
      subscribe: (l) => hub.subscribe(l),
    },
    policy,
    notifications,
    emit: (e, p) => hub.emit(e, p),
    persistPaused: () => {},
    showBadge: (state, paused) => tray.update(state, paused),
  });
  const entry = () => fakeTray.menu.template.find((i) => i.id === 'review');
  return { hub, log, win, policy, tray: fakeTray, attention, asked, entry };
}

describe('the review queue on the tray (fake electron Tray)', () => {
  it('shows "Review queue (3)" with the count in the tooltip, in English and Arabic; none without a count', () => {
    const tray = (state: ReturnType<typeof badgeFor>, locale: 'en' | 'ar' = 'en') => {
      const service = new TrayService(
        {
          createTray: (image) => new Tray(image) as never,
          image: (name) => nativeImage.createFromPath(`/res/tray/${name}.png`) as never,
          buildMenu: (template) => Menu.buildFromTemplate(template) as never,
          onOpen: () => {},
          onTogglePause: () => {},
          onPauseFor: () => {},
          onQuit: () => {},
        },
        state,
        false,
        locale,
      );
      return { service, tray: (Tray as unknown as { last: FakeTray }).last };
    };
    const en = tray(badgeFor(2, false, 'en', 3)).tray;
    expect(en.tooltip).toBe('Chat Desk — 2 unread messages · 3 messages to review');
    expect(en.menu.template.map((i) => i.label)[1]).toBe('Review queue (3)');
    const ar = tray(badgeFor(2, false, 'ar', 3), 'ar').tray;
    expect(ar.tooltip).toBe('Chat Desk — رسالتان غير مقروءتين · 3 رسائل للمراجعة');
    expect(ar.menu.template.map((i) => i.label)[1]).toBe('قائمة المراجعة (3)');
    const agent = tray(badgeFor(2)).tray;
    expect(agent.menu.template.some((i) => i.id === 'review')).toBe(false);
    expect(agent.tooltip).toBe('Chat Desk — 2 unread messages');
    // Zero to review: the entry stays (the queue is still there), the tooltip says nothing of it.
    const { service, tray: zero } = tray(badgeFor(0, false, 'en', 3));
    service.update(badgeFor(0, false, 'en', 0), false);
    expect(zero.menu.template.find((i) => i.id === 'review')?.label).toBe('Review queue (0)');
    expect(zero.tooltip).toBe('Chat Desk — no unread messages');
  });

  it('a moderator: the count at start, one toast per notice that opens its item, a group that opens the queue', async () => {
    const s = shell(['moderation.read', 'moderation.decide'], 3);
    await s.attention.primeUnread();
    expect(s.asked).toContain('moderation.counts');
    expect(s.entry()?.label).toBe('Review queue (3)');
    expect(s.tray.tooltip).toContain('3 messages to review');
    s.entry()?.click?.({ checked: false });
    expect(s.log).toEqual(['moderation:null', 'reveal']);

    s.log.length = 0;
    s.hub.emit('moderation.review', { open: 4, notify: [notice(1)] });
    expect(Notes.created).toHaveLength(1);
    expect(Notes.created[0]?.options).toMatchObject({
      title: 'To review: Omar Seller — Espresso machine',
      body: 'call me on 0551234567 (1)',
    });
    expect(s.entry()?.label).toBe('Review queue (4)');
    s.win.minimized = true;
    s.win.log.length = 0;
    Notes.created[0]?.click();
    expect(s.log).toEqual([`moderation:${notice(1).itemId}`, 'reveal']);
    expect(s.win.log).toEqual(['restore', 'show', 'focus']);

    // Three at once: one toast for them, replacing none (the first was clicked); a click opens the queue.
    s.log.length = 0;
    s.hub.emit('moderation.review', { open: 7, notify: [notice(2), notice(3), notice(4)] });
    expect(Notes.created).toHaveLength(2);
    expect(Notes.created[1]?.options.title).toBe('7 messages to review');
    // The next replaces it.
    s.hub.emit('moderation.review', { open: 8, notify: [notice(5)] });
    expect(Notes.created[1]?.closed).toBe(true);
    expect(Notes.created).toHaveLength(3);
    Notes.created[2]?.click();
    expect(s.log).toEqual([`moderation:${notice(5).itemId}`, 'reveal']);

    // Paused: no toast, the count still follows.
    s.policy.setPaused(true);
    s.hub.emit('moderation.review', { open: 9, notify: [notice(6)] });
    expect(Notes.created).toHaveLength(3);
    expect(s.entry()?.label).toBe('Review queue (9)');
  });

  it('in Arabic', async () => {
    const s = shell(['moderation.read', 'moderation.decide'], 2);
    s.policy.setLocale('ar');
    s.hub.emit('moderation.review', { open: 2, notify: [notice(1), notice(2)] });
    expect(Notes.created[0]?.options.title).toBe('رسالتان للمراجعة');
    s.hub.emit('moderation.review', { open: 3, notify: [notice(3)] });
    expect(Notes.created[1]?.options.title).toBe('للمراجعة: Omar Seller — Espresso machine');
  });

  it('an agent (or a manager): no count asked, no entry, no toast', async () => {
    for (const permissions of [['sessions.read'], ['sessions.read', 'moderation.read']]) {
      const s = shell(permissions);
      await s.attention.primeUnread();
      expect(s.asked).toContain('account.state');
      expect(s.asked).not.toContain('moderation.counts');
      expect(s.entry()).toBeUndefined();
      expect(s.tray.tooltip).toBe('Chat Desk — 2 unread messages');
      expect(Notes.created).toHaveLength(0);
    }
  });
});
