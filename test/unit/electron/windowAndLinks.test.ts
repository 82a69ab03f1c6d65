// Window state, close-to-tray, single instance and chatdesk:// deep links against a fake electron module.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('./fakeElectron.ts'));

import {
  createLinkRouter,
  deepLinkFromArgv,
  parseDeepLink,
  setupSingleInstance,
} from '../../../src/main/electron/deepLink.ts';
import { ShellSettingsStore } from '../../../src/main/electron/shellSettings.ts';
import { trayShown } from '../../../src/main/electron/tray.ts';
import { installCloseToTray, revealWindow } from '../../../src/main/electron/window.ts';
import {
  loadWindowState,
  restoreBounds,
  saveWindowState,
  trackWindowState,
} from '../../../src/main/electron/windowState.ts';
import { app, FakeWindow } from './fakeElectron.ts';

type FakeApp = typeof app & { lock: boolean; quitCalled: number; protocols: unknown[][]; isPackaged: boolean };
const fakeApp = app as FakeApp;
const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const external = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('window state (fake electron screen)', () => {
  it('restores saved bounds onto a display that still exists', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 800 };
    expect(restoreBounds(saved, [laptop, external])).toEqual(saved);
  });

  it('drops bounds that were on a display no longer connected', () => {
    expect(restoreBounds({ x: 1600, y: 100, width: 1200, height: 800 }, [laptop])).toBeUndefined();
    expect(restoreBounds({ x: -3000, y: -2000, width: 1200, height: 800 }, [laptop])).toBeUndefined();
    expect(restoreBounds(undefined, [laptop])).toBeUndefined();
  });

  it('clamps bounds larger than the display, or hanging off its edge, into it', () => {
    expect(restoreBounds({ x: 1000, y: 500, width: 2000, height: 1000 }, [laptop])).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 875,
    });
    expect(restoreBounds({ x: 1000, y: 100, width: 1000, height: 700 }, [laptop])).toEqual({
      x: 440,
      y: 100,
      width: 1000,
      height: 700,
    });
  });

  it('saves normal bounds and the maximised state when the window settles or closes, and reads them back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'));
    const file = join(dir, 'window-state.json');
    const win = Object.assign(new FakeWindow(), {
      isMaximized: () => true,
      isFullScreen: () => false,
      getNormalBounds: () => ({ x: 5, y: 6, width: 1000, height: 700 }),
    });
    trackWindowState(win as never, (state) => saveWindowState(file, state), 5);
    win.emit('resize');
    await new Promise((r) => setTimeout(r, 20));
    expect(loadWindowState(file)).toEqual({ bounds: { x: 5, y: 6, width: 1000, height: 700 }, maximized: true });
    writeFileSync(file, '{broken');
    expect(loadWindowState(file)).toEqual({ maximized: false });
    win.emit('close');
    expect(JSON.parse(readFileSync(file, 'utf8')).maximized).toBe(true);
  });
});

describe('close to tray and start options (fake electron window)', () => {
  it('hides instead of closing while close-to-tray is on, and closes when quitting', () => {
    const win = new FakeWindow();
    let quitting = false;
    let toTray = true;
    installCloseToTray(win as never, { isQuitting: () => quitting, closeToTray: () => toTray });
    expect(win.emitEvent('close').defaultPrevented).toBe(true);
    expect(win.log).toEqual(['hide']);
    toTray = false;
    expect(win.emitEvent('close').defaultPrevented).toBe(false);
    toTray = true;
    quitting = true;
    expect(win.emitEvent('close').defaultPrevented).toBe(false);
  });

  it('minimises instead of hiding where the desktop shows no tray (GNOME without AppIndicator)', () => {
    const win = new FakeWindow();
    win.show();
    installCloseToTray(win as never, { isQuitting: () => false, closeToTray: () => true, trayShown: () => false });
    expect(win.emitEvent('close').defaultPrevented).toBe(true);
    expect(win.visible).toBe(true);
    expect(win.minimized).toBe(true);
  });

  it('tells whether a tray icon will show: the StatusNotifier watcher on D-Bus, else the desktop', async () => {
    expect(await trayShown('win32', {}, async () => null)).toBe(true);
    expect(await trayShown('darwin', {}, async () => null)).toBe(true);
    expect(await trayShown('linux', { XDG_CURRENT_DESKTOP: 'GNOME' }, async () => true)).toBe(true);
    expect(await trayShown('linux', { XDG_CURRENT_DESKTOP: 'KDE' }, async () => false)).toBe(false);
    // No answer from D-Bus: plain GNOME hides legacy tray icons, other desktops show them.
    expect(await trayShown('linux', { XDG_CURRENT_DESKTOP: 'GNOME' }, async () => null)).toBe(false);
    expect(await trayShown('linux', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' }, async () => null)).toBe(true);
    expect(await trayShown('linux', { XDG_CURRENT_DESKTOP: 'XFCE' }, async () => null)).toBe(true);
  });

  it('keeps close-to-tray, start-hidden and the pause switch in a small JSON file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ss-')), 'shell-settings.json');
    const store = new ShellSettingsStore(file);
    expect(store.get()).toMatchObject({ closeToTray: true, startHidden: false, autoUpdate: false });
    store.update({ startHidden: true, closeToTray: false });
    expect(new ShellSettingsStore(file).get()).toMatchObject({ closeToTray: false, startHidden: true });
    writeFileSync(file, JSON.stringify({ startHidden: 'yes', lastExportDir: 3 }));
    expect(new ShellSettingsStore(file).get()).toMatchObject({ startHidden: false, lastExportDir: null });
  });
});

describe('deep links (fake electron app)', () => {
  it('parses chatdesk://session/<id> and nothing else', () => {
    expect(parseDeepLink('chatdesk://session/abc-123')).toEqual({ kind: 'session', sessionId: 'abc-123' });
    expect(parseDeepLink('chatdesk://session/abc-123/')).toEqual({ kind: 'session', sessionId: 'abc-123' });
    for (const bad of [
      'chatdesk://session/',
      'chatdesk://session/a/b',
      'chatdesk://user/1',
      'https://session/1',
      'chatdesk://session/..%2F..%2Fetc',
      'chatdesk://session/<script>',
      'nonsense',
    ]) {
      expect(parseDeepLink(bad), bad).toBeNull();
    }
    expect(deepLinkFromArgv(['/opt/chatdesk', '--flag', 'chatdesk://session/s9'])).toEqual({
      kind: 'session',
      sessionId: 's9',
    });
    expect(deepLinkFromArgv(['/opt/chatdesk', '--flag'])).toBeNull();
  });

  beforeEach(() => {
    app.removeAllListeners();
    fakeApp.lock = true;
    fakeApp.quitCalled = 0;
    fakeApp.protocols.length = 0;
  });

  it('quits a second instance that does not get the lock', () => {
    fakeApp.lock = false;
    const ok = setupSingleInstance({ app: app as never, reveal: () => {}, open: () => {}, argv: [], execPath: '/e' });
    expect(ok).toBe(false);
    expect(fakeApp.quitCalled).toBe(1);
    expect(fakeApp.protocols).toEqual([]);
  });

  it('registers the protocol, focuses on a second launch and routes its link, and handles macOS open-url', () => {
    const log: string[] = [];
    const win = new FakeWindow();
    win.minimized = true;
    const navigate = (id: string) => log.push(`navigate:${id}`);
    const router = createLinkRouter(navigate, () => {
      revealWindow(win as never);
      log.push('reveal');
    });
    const ok = setupSingleInstance({
      app: app as never,
      reveal: () => {
        revealWindow(win as never);
        log.push('reveal');
      },
      open: (link) => router.open(link),
      argv: ['/opt/chatdesk', 'chatdesk://session/first'],
      execPath: '/usr/bin/electron',
      devScript: '/work/main/out/main/index.js',
    });
    expect(ok).toBe(true);
    expect(fakeApp.protocols).toEqual([['chatdesk', '/usr/bin/electron', ['/work/main/out/main/index.js']]]);
    // The launch's own link waits for the page to ask for it.
    expect(log).toEqual([]);
    expect(router.hasPending()).toBe(true);
    expect(router.take()).toBe('first');
    expect(router.take()).toBeNull();
    expect(log).toEqual([]);

    log.length = 0;
    app.emit('second-instance', {}, ['/opt/chatdesk', 'chatdesk://session/s2'], '/');
    expect(log).toEqual(['reveal', 'reveal', 'navigate:s2']);
    log.length = 0;
    app.emit('second-instance', {}, ['/opt/chatdesk'], '/');
    expect(log).toEqual(['reveal']);
    log.length = 0;
    const event = app.emitEvent('open-url', 'chatdesk://session/s3');
    expect(event.defaultPrevented).toBe(true);
    expect(log).toEqual(['reveal', 'reveal', 'navigate:s3']);
  });

  it('registers a dev run with its resolved script, and never takes the links from an installed Chat Desk', () => {
    const run = { app: app as never, reveal: () => {}, open: () => {}, argv: [], execPath: '/usr/bin/electron' };
    setupSingleInstance({ ...run, devScript: 'out/main/index.js' });
    expect(fakeApp.protocols).toEqual([['chatdesk', '/usr/bin/electron', [resolve('out/main/index.js')]]]);
    // The installed app handles chatdesk:// now: a dev run leaves it alone.
    app.removeAllListeners();
    fakeApp.protocols.length = 0;
    fakeApp.protocolHandlerName = 'Chat Desk';
    try {
      setupSingleInstance({ ...run, devScript: 'out/main/index.js' });
      expect(fakeApp.protocols).toEqual([]);
    } finally {
      fakeApp.protocolHandlerName = '';
    }
  });

  it('registers the protocol plainly once packaged', () => {
    fakeApp.isPackaged = true;
    setupSingleInstance({
      app: app as never,
      reveal: () => {},
      open: () => {},
      argv: [],
      execPath: '/e',
      devScript: '/x',
    });
    fakeApp.isPackaged = false;
    expect(fakeApp.protocols).toEqual([['chatdesk']]);
  });
});
