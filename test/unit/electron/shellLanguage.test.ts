// The shell speaks the interface's language (B5): the tray's menu and tooltip, the badges' words, the toasts and the
// application menu in English and Arabic, against a fake electron module (Electron's binary cannot run here).
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('./fakeElectron.ts'));

import { EventHub } from '../../../src/main/core/eventHub.ts';
import { badgeFor } from '../../../src/main/core/notify/badge.ts';
import { NotifyPolicy } from '../../../src/main/core/notify/policy.ts';
import { plural, shellStrings } from '../../../src/main/core/notify/shellStrings.ts';
import { attachAttention } from '../../../src/main/electron/attention.ts';
import { createExportHost } from '../../../src/main/electron/exportHost.ts';
import { followInterfaceLanguage } from '../../../src/main/electron/language.ts';
import { type MenuActions, menuTemplate } from '../../../src/main/electron/menu.ts';
import { NotificationService } from '../../../src/main/electron/notifications.ts';
import { TrayService } from '../../../src/main/electron/tray.ts';
import type { Locale } from '../../../src/shared/bridge.ts';
import { err, ok } from '../../../src/shared/result.ts';
import { changed, incoming as incomingMessage } from './changeNotices.ts';
import { dialog, FakeWindow, Menu, Notification, nativeImage, shell, Tray } from './fakeElectron.ts';

type MenuItem = { id?: string; label?: string; checked?: boolean; role?: string; type?: string; submenu?: MenuItem[] };
type FakeTray = InstanceType<typeof Tray> & { tooltip: string; menu: { template: MenuItem[] } };
type FakeNote = InstanceType<typeof Notification> & { options: { title: string; body: string } };
const Notes = Notification as unknown as { created: FakeNote[]; supported: boolean };

const ARABIC = /[\u0600-\u06FF]/;

function labelsById(items: MenuItem[]): Record<string, string | undefined> {
  return Object.fromEntries(items.filter((i) => i.id).map((i) => [i.id as string, i.label]));
}

/** The tray, the policy and the badges wired as main.ts wires them, with a fake electron Tray and Notification. */
function shellHarness(locale: Locale) {
  Notes.created.length = 0;
  Notes.supported = true;
  const hub = new EventHub();
  const policy = new NotifyPolicy({ locale });
  const tray = new TrayService(
    {
      createTray: (image) => new Tray(image) as never,
      image: (name) => nativeImage.createFromPath(`/res/tray/${name}.png`) as never,
      buildMenu: (template) => Menu.buildFromTemplate(template) as never,
      onOpen: () => {},
      onTogglePause: () => {},
      onPauseFor: () => {},
      onQuit: () => {},
    },
    policy.badge(),
    policy.paused,
    locale,
  );
  const notifications = new NotificationService({
    create: (o) => new Notification(o as { title: string; body: string }) as never,
    isSupported: () => Notification.isSupported(),
    navigate: () => {},
    reveal: () => {},
    forget: (key) => policy.forget(key),
  });
  const attention = attachAttention({
    core: {
      dispatch: async (name) => (name === 'unread.total' ? ok({ total: 0 }) : err({ code: 'x', message: 'no' })),
      subscribe: (l) => hub.subscribe(l),
    },
    policy,
    notifications,
    isDoNotDisturb: () => false,
    emit: (e, p) => hub.emit(e, p),
    persistPaused: () => {},
    showBadge: (state, paused) => tray.update(state, paused),
  });
  const fakeTray = (Tray as unknown as { last: FakeTray }).last;
  const switchTo = (next: Locale) => {
    policy.setLocale(next);
    tray.setLocale(next);
    attention.refresh();
  };
  return { hub, policy, tray, fakeTray, switchTo };
}

const ARABIC_NAMES = { sender: 'منى', product: 'مصباح' };
const incoming = (sessionId: string, body = 'مرحبا') => incomingMessage(sessionId, body, ARABIC_NAMES);

describe('shell strings: plural forms', () => {
  it('takes every Arabic plural form for the unread count, and one/other in English', () => {
    const ar = shellStrings('ar');
    expect([0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111].map((n) => ar.unread(n))).toEqual([
      'لا رسائل غير مقروءة',
      'رسالة واحدة غير مقروءة',
      'رسالتان غير مقروءتين',
      '3 رسائل غير مقروءة',
      '10 رسائل غير مقروءة',
      '11 رسالة غير مقروءة',
      '99 رسالة غير مقروءة',
      '100 رسالة غير مقروءة',
      '102 رسالة غير مقروءة',
      '103 رسائل غير مقروءة',
      '111 رسالة غير مقروءة',
    ]);
    const en = shellStrings('en');
    expect([0, 1, 2, 21].map((n) => en.unread(n))).toEqual([
      'no unread messages',
      '1 unread message',
      '2 unread messages',
      '21 unread messages',
    ]);
    expect(plural('en', 0, { one: 'one', other: '{n} things' })).toBe('0 things');
  });
});

describe('tray in the interface language (fake electron Tray)', () => {
  it('labels the menu and the tooltip in English', () => {
    const { fakeTray, tray } = shellHarness('en');
    expect(labelsById(fakeTray.menu.template)).toEqual({
      open: 'Open Chat Desk',
      pause: 'Pause notifications',
      pauseHour: 'Pause for 1 hour',
      pauseTomorrow: 'Pause until tomorrow',
      quit: 'Quit Chat Desk',
    });
    expect(fakeTray.tooltip).toBe('Chat Desk — no unread messages');
    tray.update(badgeFor(2, true, 'en'), true);
    expect(fakeTray.tooltip).toBe('Chat Desk — 2 unread messages (notifications paused)');
  });

  it('labels the menu and the tooltip in Arabic, with the plural form of the count', () => {
    const { fakeTray, tray } = shellHarness('ar');
    expect(labelsById(fakeTray.menu.template)).toEqual({
      open: 'فتح Chat Desk',
      pause: 'إيقاف الإشعارات مؤقتًا',
      pauseHour: 'إيقاف لمدة ساعة',
      pauseTomorrow: 'إيقاف حتى الغد',
      quit: 'إنهاء Chat Desk',
    });
    expect(fakeTray.tooltip).toBe('Chat Desk — لا رسائل غير مقروءة');
    tray.update(badgeFor(2, false, 'ar'), false);
    expect(fakeTray.tooltip).toBe('Chat Desk — رسالتان غير مقروءتين');
    tray.update(badgeFor(7, true, 'ar'), true);
    expect(fakeTray.tooltip).toBe('Chat Desk — 7 رسائل غير مقروءة (الإشعارات متوقفة مؤقتًا)');
    expect(badgeFor(250, false, 'ar').description).toBe('أكثر من 99 رسالة غير مقروءة');
    expect(badgeFor(11, false, 'ar').description).toBe('11 رسالة غير مقروءة');
  });

  it('rebuilds the menu and the tooltip when the language switches, keeping the pause state', () => {
    const h = shellHarness('en');
    h.hub.emit('sessions.changed', changed({ unreadTotal: 2 }));
    h.hub.emit('notifications.state', { paused: true });
    const englishMenu = h.fakeTray.menu;
    expect(h.fakeTray.tooltip).toBe('Chat Desk — 2 unread messages (notifications paused)');

    h.switchTo('ar');
    expect(h.fakeTray.menu).not.toBe(englishMenu);
    expect(labelsById(h.fakeTray.menu.template).open).toBe('فتح Chat Desk');
    expect(h.fakeTray.menu.template.find((i) => i.id === 'pause')?.checked).toBe(true);
    expect(h.fakeTray.tooltip).toBe('Chat Desk — رسالتان غير مقروءتين (الإشعارات متوقفة مؤقتًا)');

    // The same language again rebuilds nothing.
    const arabicMenu = h.fakeTray.menu;
    h.tray.setLocale('ar');
    expect(h.fakeTray.menu).toBe(arabicMenu);

    h.switchTo('en');
    expect(labelsById(h.fakeTray.menu.template).quit).toBe('Quit Chat Desk');
    expect(h.fakeTray.tooltip).toBe('Chat Desk — 2 unread messages (notifications paused)');
  });
});

describe('toasts in the interface language (fake electron Notification)', () => {
  it('titles an Arabic toast with the right plural for its messages and conversations', () => {
    const h = shellHarness('ar');
    h.hub.emit('sessions.changed', changed({ notify: [incoming('s1', 'هل هو متوفر؟')], unreadTotal: 1 }));
    h.hub.emit(
      'sessions.changed',
      changed({ notify: [incoming('s2', 'أولى'), incoming('s2', 'ثانية')], unreadTotal: 3 }),
    );
    h.hub.emit(
      'sessions.changed',
      changed({ notify: ['s3', 's3', 's3', 's4', 's5', 's6'].map((id) => incoming(id, 'الأحدث')), unreadTotal: 9 }),
    );
    expect(Notes.created.map((n) => [n.options.title, n.options.body])).toEqual([
      ['منى — مصباح', 'هل هو متوفر؟'],
      ['رسالتان جديدتان — مصباح', 'منى: ثانية'],
      ['6 رسائل جديدة في 4 محادثات', 'منى: الأحدث'],
    ]);
    expect(h.fakeTray.tooltip).toBe('Chat Desk — 9 رسائل غير مقروءة');
  });

  it('uses the many form above ten, and speaks the new language in toasts after a switch', () => {
    const h = shellHarness('en');
    h.hub.emit('sessions.changed', changed({ notify: [incoming('s1'), incoming('s1')], unreadTotal: 2 }));
    h.switchTo('ar');
    const eleven = Array.from({ length: 11 }, () => incoming('s7'));
    h.hub.emit('sessions.changed', changed({ notify: eleven, unreadTotal: 13 }));
    expect(Notes.created.map((n) => n.options.title)).toEqual(['2 new messages — مصباح', '11 رسالة جديدة — مصباح']);
    expect(shellStrings('ar').toast.group(4, 2)).toBe('4 رسائل جديدة في محادثتين');
    expect(shellStrings('en').toast.group(4, 2)).toBe('4 new messages in 2 conversations');
  });
});

function menuActions(locale: Locale, platform: NodeJS.Platform): MenuActions {
  return {
    platform,
    locale,
    appName: 'Chat Desk',
    version: '1.2.3',
    isDev: true,
    paused: false,
    settings: { closeToTray: true, startHidden: false, autoUpdate: false },
    showAbout: () => {},
    openLog: () => {},
    openLogFolder: () => {},
    togglePause: () => {},
    hideToTray: () => {},
    toggleCloseToTray: () => {},
    toggleStartHidden: () => {},
    toggleAutoUpdate: () => {},
    checkForUpdates: () => {},
  };
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('application menu in the interface language (fake electron Menu)', () => {
  it.each(['linux', 'darwin'] as const)('labels every item in Arabic on %s, roles included', (platform) => {
    const template = menuTemplate(menuActions('ar', platform));
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
    const items = flatten(template).filter((i) => i.type !== 'separator');
    // Every item but the macOS app menu (the app's name) carries an Arabic label, role items too.
    const unlabelled = items.filter((i) => !(i.label && ARABIC.test(i.label)) && i.label !== 'Chat Desk');
    expect(unlabelled).toEqual([]);
    const byId = new Map(items.filter((i) => i.id).map((i) => [i.id as string, i.label]));
    expect(byId.get('about')).toBe('حول Chat Desk');
    expect(byId.get('pause')).toBe('إيقاف الإشعارات مؤقتًا');
    expect(byId.get('updates')).toBe('البحث عن تحديثات…');
    const byRole = new Map(items.filter((i) => i.role).map((i) => [i.role as string, i.label]));
    expect(byRole.get('copy')).toBe('نسخ');
    expect(byRole.get('editMenu')).toBe('&تحرير');
    expect(byRole.get('quit')).toBe('إنهاء Chat Desk');
  });

  it('keeps the English labels, and Electron’s own for the roles, in English', () => {
    const items = flatten(menuTemplate(menuActions('en', 'linux')));
    expect(items.filter((i) => i.id).map((i) => i.label)).toEqual(
      expect.arrayContaining(['About Chat Desk', 'Pause Notifications', 'Hide to Tray', 'Open Log File']),
    );
    expect(items.filter((i) => i.label && ARABIC.test(i.label))).toEqual([]);
    expect(items.find((i) => i.role === 'copy')).toEqual({ role: 'copy' });
    expect(items.map((i) => i.role)).toEqual(expect.arrayContaining(['editMenu', 'windowMenu', 'help', 'quit']));
  });
});

describe('following the interface language', () => {
  function fakeCore(saved: Locale | null | 'broken') {
    const hub = new EventHub();
    return {
      hub,
      core: {
        dispatch: async (name: string) =>
          name === 'prefs.get' && saved !== 'broken'
            ? ok({ locale: saved, columnState: null, savedViews: [], notificationsPaused: false })
            : err({ code: 'internal', message: 'no' }),
        subscribe: (l: Parameters<EventHub['subscribe']>[0]) => hub.subscribe(l),
      },
    };
  }

  it('starts in the saved preference, else the system’s language, as the window does', async () => {
    expect((await followInterfaceLanguage(fakeCore('ar').core, 'en-US')).locale).toBe('ar');
    expect((await followInterfaceLanguage(fakeCore('en').core, 'ar-EG')).locale).toBe('en');
    expect((await followInterfaceLanguage(fakeCore(null).core, 'ar-EG')).locale).toBe('ar');
    expect((await followInterfaceLanguage(fakeCore(null).core, 'fr-FR')).locale).toBe('en');
    expect((await followInterfaceLanguage(fakeCore('broken').core, 'ar')).locale).toBe('ar');
  });

  it('follows the core’s locale.state event and tells its listeners once per change', async () => {
    const { hub, core } = fakeCore(null);
    const language = await followInterfaceLanguage(core, 'en-GB');
    const heard: Locale[] = [];
    const off = language.onChange((l) => heard.push(l));
    hub.emit('locale.state', { locale: 'ar' });
    hub.emit('locale.state', { locale: 'ar' });
    hub.emit('locale.state', { locale: 'en' });
    expect(heard).toEqual(['ar', 'en']);
    expect(language.locale).toBe('en');
    off();
    hub.emit('locale.state', { locale: 'ar' });
    expect(heard).toEqual(['ar', 'en']);
    language.detach();
    hub.emit('locale.state', { locale: 'en' });
    expect(language.locale).toBe('ar');
  });
});

describe('export save dialog (fake electron dialog)', () => {
  it('titles the dialog in the interface language when the core gives no title', async () => {
    let locale: Locale = 'ar';
    const host = createExportHost({
      dialog,
      shell,
      window: () => new FakeWindow() as never,
      lastDir: () => '/tmp',
      rememberDir: () => {},
      defaultDir: () => '/tmp',
      defaultTitle: () => shellStrings(locale).dialogs.exportTitle,
    });
    dialog.saveRequests.length = 0;
    await host.chooseSavePath({ defaultName: 'sessions.xlsx' });
    locale = 'en';
    await host.chooseSavePath({ defaultName: 'sessions.xlsx' });
    await host.chooseSavePath({ defaultName: 'sessions.xlsx', title: 'From the core' });
    expect(dialog.saveRequests.map((args) => (args[1] as { title: string }).title)).toEqual([
      'تصدير جلسات المحادثة',
      'Export chat sessions',
      'From the core',
    ]);
  });
});
