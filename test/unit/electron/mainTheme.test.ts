// The shell's entry point wired to a real desk core, against a fake electron module (and fakes of electron-log and
// electron-updater), on the OS the tests run on: light or dark chosen in the window ('prefs.update' over IPC,
// validated by the core, which answers with its 'colorScheme.state' event) becomes nativeTheme.themeSource, so the
// window's frame and the native menus follow; the tray shows the icons for its bar (Linux: the chosen scheme;
// Windows: the taskbar's own mode; macOS: the template) and switches live when the system turns dark.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskCore } from '../../../src/main/core/deskCore.ts';

const seen = vi.hoisted(() => ({ core: null as unknown }));
vi.mock('../../../src/main/core/deskCore.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/main/core/deskCore.ts')>();
  return {
    ...real,
    createDeskCore: async (options: Parameters<typeof real.createDeskCore>[0]) => {
      const core = await real.createDeskCore(options);
      seen.core = core;
      return core;
    },
  };
});
vi.mock('electron', async () => await import('./fakeElectron.ts'));
vi.mock('electron-log/main', () => import('./fakeElectronLog.ts'));
vi.mock('electron-updater', () => import('./fakeElectronUpdater.ts'));
vi.mock('electron-context-menu', () => import('./fakeContextMenu.ts'));

import { IPC_EVENT, IPC_INVOKE } from '../../../src/shared/bridge.ts';
import { until } from '../../support/until.ts';
import { BrowserWindow, ipcMain, Menu, nativeTheme, setFakePlatform, Tray } from './fakeElectron.ts';

type TrayImage = { path: string; isEmpty(): boolean; isTemplateImage(): boolean };
const trayImage = () => (Tray.last as unknown as { image: TrayImage }).image;
const trayFile = () => trayImage().path.slice(trayImage().path.indexOf('/tray/') + 1);
const env = { ...process.env };
const mac = process.platform === 'darwin';
/** The tray icon for no unread messages on a light or a dark bar (macOS: always the template). */
const noUnread = (dark: boolean) =>
  mac ? 'tray/tray-0Template.png' : dark ? 'tray/tray-0-dark.png' : 'tray/tray-0.png';

async function invoke(name: string, input: unknown): Promise<{ ok: boolean; error?: { code: string } }> {
  const handler = ipcMain.handlers.get(IPC_INVOKE) as (...args: unknown[]) => Promise<{ ok: boolean }>;
  const win = BrowserWindow.created[0] as InstanceType<typeof BrowserWindow>;
  return handler(
    { senderFrame: { url: win.webContents.url, parent: null }, sender: { id: win.webContents.id } },
    name,
    input,
  );
}

beforeAll(async () => {
  process.env.CHATDESK_DESK_DIR = mkdtempSync(join(tmpdir(), 'desk-theme-'));
  // main.ts asks process.platform; the stand-in plays the same OS.
  setFakePlatform(process.platform);
  nativeTheme.reset();
  await import('../../../src/main/electron/main.ts');
  await until(() => BrowserWindow.created[0]?.webContents.url !== undefined && Menu.application !== null, 'the menu');
  await until(() => Tray.last !== null && seen.core !== null, 'the tray');
});

afterAll(async () => {
  await (seen.core as DeskCore | null)?.close();
  if (env.CHATDESK_DESK_DIR === undefined) delete process.env.CHATDESK_DESK_DIR;
  else process.env.CHATDESK_DESK_DIR = env.CHATDESK_DESK_DIR;
});

describe('main entry follows light and dark (fake electron, real core)', () => {
  it('starts as the system: themeSource untouched, the tray drawn for a light bar', () => {
    expect(nativeTheme.themeSource).toBe('system');
    expect(nativeTheme.sourceSets).toEqual([]);
    expect(trayFile()).toBe(noUnread(false));
    expect(trayImage().isEmpty()).toBe(false);
    expect(trayImage().isTemplateImage()).toBe(mac);
  });

  it('sets themeSource when the window chooses dark, and tells the window', async () => {
    expect((await invoke('prefs.update', { colorScheme: 'dark' })).ok).toBe(true);
    expect(nativeTheme.themeSource).toBe('dark');
    // Linux knows only the scheme in use; the Windows taskbar keeps its own mode (still light here).
    expect(trayFile()).toBe(noUnread(process.platform === 'linux'));
    expect(trayImage().isEmpty()).toBe(false);
    const win = BrowserWindow.created[0] as InstanceType<typeof BrowserWindow>;
    const sent = win.webContents.sent.filter((s) => s[0] === IPC_EVENT && s[1] === 'colorScheme.state');
    expect(sent.at(-1)?.[2]).toEqual({ colorScheme: 'dark' });
  });

  it('leaves themeSource alone for a preference that is not the colour scheme, or one the core refuses', async () => {
    const sets = nativeTheme.sourceSets.length;
    expect((await invoke('prefs.update', { paneWidth: 600 })).ok).toBe(true);
    expect(await invoke('prefs.update', { colorScheme: 'sepia' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(nativeTheme.sourceSets.length).toBe(sets);
    expect(nativeTheme.themeSource).toBe('dark');
  });

  it('follows the system again when the window goes back to it, and switches the tray live as the system changes', async () => {
    expect((await invoke('prefs.update', { colorScheme: 'system' })).ok).toBe(true);
    expect(nativeTheme.themeSource).toBe('system');
    expect(trayFile()).toBe(noUnread(false));
    nativeTheme.setSystem({ dark: true, taskbarDark: true });
    expect(trayFile()).toBe(noUnread(true));
    expect(trayImage().isEmpty()).toBe(false);
    nativeTheme.setSystem({ dark: false, taskbarDark: false });
    expect(trayFile()).toBe(noUnread(false));
  });
});
