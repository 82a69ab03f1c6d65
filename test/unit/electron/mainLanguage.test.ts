// The shell's entry point on an Arabic system, wired to a real desk core, against a fake electron module (and fakes
// of electron-log and electron-updater): it starts in Arabic, and a language switch made in the window
// ('prefs.update' over IPC, validated by the core, which answers with its 'locale.state' event) rebuilds the tray's
// menu and tooltip and the application menu, and new toasts speak the new language.
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
import * as contextMenus from './fakeContextMenu.ts';
import { app, BrowserWindow, ipcMain, Menu, Notification, Tray } from './fakeElectron.ts';

type Item = { id?: string; label?: string; role?: string; submenu?: Item[] };
type FakeTray = { tooltip: string; menu: { template: Item[] } };
type FakeNote = { options: { title: string; body: string } };
const tray = () => Tray.last as unknown as FakeTray;
const appMenu = () => (Menu.application as { template: Item[] }).template;
const notes = () => (Notification as unknown as { created: FakeNote[] }).created;
const flatten = (items: Item[]): Item[] => items.flatMap((i) => [i, ...(i.submenu ? flatten(i.submenu) : [])]);
const labelOf = (items: Item[], key: string) => flatten(items).find((i) => i.id === key || i.role === key)?.label;

const env = { ...process.env };
const fakeApp = app as { getLocale: () => string };
const getLocale = fakeApp.getLocale;

/** A bridge call as the window makes it: through IPC, from the app's own frame. */
async function invoke(name: string, input: unknown): Promise<{ ok: boolean; error?: { code: string } }> {
  const handler = ipcMain.handlers.get(IPC_INVOKE) as (...args: unknown[]) => Promise<{ ok: boolean }>;
  const win = BrowserWindow.created[0] as InstanceType<typeof BrowserWindow>;
  return handler(
    { senderFrame: { url: win.webContents.url, parent: null }, sender: { id: win.webContents.id } },
    name,
    input,
  );
}

let seq = 0;
function toastBatch(sessionId: string, count: number, unreadTotal: number) {
  const notify = Array.from({ length: count }, () => {
    seq += 1;
    return {
      id: `m${seq}`,
      sessionId,
      kind: 'message' as const,
      senderRole: 'customer' as const,
      senderId: 'u',
      senderName: 'Mona',
      body: 'hi',
      flags: [],
      readAt: null,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      productName: 'Lamp',
    };
  });
  (seen.core as DeskCore).events.emit('sessions.changed', {
    sessionIds: [sessionId],
    all: false,
    deletedIds: [],
    unreadTotal,
    notify,
  });
}

beforeAll(async () => {
  process.env.CHATDESK_DESK_DIR = mkdtempSync(join(tmpdir(), 'desk-language-'));
  // An Arabic system, no saved preference: the interface (and so the shell) starts in Arabic.
  fakeApp.getLocale = () => 'ar-EG';
  await import('../../../src/main/electron/main.ts');
  await until(() => BrowserWindow.created[0]?.webContents.url !== undefined && Menu.application !== null, 'the menu');
  await until(() => Tray.last !== null && seen.core !== null, 'the tray');
});

afterAll(async () => {
  fakeApp.getLocale = getLocale;
  await (seen.core as DeskCore | null)?.close();
  if (env.CHATDESK_DESK_DIR === undefined) delete process.env.CHATDESK_DESK_DIR;
  else process.env.CHATDESK_DESK_DIR = env.CHATDESK_DESK_DIR;
});

describe('main entry speaks the interface language (fake electron, real core)', () => {
  it('starts in Arabic on an Arabic system: tray menu, tooltip and application menu', () => {
    expect(labelOf(tray().menu.template, 'open')).toBe('فتح Chat Desk');
    expect(tray().tooltip).toBe('Chat Desk — لا رسائل غير مقروءة');
    expect(labelOf(appMenu(), 'about')).toBe('حول Chat Desk');
    expect(labelOf(appMenu(), 'copy')).toBe('نسخ');
    expect(contextMenus.installs.at(-1)?.options.labels).toMatchObject({ copy: 'نسخ', copyLink: 'نسخ الرابط' });
  });

  it('rebuilds them in English when the window switches to English, and tells the window too', async () => {
    const trayMenu = tray().menu;
    const menu = Menu.application;
    expect((await invoke('prefs.update', { locale: 'en' })).ok).toBe(true);
    expect(tray().menu).not.toBe(trayMenu);
    expect(Menu.application).not.toBe(menu);
    expect(labelOf(tray().menu.template, 'open')).toBe('Open Chat Desk');
    expect(labelOf(tray().menu.template, 'quit')).toBe('Quit Chat Desk');
    expect(tray().tooltip).toBe('Chat Desk — no unread messages');
    expect(labelOf(appMenu(), 'about')).toBe('About Chat Desk');
    expect(labelOf(appMenu(), 'pause')).toBe('Pause Notifications');
    // The right-click menu is put back in English, the Arabic one removed.
    expect(contextMenus.installs.at(-2)?.disposed).toBe(true);
    expect(contextMenus.installs.at(-1)?.options.labels).toMatchObject({ copy: 'Copy', copyLink: 'Copy Link' });
    const win = BrowserWindow.created[0] as InstanceType<typeof BrowserWindow>;
    const sent = win.webContents.sent.filter((s) => s[0] === IPC_EVENT && s[1] === 'locale.state');
    expect(sent.at(-1)?.[2]).toEqual({ locale: 'en' });

    toastBatch('s1', 2, 2);
    expect(notes().at(-1)?.options.title).toBe('2 new messages — Lamp');
    expect(tray().tooltip).toBe('Chat Desk — 2 unread messages');
  });

  it('goes back to the system’s Arabic when the choice is cleared, and toasts take the Arabic plural', async () => {
    expect((await invoke('prefs.update', { locale: null })).ok).toBe(true);
    expect(labelOf(tray().menu.template, 'pause')).toBe('إيقاف الإشعارات مؤقتًا');
    expect(tray().tooltip).toBe('Chat Desk — رسالتان غير مقروءتين');
    expect(labelOf(appMenu(), 'hideToTray')).toBe('الإخفاء في علبة النظام');
    toastBatch('s2', 2, 4);
    expect(notes().at(-1)?.options.title).toBe('رسالتان جديدتان — Lamp');
    expect(tray().tooltip).toBe('Chat Desk — 4 رسائل غير مقروءة');
  });

  it('leaves everything as it is when the core refuses the preference', async () => {
    const menu = Menu.application;
    const result = await invoke('prefs.update', { locale: 'fr' });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(Menu.application).toBe(menu);
    expect(labelOf(tray().menu.template, 'open')).toBe('فتح Chat Desk');
  });
});
