// The shell's start against the strict stand-in, with "start hidden" on and a window saved maximised: the window
// stays hidden through its first paint (maximize() would show it, d.ts), and is maximised when first shown.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('./fakeElectron.ts'));
vi.mock('electron-log/main', () => import('./fakeElectronLog.ts'));
vi.mock('electron-updater', () => import('./fakeElectronUpdater.ts'));
vi.mock('electron-context-menu', () => import('./fakeContextMenu.ts'));

import { until } from '../../support/until.ts';
import { app, BrowserWindow, Tray } from './fakeElectron.ts';

const deskDir = process.env.CHATDESK_DESK_DIR;

beforeAll(async () => {
  process.env.CHATDESK_DESK_DIR = mkdtempSync(join(tmpdir(), 'desk-'));
  const userData = app.getPath('userData');
  mkdirSync(userData, { recursive: true });
  writeFileSync(join(userData, 'shell-settings.json'), JSON.stringify({ startHidden: true }));
  writeFileSync(
    join(userData, 'window-state.json'),
    JSON.stringify({ bounds: { x: 10, y: 10, width: 1200, height: 800 }, maximized: true }),
  );
  await import('../../../src/main/electron/main.ts');
  await until(
    () => BrowserWindow.created.length === 1 && BrowserWindow.created[0]?.webContents.url !== '',
    'the window',
  );
});

afterAll(() => {
  if (deskDir === undefined) delete process.env.CHATDESK_DESK_DIR;
  else process.env.CHATDESK_DESK_DIR = deskDir;
});

describe('start hidden with a maximised window (fake electron)', () => {
  it('stays hidden through the first paint and is maximised when the tray opens it', () => {
    const win = BrowserWindow.created[0] as InstanceType<typeof BrowserWindow>;
    expect(win.visible).toBe(false);
    expect(win.shownBeforePaint).toBe(false);
    win.paint();
    expect(win.visible).toBe(false);
    // The tray's icon: open the window.
    Tray.last?.emit('click');
    expect(win.visible).toBe(true);
    expect(win.maximized).toBe(true);
  });
});
