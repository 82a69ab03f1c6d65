// Menu, updater, secret store and logging of the shell against a fake electron module.
import { EventEmitter } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('./fakeElectron.ts'));

import { configureLogging, MAX_LOG_BYTES } from '../../../src/main/electron/logging.ts';
import { aboutText, type MenuActions, menuTemplate } from '../../../src/main/electron/menu.ts';
import { createSafeStorageSecretStore } from '../../../src/main/electron/secretStore.ts';
import { createUpdateService, isValidFeedUrl } from '../../../src/main/electron/updater.ts';
import { safeStorage } from './fakeElectron.ts';

function actions(platform: NodeJS.Platform, log: string[]): MenuActions {
  return {
    platform,
    locale: 'en',
    appName: 'Chat Desk',
    version: '1.2.3',
    isDev: false,
    paused: false,
    settings: { closeToTray: true, startHidden: false, autoUpdate: false },
    showAbout: () => log.push('about'),
    openLog: () => log.push('log'),
    openLogFolder: () => log.push('logFolder'),
    togglePause: (p) => log.push(`pause:${p}`),
    hideToTray: () => log.push('hide'),
    toggleCloseToTray: (on) => log.push(`closeToTray:${on}`),
    toggleStartHidden: (on) => log.push(`startHidden:${on}`),
    toggleAutoUpdate: (on) => log.push(`autoUpdate:${on}`),
    checkForUpdates: () => log.push('updates'),
  };
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('application menu (fake electron Menu)', () => {
  it('has the usual roles, the app shortcuts, About and the log entry on Windows/Linux', () => {
    const log: string[] = [];
    const items = flatten(menuTemplate(actions('linux', log)));
    const roles = items.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(
      expect.arrayContaining(['quit', 'editMenu', 'windowMenu', 'help', 'zoomIn', 'togglefullscreen']),
    );
    expect(roles).not.toContain('toggleDevTools');
    const byId = new Map(items.filter((i) => i.id).map((i) => [i.id as string, i]));
    expect(byId.get('about')?.label).toBe('About Chat Desk');
    expect(byId.get('pause')?.accelerator).toBe('CmdOrCtrl+Shift+M');
    expect(byId.get('hideToTray')?.accelerator).toBe('CmdOrCtrl+Shift+H');
    for (const id of ['about', 'log', 'logFolder', 'updates', 'hideToTray'])
      byId.get(id)?.click?.({} as never, undefined, {} as never);
    byId.get('pause')?.click?.({ checked: true } as never, undefined, {} as never);
    byId.get('closeToTray')?.click?.({ checked: false } as never, undefined, {} as never);
    byId.get('startHidden')?.click?.({ checked: true } as never, undefined, {} as never);
    expect(log).toEqual([
      'about',
      'log',
      'logFolder',
      'updates',
      'hide',
      'pause:true',
      'closeToTray:false',
      'startHidden:true',
    ]);
    expect(aboutText('Chat Desk', '1.2.3', '45.4.1')).toBe('Chat Desk 1.2.3\nElectron 45.4.1');
  });

  it('puts About and the app roles in the app menu on macOS, and dev tools only in development', () => {
    const template = menuTemplate({ ...actions('darwin', []), isDev: true });
    expect(template[0]?.label).toBe('Chat Desk');
    const first = flatten([template[0] as MenuItemConstructorOptions]);
    expect(first.map((i) => i.id ?? i.role)).toEqual(expect.arrayContaining(['about', 'hide', 'quit']));
    expect(flatten(template).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});

class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  logger: unknown = null;
  feed: unknown = null;
  checks = 0;
  installs = 0;
  setFeedURL(feed: unknown) {
    this.feed = feed;
  }
  async checkForUpdates() {
    this.checks += 1;
    return null;
  }
  quitAndInstall() {
    this.installs += 1;
  }
}

describe('updates (fake electron-updater)', () => {
  it('checks only when opted in and a https feed is configured', async () => {
    const updater = new FakeUpdater();
    let enabled = false;
    const service = createUpdateService({
      updater: updater as never,
      feedUrl: 'https://updates.example.com/desk',
      enabled: () => enabled,
      confirmInstall: async () => false,
      beforeInstall: () => {},
    });
    expect(updater.feed).toEqual({ provider: 'generic', url: 'https://updates.example.com/desk' });
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(await service.check()).toBe(false);
    enabled = true;
    expect(await service.check()).toBe(true);
    expect(updater.checks).toBe(1);
    expect(isValidFeedUrl('http://insecure.example')).toBe(false);
    const none = createUpdateService({
      updater: new FakeUpdater() as never,
      feedUrl: null,
      enabled: () => true,
      confirmInstall: async () => true,
      beforeInstall: () => {},
    });
    expect(none.configured).toBe(false);
    expect(await none.check(true)).toBe(false);
  });

  it('an installed app checks the feed its build wrote (app-update.yml) when no URL is given at run time', async () => {
    const updater = new FakeUpdater();
    const service = createUpdateService({
      updater: updater as never,
      feedUrl: null,
      packaged: true,
      enabled: () => true,
      confirmInstall: async () => false,
      beforeInstall: () => {},
    });
    expect(service.configured).toBe(true);
    expect(await service.check()).toBe(true);
    expect(updater.checks).toBe(1);
    // electron-updater reads resources/app-update.yml only while no feed was set by hand.
    expect(updater.feed).toBeNull();
  });

  it('installs a downloaded update only after the user agrees', async () => {
    const updater = new FakeUpdater();
    const answers = [false, true];
    const asked: string[] = [];
    let before = 0;
    createUpdateService({
      updater: updater as never,
      feedUrl: 'https://u.example',
      enabled: () => true,
      confirmInstall: async (info) => {
        asked.push(info.version);
        return answers.shift() ?? false;
      },
      beforeInstall: () => {
        before += 1;
      },
    });
    updater.emit('update-downloaded', { version: '2.0.0' });
    await new Promise((r) => setTimeout(r, 0));
    expect(updater.installs).toBe(0);
    updater.emit('update-downloaded', { version: '2.0.0' });
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toEqual(['2.0.0', '2.0.0']);
    expect(before).toBe(1);
    expect(updater.installs).toBe(1);
  });
});

describe('secret store (fake electron safeStorage)', () => {
  it('keeps the token encrypted on disk and reads it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sec-'));
    const store = createSafeStorageSecretStore(safeStorage as never, dir);
    expect(await store.get('token')).toBeNull();
    await store.set('token', 'abc.def');
    const raw = readFileSync(join(dir, 'token.bin'), 'utf8');
    expect(raw).not.toContain('abc.def');
    expect(await store.get('token')).toBe('abc.def');
    await store.delete('token');
    expect(await store.get('token')).toBeNull();
    await expect(store.set('../escape', 'x')).rejects.toThrow('Invalid secret key');
  });

  it('uses safeStorage’s async API only (the sync calls are deprecated) and re-encrypts when asked to', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sec-'));
    const store = createSafeStorageSecretStore(safeStorage as never, dir);
    const syncBefore = safeStorage.syncCalls;
    await store.set('token', 'abc.def');
    expect(await store.get('token')).toBe('abc.def');
    expect(safeStorage.syncCalls).toBe(syncBefore);
    // A rotated key: the value read is written back under the new one.
    const decrypt = safeStorage.decryptStringAsync;
    safeStorage.decryptStringAsync = async (buf: Buffer) => ({ ...(await decrypt(buf)), shouldReEncrypt: true });
    try {
      const writes: string[] = [];
      const encrypt = safeStorage.encryptStringAsync;
      safeStorage.encryptStringAsync = async (text: string) => {
        writes.push(text);
        return encrypt(text);
      };
      expect(await store.get('token')).toBe('abc.def');
      expect(writes).toEqual(['abc.def']);
      safeStorage.encryptStringAsync = encrypt;
    } finally {
      safeStorage.decryptStringAsync = decrypt;
    }
  });

  it('writes nothing when the keychain is unavailable or only the basic_text fallback exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sec-'));
    const store = createSafeStorageSecretStore(safeStorage as never, dir);
    safeStorage.backend = 'basic_text';
    await store.set('token', 'abc');
    expect(readdirSync(dir)).toEqual([]);
    safeStorage.backend = 'gnome_libsecret';
    safeStorage.available = false;
    await store.set('token', 'abc');
    expect(await store.get('token')).toBeNull();
    safeStorage.available = true;
  });
});

describe('logging (fake electron-log)', () => {
  it('writes to a rotating main.log in the logs folder', () => {
    const fakeLog = {
      transports: { file: { resolvePathFn: () => '', maxSize: 0, level: '' }, console: { level: '' } },
      errorHandler: { startCatching: vi.fn() },
      functions: {
        log: console.log,
        info: console.info,
        warn: console.warn,
        error: console.error,
        debug: console.debug,
      },
    };
    const logs = mkdtempSync(join(tmpdir(), 'chatdesk-logs-'));
    const file = configureLogging(fakeLog as never, logs, (...p) => p.join('/'));
    expect(file).toBe(`${logs}/main.log`);
    expect(fakeLog.transports.file.resolvePathFn()).toBe(`${logs}/main.log`);
    expect(fakeLog.transports.file.maxSize).toBe(MAX_LOG_BYTES);
    expect(fakeLog.errorHandler.startCatching).toHaveBeenCalledWith({ showDialog: false });
  });
});

describe('export host (fake electron dialog and shell)', () => {
  it('proposes the last folder, remembers the chosen one, and opens or reveals the file', async () => {
    const { createExportHost } = await import('../../../src/main/electron/exportHost.ts');
    const asked: Array<{ defaultPath?: string }> = [];
    const answers = [
      { canceled: false, filePath: '/home/a/Reports/sessions.xlsx' },
      { canceled: true, filePath: '' },
    ];
    let last: string | null = null;
    const opened: string[] = [];
    const host = createExportHost({
      dialog: {
        showSaveDialog: (async (...args: unknown[]) => {
          asked.push(args.at(-1) as { defaultPath?: string });
          return answers.shift();
        }) as never,
      },
      shell: {
        openPath: async (p: string) => {
          opened.push(`open:${p}`);
          return p.endsWith('.bad') ? 'No application' : '';
        },
        showItemInFolder: (p: string) => void opened.push(`show:${p}`),
      },
      window: () => null,
      lastDir: () => last,
      rememberDir: (d) => {
        last = d;
      },
      defaultDir: () => '/home/a/Documents',
    });
    expect(await host.chooseSavePath({ defaultName: '../sessions.xlsx' })).toBe('/home/a/Reports/sessions.xlsx');
    expect(asked[0]?.defaultPath).toBe('/home/a/Documents/sessions.xlsx');
    expect(last).toBe('/home/a/Reports');
    expect(await host.chooseSavePath({ defaultName: 'b.csv' })).toBeNull();
    expect(asked[1]?.defaultPath).toBe('/home/a/Reports/b.csv');
    await host.openPath('/x/a.xlsx');
    await expect(host.openPath('/x/a.bad')).rejects.toThrow('No application');
    host.showInFolder('/x/a.xlsx');
    expect(opened).toEqual(['open:/x/a.xlsx', 'open:/x/a.bad', 'show:/x/a.xlsx']);
  });
});
