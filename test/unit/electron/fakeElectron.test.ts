// The stand-in electron module behaves like Electron 45 where the shell's correctness depends on it (each point read
// from node_modules/electron/electron.d.ts): a test against it fails where the real thing would misbehave.
import { afterEach, describe, expect, it } from 'vitest';
import {
  app,
  FakeWindow,
  ipcMain,
  Notification,
  nativeImage,
  nativeTheme,
  safeStorage,
  setFakePlatform,
  systemPreferences,
} from './fakeElectron.ts';

afterEach(() => setFakePlatform(process.platform));

describe('the electron stand-in is strict', () => {
  it('maximize() shows a hidden window (before its first paint: a white flash)', async () => {
    const win = new FakeWindow({ show: false });
    await win.loadURL('app://chatdesk/');
    win.maximize();
    expect(win.visible).toBe(true);
    expect(win.shownBeforePaint).toBe(true);
  });

  it("emits 'ready-to-show' only after the page's first paint, once", async () => {
    const win = new FakeWindow({ show: false });
    let ready = 0;
    win.on('ready-to-show', () => ready++);
    expect(() => win.paint()).toThrow('nothing loaded');
    expect(() => win.emit('ready-to-show')).toThrow('after the first paint');
    await win.loadURL('app://chatdesk/');
    win.paint();
    win.paint();
    expect(ready).toBe(1);
  });

  it('times Windows toasts out into Action Center with a close reason, and lets unreferenced ones be collected', async () => {
    setFakePlatform('win32');
    const reasons: unknown[] = [];
    let kept: InstanceType<typeof Notification> | null = new Notification({ title: 't', body: 'kept' });
    kept.on('close', (e: { reason?: string }) => reasons.push(e.reason));
    kept.show();
    kept.timeOut();
    const dropped = () => {
      const toast = new Notification({ title: 't', body: 'dropped' });
      toast.show();
      toast.timeOut();
    };
    dropped();
    expect(reasons).toEqual(['timedOut']);
    await Notification.collect();
    expect(Notification.clickShown('dropped')).toBe(false);
    let clicked = 0;
    kept.on('click', () => clicked++);
    expect(Notification.clickShown('kept')).toBe(true);
    expect(clicked).toBe(1);
    kept = null;
    setFakePlatform('linux');
    expect(() => new Notification({ title: 't', body: 'x' }).timeOut()).toThrow('Windows only');
  });

  it('gives an empty image for a file that does not exist', () => {
    expect(nativeImage.createFromPath('/no/such/tray.png').isEmpty()).toBe(true);
    expect(nativeImage.createFromPath(`${process.cwd()}/resources/icon.png`).isEmpty()).toBe(false);
  });

  it('keeps template images on macOS only, and emits nativeTheme updated on every themeSource set', () => {
    const path = `${process.cwd()}/resources/tray/tray-1Template.png`;
    setFakePlatform('linux');
    const linux = nativeImage.createFromPath(path);
    linux.setTemplateImage(true);
    expect(linux.isTemplateImage()).toBe(false);
    setFakePlatform('darwin');
    const mac = nativeImage.createFromPath(path);
    expect(mac.isTemplateImage()).toBe(false);
    mac.setTemplateImage(true);
    expect(mac.isTemplateImage()).toBe(true);

    nativeTheme.reset();
    let updated = 0;
    nativeTheme.on('updated', () => updated++);
    nativeTheme.themeSource = 'dark';
    nativeTheme.themeSource = 'dark';
    expect(updated).toBe(2);
    expect(nativeTheme.shouldUseDarkColors).toBe(true);
    expect(() => {
      nativeTheme.themeSource = 'sepia' as never;
    }).toThrow(TypeError);
    // Windows keeps the taskbar's mode apart from the apps' (and from themeSource); Linux has no such property.
    setFakePlatform('win32');
    nativeTheme.setSystem({ dark: true, taskbarDark: false });
    nativeTheme.themeSource = 'system';
    expect([nativeTheme.shouldUseDarkColors, nativeTheme.shouldUseDarkColorsForSystemIntegratedUI]).toEqual([
      true,
      false,
    ]);
    setFakePlatform('linux');
    expect(nativeTheme.shouldUseDarkColorsForSystemIntegratedUI).toBeUndefined();
    nativeTheme.reset();
  });

  it('structured-clones what crosses IPC, both ways', async () => {
    const win = new FakeWindow();
    expect(() => win.webContents.send('ch', { fn: () => 1 })).toThrow();
    const payload = { a: [1] };
    win.webContents.send('ch', payload);
    payload.a.push(2);
    expect(win.webContents.sent.at(-1)).toEqual(['ch', { a: [1] }]);
    ipcMain.handle('fake:test', async () => ({ keep: 1, drop: () => 2 }));
    await expect(ipcMain.handlers.get('fake:test')?.({})).rejects.toThrow();
    expect(() => ipcMain.handle('fake:test', () => 1)).toThrow('second handler');
    ipcMain.removeHandler('fake:test');
  });

  it('offers platform-only APIs only on their platform', () => {
    setFakePlatform('linux');
    const win = new FakeWindow();
    expect(app.dock).toBeUndefined();
    expect(win.setOverlayIcon).toBeUndefined();
    expect((app as { setAppUserModelId?: unknown }).setAppUserModelId).toBeUndefined();
    expect((app as { setLoginItemSettings?: unknown }).setLoginItemSettings).toBeUndefined();
    expect(systemPreferences.getUserDefault).toBeUndefined();
    expect(safeStorage.getSelectedStorageBackend?.()).toBe('gnome_libsecret');
    expect(() => win.endSession()).toThrow('Windows event');
    setFakePlatform('darwin');
    expect(app.dock).toBeDefined();
    expect(safeStorage.getSelectedStorageBackend).toBeUndefined();
    setFakePlatform('win32');
    expect(win.setOverlayIcon).toBeTypeOf('function');
    expect((app as { setBadgeCount?: unknown }).setBadgeCount).toBeUndefined();
  });
});
