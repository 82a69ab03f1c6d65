// The shell's entry point wired end to end against a fake electron module (and fakes of electron-log and
// electron-updater): single instance, protocol, CSP, permissions, guards, IPC sender check, deep link → the core's
// 'navigate.session' event reaching the window, tray and menu.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('./fakeElectron.ts'));
vi.mock('electron-log/main', () => import('./fakeElectronLog.ts'));
vi.mock('electron-updater', () => import('./fakeElectronUpdater.ts'));
vi.mock('electron-context-menu', () => import('./fakeContextMenu.ts'));

import { IPC_EVENT, IPC_INVOKE } from '../../../src/shared/bridge.ts';
import { until } from '../../support/until.ts';
import * as contextMenus from './fakeContextMenu.ts';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, setFakePlatform, Tray } from './fakeElectron.ts';
import updater from './fakeElectronUpdater.ts';

const fakeApp = app as typeof app & { protocols: unknown[][] };
const argv = process.argv;
const deskDir = process.env.CHATDESK_DESK_DIR;

beforeAll(async () => {
  process.env.CHATDESK_DESK_DIR = mkdtempSync(join(tmpdir(), 'desk-'));
  process.argv = [...argv.slice(0, 2), 'chatdesk://session/launch-1'];
  await import('../../../src/main/electron/main.ts');
  await until(
    () => BrowserWindow.created.length === 1 && BrowserWindow.created[0]?.webContents.url !== '',
    'the window',
  );
});

afterAll(() => {
  process.argv = argv;
  if (deskDir === undefined) delete process.env.CHATDESK_DESK_DIR;
  else process.env.CHATDESK_DESK_DIR = deskDir;
});

function navigations(): unknown[] {
  const contents = BrowserWindow.created[0]?.webContents;
  return (contents?.sent ?? []).filter((s) => s[0] === IPC_EVENT && s[1] === 'navigate.session').map((s) => s[2]);
}

describe('main entry (fake electron)', () => {
  it('takes the single-instance lock, registers chatdesk:// and installs CSP, permissions and guards', () => {
    expect(fakeApp.protocols.length).toBe(1);
    expect(fakeApp.protocols[0]?.[0]).toBe('chatdesk');
    expect(session.defaultSession.headersListener).toBeTypeOf('function');
    expect(session.defaultSession.requestHandler).toBeTypeOf('function');
    const win = BrowserWindow.created[0] as InstanceType<typeof BrowserWindow>;
    expect(win.webContents.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect((win.options as { webPreferences: Record<string, unknown> }).webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(win.webContents.url).toBe('app://chatdesk/');
    expect(Tray.last).not.toBeNull();
    // The icons resolve to files (a missing file is an empty image: an invisible tray icon).
    expect((Tray.last!.image as { isEmpty(): boolean }).isEmpty()).toBe(false);
    expect(Menu.application).not.toBeNull();
  });

  it('registers app:// as privileged with the code cache before ready, then serves it and loads the window from it', async () => {
    expect(protocol.privilegedAfterReady).toBe(false);
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    const handler = protocol.handlers.get('app');
    expect(handler).toBeTypeOf('function');
    expect(BrowserWindow.created[0]?.webContents.url).toBe('app://chatdesk/');
    // The handler is main's own (its folder is out/renderer once built): other hosts are refused, nothing outside
    // the folder is served.
    expect((await handler!(new Request('app://elsewhere/index.html'))).status).toBe(403);
    expect((await handler!(new Request('app://chatdesk/../../../../etc/passwd'))).status).toBe(404);
    expect((await handler!(new Request('app://chatdesk/%2e%2e/%2e%2e/package.json'))).status).toBe(404);
  });

  it('keeps the launch’s own deep link until the page asks for it (app.pendingLink), whenever it asks', async () => {
    const win = BrowserWindow.created[0] as InstanceType<typeof BrowserWindow>;
    const invoke = ipcMain.handlers.get(IPC_INVOKE) as (...args: unknown[]) => Promise<unknown>;
    const fromPage = { senderFrame: { url: win.webContents.url, parent: null }, sender: { id: win.webContents.id } };
    expect(navigations()).toEqual([]);
    // The first paint comes before the page's frame has mounted its listener: nothing may be sent then.
    win.paint();
    expect(win.visible).toBe(true);
    expect(navigations()).toEqual([]);
    // The frame mounts later and asks: the link is handed over once.
    expect(await invoke(fromPage, 'app.pendingLink', {})).toEqual({ ok: true, value: { sessionId: 'launch-1' } });
    expect(await invoke(fromPage, 'app.pendingLink', {})).toEqual({ ok: true, value: { sessionId: null } });
    expect(await invoke(fromPage, 'app.pendingLink', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
  });

  it('focuses the window and routes the link of a second launch', () => {
    const win = BrowserWindow.created[0] as InstanceType<typeof BrowserWindow>;
    win.minimized = true;
    win.visible = false;
    app.emit('second-instance', {}, ['/opt/chat-desk', 'chatdesk://session/second-2'], '/');
    expect(win.visible).toBe(true);
    expect(win.minimized).toBe(false);
    expect(navigations().at(-1)).toEqual({ sessionId: 'second-2' });
  });

  it('answers IPC calls from the app’s window and refuses a foreign sender', async () => {
    const invoke = ipcMain.handlers.get(IPC_INVOKE) as (...args: unknown[]) => Promise<{ ok: boolean }>;
    const win = BrowserWindow.created[0] as InstanceType<typeof BrowserWindow>;
    const own = await invoke(
      { senderFrame: { url: win.webContents.url, parent: null }, sender: { id: win.webContents.id } },
      'app.info',
      {},
    );
    expect(own.ok).toBe(true);
    const foreign = await invoke(
      { senderFrame: { url: win.webContents.url, parent: null }, sender: { id: 9999 } },
      'app.info',
      {},
    );
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('hides to the tray on close while close-to-tray is on', () => {
    const win = BrowserWindow.created[0] as InstanceType<typeof BrowserWindow>;
    win.visible = true;
    expect(win.emitEvent('close').defaultPrevented).toBe(true);
    expect(win.visible).toBe(false);
  });

  it('asks about a downloaded update in a free dialog while the window is hidden (no sheet on a hidden window)', async () => {
    const win = BrowserWindow.created[0] as InstanceType<typeof BrowserWindow>;
    win.hide();
    const before = dialog.messageRequests.length;
    updater.autoUpdater.emit('update-downloaded', { version: '2.0.0' });
    await until(() => dialog.messageRequests.length > before, 'the update prompt');
    const request = dialog.messageRequests.at(-1) as unknown[];
    expect(request).toHaveLength(1);
    expect(request[0]).toMatchObject({ type: 'question' });
    win.show();
    updater.autoUpdater.emit('update-downloaded', { version: '2.0.0' });
    await until(() => dialog.messageRequests.length > before + 1, 'the second prompt');
    expect(dialog.messageRequests.at(-1)?.[0]).toBe(win);
  });

  it('pauses notifications for an hour from the tray, remembered in the shell settings, and resumes by hand', async () => {
    type Item = { id?: string; click?: (item: { checked: boolean }) => void };
    const item = (id: string) =>
      (Tray.last as unknown as { menu: { template: Item[] } }).menu.template.find((i) => i.id === id);
    const states = () =>
      (BrowserWindow.created[0]?.webContents.sent ?? [])
        .filter((s) => s[0] === IPC_EVENT && s[1] === 'notifications.state')
        .map((s) => s[2]);
    const settingsFile = join(app.getPath('userData'), 'shell-settings.json');
    const saved = () => JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    item('pauseHour')?.click?.({ checked: false });
    await until(() => (states().at(-1) as { paused?: boolean } | undefined)?.paused === true, 'the pause');
    const until1 = Date.parse(String(saved().notificationsPausedUntil));
    expect(until1 - Date.now()).toBeGreaterThan(3_500_000);
    expect(saved().notificationsPaused).toBe(true);
    item('pause')?.click?.({ checked: false });
    await until(() => (states().at(-1) as { paused: boolean }).paused === false, 'the resume');
    expect(saved()).toMatchObject({ notificationsPaused: false, notificationsPausedUntil: null });
  });

  it('answers the Settings page’s start options and keeps start-hidden in the shell settings', async () => {
    const invoke = ipcMain.handlers.get(IPC_INVOKE) as (...args: unknown[]) => Promise<unknown>;
    const win = BrowserWindow.created[0] as InstanceType<typeof BrowserWindow>;
    const fromPage = { senderFrame: { url: win.webContents.url, parent: null }, sender: { id: win.webContents.id } };
    // A development run: no login item (it would start a bare Electron), start hidden still works.
    expect(await invoke(fromPage, 'app.startup', {})).toEqual({
      ok: true,
      value: { available: false, openAtLogin: false, startHidden: false },
    });
    expect(await invoke(fromPage, 'app.setStartup', { openAtLogin: true, startHidden: true })).toEqual({
      ok: true,
      value: { available: false, openAtLogin: false, startHidden: true },
    });
    const settingsFile = join(app.getPath('userData'), 'shell-settings.json');
    expect(JSON.parse(readFileSync(settingsFile, 'utf8')).startHidden).toBe(true);
    expect(await invoke(fromPage, 'app.setStartup', { openAtLogin: 'yes', startHidden: true })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    await invoke(fromPage, 'app.setStartup', { openAtLogin: false, startHidden: false });
  });

  it('quits when Windows ends the session (no before-quit then): the window closes instead of hiding to the tray', () => {
    const win = BrowserWindow.created[0] as InstanceType<typeof BrowserWindow>;
    win.show();
    const before = app.quitCalled;
    setFakePlatform('win32');
    try {
      win.endSession();
    } finally {
      setFakePlatform(process.platform);
    }
    expect(app.quitCalled).toBe(before + 1);
    expect(win.emitEvent('close').defaultPrevented).toBe(false);
  });

  it('installs the right-click menu: copy, paste, select all, spelling suggestions, copy link; nothing that saves', () => {
    expect(contextMenus.installs).toHaveLength(1);
    const { options } = contextMenus.installs[0] as { options: Record<string, unknown> };
    expect(options).toMatchObject({
      showSelectAll: true,
      showCopyLink: true,
      showLearnSpelling: true,
      showSearchWithGoogle: false,
      showSaveImageAs: false,
      showSaveLinkAs: false,
      // Development run (not packaged): the developer tools' Inspect is offered.
      showInspectElement: true,
    });
    expect(options.labels).toMatchObject({ copy: 'Copy', paste: 'Paste', copyLink: 'Copy Link' });
  });

  it('quits like the menu on SIGTERM and SIGINT', () => {
    const before = app.quitCalled;
    // The shell's own listeners, called directly: emitting the signal would reach the test runner's handlers too.
    const ours = (signal: 'SIGTERM' | 'SIGINT') =>
      process.listeners(signal).filter((l) => l.toString().includes('app.quit'));
    expect(ours('SIGTERM')).toHaveLength(1);
    expect(ours('SIGINT')).toHaveLength(1);
    ours('SIGTERM')[0]?.('SIGTERM');
    expect(app.quitCalled).toBe(before + 1);
  });
});
