// Tray, badges and native notifications against a fake electron module (Electron's binary cannot run here).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('./fakeElectron.ts'));

import { EventHub } from '../../../src/main/core/eventHub.ts';
import { badgeFor } from '../../../src/main/core/notify/badge.ts';
import { NotifyPolicy, sessionKey } from '../../../src/main/core/notify/policy.ts';
import { attachAttention } from '../../../src/main/electron/attention.ts';
import { applyBadge, createBadges, linuxLauncherSupported } from '../../../src/main/electron/badge.ts';
import { APP_USER_MODEL_ID, NotificationService, setWindowsAppId } from '../../../src/main/electron/notifications.ts';
import { createPauseSchedule, type PauseSpan, pauseEnd } from '../../../src/main/electron/pauseSchedule.ts';
import { TrayService } from '../../../src/main/electron/tray.ts';
import { revealWindow } from '../../../src/main/electron/window.ts';
import { err, ok } from '../../../src/shared/result.ts';
import { until } from '../../support/until.ts';
import { changed, incoming as incomingMessage } from './changeNotices.ts';
import {
  app,
  type BrowserWindow,
  FakeWindow,
  Menu,
  Notification,
  nativeImage,
  setFakePlatform,
  systemPreferences,
  Tray,
} from './fakeElectron.ts';

type FakeTray = InstanceType<typeof Tray> & {
  image: { path: string };
  tooltip: string;
  menu: {
    template: Array<{ id?: string; label?: string; checked?: boolean; click?: (item: { checked: boolean }) => void }>;
  };
};
type FakeNote = InstanceType<typeof Notification> & {
  options: { title: string; body: string };
  shown: boolean;
  closed: boolean;
  click(): void;
};
const Notes = Notification as unknown as { created: FakeNote[]; supported: boolean };
const fakeApp = app as typeof app & { badgeCount: number; dockBadge: string };

function makeTray(
  actions: Partial<{
    onOpen: () => void;
    onTogglePause: (p: boolean) => void;
    onPauseFor: (span: PauseSpan) => void;
    onQuit: () => void;
  }> = {},
) {
  const service = new TrayService(
    {
      createTray: (image) => new Tray(image) as never,
      image: (name) => nativeImage.createFromPath(`/res/tray/${name}.png`) as never,
      buildMenu: (template) => Menu.buildFromTemplate(template) as never,
      onOpen: actions.onOpen ?? (() => {}),
      onTogglePause: actions.onTogglePause ?? (() => {}),
      onPauseFor: actions.onPauseFor ?? (() => {}),
      onQuit: actions.onQuit ?? (() => {}),
    },
    badgeFor(0),
    false,
  );
  return { service, tray: (Tray as unknown as { last: FakeTray }).last };
}

describe('tray (fake electron Tray)', () => {
  it.each([
    [0, 'tray-0', 'Chat Desk — no unread messages'],
    [1, 'tray-1', 'Chat Desk — 1 unread message'],
    [9, 'tray-9', 'Chat Desk — 9 unread messages'],
    [10, 'tray-9plus', 'Chat Desk — 10 unread messages'],
    [1000, 'tray-9plus', 'Chat Desk — 1000 unread messages'],
  ])('shows image and tooltip for %i unread', (total, icon, tooltip) => {
    const { service, tray } = makeTray();
    service.update(badgeFor(total), false);
    expect(tray.image).toEqual({ path: `/res/tray/${icon}.png` });
    expect(tray.tooltip).toBe(tooltip);
  });

  it('offers Open, Pause notifications and Quit, and reflects the pause state', () => {
    const log: string[] = [];
    const { service, tray } = makeTray({
      onOpen: () => log.push('open'),
      onTogglePause: (p) => log.push(`pause:${p}`),
      onPauseFor: (span) => log.push(`pauseFor:${span}`),
      onQuit: () => log.push('quit'),
    });
    const items = () => tray.menu.template.filter((i) => i.id);
    expect(items().map((i) => i.id)).toEqual(['open', 'pause', 'pauseHour', 'pauseTomorrow', 'quit']);
    expect(items().map((i) => i.label)).toEqual([
      'Open Chat Desk',
      'Pause notifications',
      'Pause for 1 hour',
      'Pause until tomorrow',
      'Quit Chat Desk',
    ]);
    expect(items()[1]?.checked).toBe(false);
    for (const item of items()) item.click?.({ checked: true });
    tray.emit('click');
    expect(log).toEqual(['open', 'pause:true', 'pauseFor:hour', 'pauseFor:tomorrow', 'quit', 'open']);
    service.update(badgeFor(3, true), true);
    expect(items()[1]?.checked).toBe(true);
    expect(tray.tooltip).toContain('paused');
  });
});

describe('pausing notifications for a while (fake timers)', () => {
  function schedule(pausedUntil: string | null = null) {
    const state = { pausedUntil, paused: pausedUntil !== null };
    const pauses = createPauseSchedule({
      pausedUntil: () => state.pausedUntil,
      rememberUntil: (until) => {
        state.pausedUntil = until;
      },
      setPaused: (paused) => {
        state.paused = paused;
      },
    });
    return { state, pauses };
  }
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ends when the hour is up and until tomorrow at 08:00 local time', () => {
    vi.useFakeTimers({ now: new Date(2026, 4, 10, 22, 30) });
    expect(pauseEnd('hour', new Date()).getTime() - Date.now()).toBe(3_600_000);
    expect(pauseEnd('tomorrow', new Date())).toEqual(new Date(2026, 4, 11, 8, 0));
    const { state, pauses } = schedule();
    pauses.pauseFor('hour');
    expect(state.paused).toBe(true);
    expect(state.pausedUntil).toBe(new Date(2026, 4, 10, 23, 30).toISOString());
    vi.advanceTimersByTime(3_599_000);
    expect(state.paused).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(state).toEqual({ paused: false, pausedUntil: null });
  });

  it('resumes at start when the pause ended while the app was closed, and keeps one still running', () => {
    vi.useFakeTimers({ now: new Date(2026, 4, 11, 9, 0) });
    const ended = schedule(new Date(2026, 4, 11, 8, 0).toISOString());
    ended.pauses.start();
    expect(ended.state).toEqual({ paused: false, pausedUntil: null });
    const running = schedule(new Date(2026, 4, 11, 9, 30).toISOString());
    running.pauses.start();
    expect(running.state.paused).toBe(true);
    vi.advanceTimersByTime(30 * 60_000);
    expect(running.state.paused).toBe(false);
  });

  it('a switch by hand (on or off) cancels the timed end', () => {
    vi.useFakeTimers({ now: new Date(2026, 4, 10, 12, 0) });
    const { state, pauses } = schedule();
    pauses.pauseFor('hour');
    pauses.cancel();
    expect(state.pausedUntil).toBeNull();
    vi.advanceTimersByTime(2 * 3_600_000);
    expect(state.paused).toBe(true);
  });
});

describe('badges per platform (fake electron app and window)', () => {
  const overlay = (s: ReturnType<typeof badgeFor>) => nativeImage.createFromPath(`/res/overlay/${s.text}.png`) as never;
  function targets(platform: NodeJS.Platform, win: InstanceType<typeof BrowserWindow>, launcher = true) {
    return { platform, app, window: () => win as never, overlayImage: overlay, linuxLauncherSupported: () => launcher };
  }

  beforeEach(() => {
    fakeApp.badgeCount = -1;
    fakeApp.dockBadge = 'unset';
    return () => setFakePlatform(process.platform);
  });

  it('sets the macOS dock badge text, capped at 99+, cleared at zero', () => {
    setFakePlatform('darwin');
    const win = new FakeWindow();
    applyBadge(targets('darwin', win), badgeFor(7));
    expect(fakeApp.dockBadge).toBe('7');
    applyBadge(targets('darwin', win), badgeFor(1000));
    expect(fakeApp.dockBadge).toBe('99+');
    applyBadge(targets('darwin', win), badgeFor(0));
    expect(fakeApp.dockBadge).toBe('');
    expect(fakeApp.badgeCount).toBe(-1);
  });

  it('sets the Windows taskbar overlay with an accessible description, and clears it at zero', () => {
    setFakePlatform('win32');
    const win = new FakeWindow() as InstanceType<typeof BrowserWindow> & { overlay: unknown };
    win.show();
    applyBadge(targets('win32', win), badgeFor(1));
    expect(win.overlay).toEqual({ image: { path: '/res/overlay/1.png' }, description: '1 unread message' });
    applyBadge(targets('win32', win), badgeFor(250));
    expect(win.overlay).toEqual({ image: { path: '/res/overlay/99+.png' }, description: '99+ unread messages' });
    applyBadge(targets('win32', win), badgeFor(0));
    expect(win.overlay).toEqual({ image: null, description: '' });
  });

  it('puts the Windows overlay back when the hidden window shows again (hiding drops the taskbar button)', () => {
    setFakePlatform('win32');
    const win = new FakeWindow() as InstanceType<typeof BrowserWindow> & { overlay: unknown };
    win.show();
    const badges = createBadges(targets('win32', win), win as never);
    badges(badgeFor(3));
    win.hide();
    // A message arrives while the window sits in the tray: nothing to draw on.
    badges(badgeFor(4));
    expect(win.overlay).toBeNull();
    win.show();
    expect(win.overlay).toEqual({ image: { path: '/res/overlay/4.png' }, description: '4 unread messages' });
  });

  it('sets the Linux launcher count only where the desktop supports it', () => {
    setFakePlatform('linux');
    const win = new FakeWindow();
    applyBadge(targets('linux', win, true), badgeFor(12));
    expect(fakeApp.badgeCount).toBe(12);
    fakeApp.badgeCount = -1;
    applyBadge(targets('linux', win, false), badgeFor(12));
    expect(fakeApp.badgeCount).toBe(-1);
    expect(linuxLauncherSupported({ XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' })).toBe(true);
    expect(linuxLauncherSupported({ XDG_CURRENT_DESKTOP: 'KDE' })).toBe(true);
    expect(linuxLauncherSupported({ XDG_CURRENT_DESKTOP: 'XFCE' })).toBe(false);
  });
});

const incoming = (sessionId: string, body = 'hi') => incomingMessage(sessionId, body);

function harness(opts: { coreHandlesPause?: boolean; dnd?: boolean; readInCore?: string[] } = {}) {
  Notes.created.length = 0;
  Notes.supported = true;
  Notification.onScreen.length = 0;
  const hub = new EventHub();
  const order: string[] = [];
  const win = new FakeWindow();
  win.visible = false;
  const policy = new NotifyPolicy();
  const notifications = new NotificationService({
    create: (o) => new Notification(o as { title: string; body: string }) as never,
    isSupported: () => Notification.isSupported(),
    navigate: (id) => {
      order.push(`navigate:${id}`);
      hub.emit('navigate.session', { sessionId: id });
    },
    reveal: () => {
      order.push('reveal');
      revealWindow(win as never);
    },
    forget: (key) => policy.forget(key),
  });
  const badges: Array<{ count: number; paused: boolean }> = [];
  const persisted: boolean[] = [];
  const navigated: string[] = [];
  hub.subscribe((event, payload) => {
    if (event === 'navigate.session') navigated.push((payload as { sessionId: string }).sessionId);
  });
  const attention = attachAttention({
    core: {
      dispatch: async (name, input) => {
        if (name === 'unread.total') return ok({ total: 4 });
        if (name === 'sessions.get') {
          const id = (input as { id: string }).id;
          return ok({ id, unreadCount: opts.readInCore?.includes(id) ? 0 : 2 });
        }
        if (name === 'notifications.setPaused' && opts.coreHandlesPause) {
          hub.emit('notifications.state', input as { paused: boolean });
          return ok(input);
        }
        return err({ code: 'not_implemented', message: 'no' });
      },
      subscribe: (l) => hub.subscribe(l),
    },
    policy,
    notifications,
    isDoNotDisturb: () => opts.dnd ?? false,
    emit: (e, p) => hub.emit(e, p),
    persistPaused: (p) => persisted.push(p),
    showBadge: (state, paused) => badges.push({ count: state.count, paused }),
  });
  return { hub, order, win, notifications, attention, badges, persisted, navigated, policy };
}

describe('Windows toast identity (fake electron app)', () => {
  it('uses the installer’s AppUserModelID when packaged and the running executable under npm start', () => {
    setFakePlatform('win32');
    try {
      setWindowsAppId(app, { isPackaged: false, execPath: 'C:\\dev\\node_modules\\electron\\dist\\electron.exe' });
      expect(app.appUserModelId).toBe('C:\\dev\\node_modules\\electron\\dist\\electron.exe');
      setWindowsAppId(app, { isPackaged: true, execPath: 'C:\\Program Files\\Chat Desk\\Chat Desk.exe' });
      expect(app.appUserModelId).toBe(APP_USER_MODEL_ID);
      setFakePlatform('linux');
      app.appUserModelId = null;
      setWindowsAppId(app, { isPackaged: true, execPath: '/opt/Chat Desk/chat-desk' });
      expect(app.appUserModelId).toBeNull();
    } finally {
      setFakePlatform(process.platform);
    }
  });
});

describe('notifications (fake electron Notification)', () => {
  it('shows one toast per incoming message and closes the previous toast of the same session', () => {
    const h = harness();
    h.hub.emit('sessions.changed', changed({ notify: [incoming('s1', 'first')], unreadTotal: 1 }));
    h.hub.emit('sessions.changed', changed({ notify: [incoming('s2', 'other')], unreadTotal: 2 }));
    h.hub.emit('sessions.changed', changed({ notify: [incoming('s1', 'second')], unreadTotal: 3 }));
    expect(Notes.created.map((n) => [n.options.body, n.shown, n.closed])).toEqual([
      ['first', true, true],
      ['other', true, false],
      ['second', true, false],
    ]);
    expect(h.notifications.liveKeys.sort()).toEqual([sessionKey('s1'), sessionKey('s2')]);
    expect(h.badges.map((b) => b.count)).toEqual([1, 2, 3]);
  });

  it('groups several messages arriving together into one toast', () => {
    const h = harness();
    h.hub.emit(
      'sessions.changed',
      changed({ notify: [incoming('s1'), incoming('s2'), incoming('s3'), incoming('s4', 'newest')], unreadTotal: 4 }),
    );
    expect(Notes.created).toHaveLength(1);
    expect(Notes.created[0]?.options.title).toBe('4 new messages in 4 conversations');
    expect(Notes.created[0]?.options.body).toBe('Mona: newest');
  });

  it('routes a click to its session first, then shows and focuses the window', () => {
    const h = harness();
    h.hub.emit('sessions.changed', changed({ notify: [incoming('s1')] }));
    h.hub.emit('sessions.changed', changed({ notify: [incoming('s2')], unreadTotal: 2 }));
    h.win.minimized = true;
    Notes.created[0]?.click();
    expect(h.order).toEqual(['navigate:s1', 'reveal']);
    expect(h.navigated).toEqual(['s1']);
    expect(h.win.log).toEqual(['restore', 'show', 'focus']);
    expect(h.notifications.liveKeys).toEqual([sessionKey('s2')]);
  });

  it('withdraws the toast once its session is read, and keeps the others', () => {
    const h = harness();
    h.hub.emit('sessions.changed', changed({ notify: [incoming('s1'), incoming('s2')], unreadTotal: 2 }));
    h.hub.emit('sessions.changed', changed({ sessionIds: ['s1'], readSessionIds: ['s1'], unreadTotal: 1 }));
    const byBody = Notes.created.map((n) => [n.options.title.startsWith('Mona') ? 'toast' : '?', n.closed]);
    expect(byBody).toEqual([
      ['toast', true],
      ['toast', false],
    ]);
    expect(h.notifications.liveKeys).toEqual([sessionKey('s2')]);
    expect(h.badges.at(-1)?.count).toBe(1);
  });

  it('keeps a Windows toast that timed out into Action Center: a later click opens its session, reading withdraws it', async () => {
    setFakePlatform('win32');
    try {
      const h = harness();
      h.hub.emit('sessions.changed', changed({ notify: [incoming('s1', 'later')], unreadTotal: 1 }));
      h.hub.emit('sessions.changed', changed({ notify: [incoming('s2', 'read')], unreadTotal: 2 }));
      for (const toast of Notes.created) (toast as unknown as InstanceType<typeof Notification>).timeOut();
      // Only what the app holds survives a collection; the OS keeps just a weak link to the object.
      await Notification.collect();
      expect(h.notifications.liveKeys.sort()).toEqual([sessionKey('s1'), sessionKey('s2')]);
      h.hub.emit('sessions.changed', changed({ sessionIds: ['s2'], readSessionIds: ['s2'], unreadTotal: 1 }));
      expect(Notification.onScreen.map((t) => t.body)).toEqual(['later']);
      expect(Notification.clickShown('later')).toBe(true);
      expect(h.order).toEqual(['navigate:s1', 'reveal']);
      expect(h.navigated).toEqual(['s1']);
    } finally {
      setFakePlatform(process.platform);
    }
  });

  it('asks the core about changed sessions when a batch does not say which were read, and withdraws those', async () => {
    const h = harness({ readInCore: ['s1'] });
    h.hub.emit('sessions.changed', changed({ notify: [incoming('s1'), incoming('s2')], unreadTotal: 4 }));
    h.hub.emit('sessions.changed', changed({ sessionIds: ['s1', 's2', 's9'], unreadTotal: 2 }));
    await new Promise((r) => setTimeout(r, 0));
    expect(Notes.created.map((n) => n.closed)).toEqual([true, false]);
    expect(h.notifications.liveKeys).toEqual([sessionKey('s2')]);
  });

  it('respects do-not-disturb and an unsupported platform, while the badge still follows', () => {
    const h = harness({ dnd: true });
    h.hub.emit('sessions.changed', changed({ notify: [incoming('s1')], unreadTotal: 5 }));
    expect(Notes.created).toHaveLength(0);
    expect(h.badges.at(-1)?.count).toBe(5);
    const u = harness();
    Notes.supported = false;
    u.hub.emit('sessions.changed', changed({ notify: [incoming('s1')], unreadTotal: 1 }));
    expect(Notes.created).toHaveLength(0);
  });

  it('macOS: hands toasts to the OS, which holds them back in Focus, and reads none of the app’s own defaults', async () => {
    setFakePlatform('darwin');
    try {
      const notificationsModule = await import('../../../src/main/electron/notifications.ts');
      // The old probe read 'doNotDisturb' from the app's own defaults domain, which never says the system's state.
      expect(Object.keys(notificationsModule)).not.toContain('doNotDisturbProbe');
      const h = harness({ dnd: undefined });
      h.hub.emit('sessions.changed', changed({ notify: [incoming('s1')], unreadTotal: 1 }));
      expect(Notes.created).toHaveLength(1);
      expect(systemPreferences.defaultsRead).toEqual([]);
    } finally {
      setFakePlatform(process.platform);
    }
  });

  it('pauses through the core when it handles the switch, else locally, and tells the windows', async () => {
    const local = harness();
    const states: boolean[] = [];
    local.hub.subscribe((e, p) => {
      if (e === 'notifications.state') states.push((p as { paused: boolean }).paused);
    });
    await local.attention.setPaused(true);
    expect(local.policy.paused).toBe(true);
    expect(states).toEqual([true]);
    expect(local.persisted).toEqual([true]);
    local.hub.emit('sessions.changed', changed({ notify: [incoming('s1')] }));
    expect(Notes.created).toHaveLength(0);

    const viaCore = harness({ coreHandlesPause: true });
    await viaCore.attention.setPaused(true);
    expect(viaCore.policy.paused).toBe(true);
    expect(viaCore.persisted).toEqual([true]);
    expect(viaCore.badges.at(-1)).toEqual({ count: 0, paused: true });
  });

  it('follows the notification rules set under Settings: only flagged, without sound, nothing in quiet hours', async () => {
    const h = harness();
    h.hub.emit('notify.rules', { notifySound: false, notifyWhich: 'flagged', quietHours: null });
    const flagged = { ...incoming('s2', 'call me on 0501234567'), flags: ['phone' as const] };
    h.hub.emit('sessions.changed', changed({ notify: [incoming('s1', 'plain')], unreadTotal: 1 }));
    h.hub.emit('sessions.changed', changed({ notify: [flagged], unreadTotal: 2 }));
    expect(Notes.created.map((n) => [n.options.body, (n.options as { silent?: boolean }).silent])).toEqual([
      ['call me on 0501234567', true],
    ]);
    // Quiet hours around the clock: nothing notifies, the badge still follows.
    h.hub.emit('notify.rules', { notifySound: true, notifyWhich: 'all', quietHours: { from: '00:00', to: '23:59' } });
    h.hub.emit('sessions.changed', changed({ notify: [incoming('s3', 'late')], unreadTotal: 3 }));
    expect(Notes.created).toHaveLength(1);
    expect(h.badges.at(-1)?.count).toBe(3);
  });

  it("'only sessions that were all read' asks the core, and keeps the batches in order", async () => {
    const h = harness({ readInCore: [] });
    h.hub.emit('notify.rules', { notifySound: true, notifyWhich: 'newlyUnread', quietHours: null });
    // The core says 2 unread for every session: one new message leaves one unread before it (not newly unread), two
    // new messages in the batch are all there is (newly unread).
    h.hub.emit('sessions.changed', changed({ notify: [incoming('s1', 'again')], unreadTotal: 2 }));
    h.hub.emit('sessions.changed', changed({ notify: [incoming('s2', 'one'), incoming('s2', 'two')], unreadTotal: 4 }));
    await until(() => h.badges.length >= 2, 'both batches decided');
    expect(h.badges.map((b) => b.count)).toEqual([2, 4]);
    expect(Notes.created).toHaveLength(1);
    expect(Notes.created[0]?.options.body).toContain('two');
  });

  it('reads the unread total at start so the badge is right before the first change', async () => {
    const h = harness();
    await h.attention.primeUnread();
    expect(h.badges.at(-1)).toEqual({ count: 4, paused: false });
  });
});
