// The notification and badge policy: pure, no Electron involved.
import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../../src/main/core/notify/badge.ts';
import { GROUP_KEY, NotifyPolicy, type SessionsChanged, sessionKey } from '../../../src/main/core/notify/policy.ts';

let seq = 0;
function msg(sessionId: string, body = 'hello', senderName = 'Mona') {
  seq += 1;
  return {
    id: `m${seq}`,
    sessionId,
    kind: 'message' as const,
    senderRole: 'customer' as const,
    senderId: 'u1',
    senderName,
    body,
    flags: [],
    readAt: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    productName: 'Lamp',
  };
}
function batch(partial: Partial<SessionsChanged>): SessionsChanged {
  return { sessionIds: [], all: false, deletedIds: [], unreadTotal: 1, notify: [], ...partial };
}

describe('badgeFor', () => {
  it.each([
    [0, '', 'tray-0', 'Chat Desk — no unread messages'],
    [1, '1', 'tray-1', 'Chat Desk — 1 unread message'],
    [9, '9', 'tray-9', 'Chat Desk — 9 unread messages'],
    [10, '10', 'tray-9plus', 'Chat Desk — 10 unread messages'],
    [1000, '99+', 'tray-9plus', 'Chat Desk — 1000 unread messages'],
  ])('total %i → text %j, image %s, tooltip', (total, text, icon, tooltip) => {
    const state = badgeFor(total);
    expect(state.text).toBe(text);
    expect(state.trayIcon).toBe(icon);
    expect(state.tooltip).toBe(tooltip);
  });

  it('treats negative or non-finite totals as zero and says when paused', () => {
    expect(badgeFor(-3).count).toBe(0);
    expect(badgeFor(Number.NaN).trayIcon).toBe('tray-0');
    expect(badgeFor(2, true).tooltip).toBe('Chat Desk — 2 unread messages (notifications paused)');
    expect(badgeFor(150).description).toBe('99+ unread messages');
  });
});

describe('NotifyPolicy', () => {
  it('shows one toast per incoming message and replaces the previous toast of the same session', () => {
    const policy = new NotifyPolicy();
    const first = policy.onSessionsChanged(batch({ notify: [msg('s1', 'Is it in stock?')], unreadTotal: 1 }));
    expect(first.show).toHaveLength(1);
    expect(first.show[0]).toMatchObject({ key: sessionKey('s1'), sessionId: 's1', body: 'Is it in stock?' });
    expect(first.show[0]?.title).toBe('Mona — Lamp');
    expect(first.close).toEqual([]);
    expect(first.badge.count).toBe(1);

    const second = policy.onSessionsChanged(batch({ notify: [msg('s1', 'Hello?')], unreadTotal: 2 }));
    expect(second.close).toEqual([sessionKey('s1')]);
    expect(second.show.map((t) => t.body)).toEqual(['Hello?']);
    expect(policy.liveKeys).toEqual([sessionKey('s1')]);
  });

  it('groups several messages of one session arriving together into one toast', () => {
    const policy = new NotifyPolicy();
    const d = policy.onSessionsChanged(batch({ notify: [msg('s1', 'a'), msg('s1', 'b'), msg('s1', 'c')] }));
    expect(d.show).toHaveLength(1);
    expect(d.show[0]?.title).toBe('3 new messages — Lamp');
    expect(d.show[0]?.body).toBe('Mona: c');
    expect(d.show[0]?.messageIds).toHaveLength(3);
  });

  it('groups a busy batch across many sessions into a single summary routed to the newest message', () => {
    const policy = new NotifyPolicy({ maxToastsPerBatch: 3 });
    const notify = [msg('s1'), msg('s2'), msg('s3'), msg('s4', 'latest', 'Omar'), msg('s2')];
    // Newest is the last created: s2.
    const d = policy.onSessionsChanged(batch({ notify, unreadTotal: 5 }));
    expect(d.show).toHaveLength(1);
    expect(d.show[0]).toMatchObject({ key: GROUP_KEY, sessionId: 's2', title: '5 new messages in 4 conversations' });
    expect(d.show[0]?.sessionIds.sort()).toEqual(['s1', 's2', 's3', 's4']);
  });

  it('withdraws a toast when its session is read or deleted, and all toasts when nothing is unread', () => {
    const policy = new NotifyPolicy();
    policy.onSessionsChanged(batch({ notify: [msg('s1'), msg('s2'), msg('s3')], unreadTotal: 3 }));
    expect(policy.liveKeys).toHaveLength(3);
    const read = policy.onSessionsChanged(batch({ sessionIds: ['s1'], readSessionIds: ['s1'], unreadTotal: 2 }));
    expect(read.close).toEqual([sessionKey('s1')]);
    expect(read.badge.count).toBe(2);
    const deleted = policy.onSessionsChanged(batch({ deletedIds: ['s2'], unreadTotal: 1 }));
    expect(deleted.close).toEqual([sessionKey('s2')]);
    const allRead = policy.onSessionsChanged(batch({ all: true, unreadTotal: 0 }));
    expect(allRead.close).toEqual([sessionKey('s3')]);
    expect(allRead.badge.trayIcon).toBe('tray-0');
    expect(policy.liveKeys).toEqual([]);
  });

  it('withdraws a summary toast only once every session it speaks for is read', () => {
    const policy = new NotifyPolicy({ maxToastsPerBatch: 1 });
    policy.onSessionsChanged(batch({ notify: [msg('s1'), msg('s2')], unreadTotal: 2 }));
    expect(policy.onSessionsChanged(batch({ readSessionIds: ['s1'], unreadTotal: 1 })).close).toEqual([]);
    expect(policy.onSessionsChanged(batch({ readSessionIds: ['s2'], unreadTotal: 1 })).close).toEqual([GROUP_KEY]);
  });

  it('shows nothing while paused or in do-not-disturb, yet keeps the badge current', () => {
    const policy = new NotifyPolicy();
    policy.setPaused(true);
    const paused = policy.onSessionsChanged(batch({ notify: [msg('s1')], unreadTotal: 4 }));
    expect(paused.show).toEqual([]);
    expect(paused.badge).toMatchObject({ count: 4, trayIcon: 'tray-4' });
    expect(paused.badge.tooltip).toContain('paused');
    policy.setPaused(false);
    const dnd = policy.onSessionsChanged(batch({ notify: [msg('s1')], unreadTotal: 5 }), true);
    expect(dnd.show).toEqual([]);
    expect(dnd.badge.count).toBe(5);
    expect(policy.onSessionsChanged(batch({ notify: [msg('s1')], unreadTotal: 6 })).show).toHaveLength(1);
  });

  it('forgets a toast the user dismissed, so it is not closed twice', () => {
    const policy = new NotifyPolicy();
    policy.onSessionsChanged(batch({ notify: [msg('s1')] }));
    policy.forget(sessionKey('s1'));
    expect(policy.onSessionsChanged(batch({ readSessionIds: ['s1'], unreadTotal: 0 })).close).toEqual([]);
  });

  it('clips long bodies to one line', () => {
    const policy = new NotifyPolicy({ bodyLength: 10 });
    const d = policy.onSessionsChanged(batch({ notify: [msg('s1', 'line one\nline two is long')] }));
    expect(d.show[0]?.body).toBe('line one …');
  });
});
