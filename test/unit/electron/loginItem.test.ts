// "Open at login" and "Start hidden in the tray" (Settings): Windows and macOS through app.setLoginItemSettings (which
// exists only there), Linux through an XDG autostart entry; unavailable in a development run.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStartupSettings, desktopExecArgument } from '../../../src/main/electron/loginItem.ts';
import { app, setFakePlatform } from './fakeElectron.ts';

afterEach(() => setFakePlatform(process.platform));

function startup(platform: NodeJS.Platform, isPackaged = true, env: NodeJS.ProcessEnv = {}) {
  setFakePlatform(platform);
  const autostartDir = join(mkdtempSync(join(tmpdir(), 'autostart-')), 'autostart');
  let hidden = false;
  const settings = createStartupSettings({
    platform,
    app: Object.assign(Object.create(app), { isPackaged }) as never,
    execPath: platform === 'win32' ? 'C:\\Chat Desk\\Chat Desk.exe' : '/opt/Chat Desk/chat-desk',
    env,
    autostartDir,
    startHidden: () => hidden,
    setStartHidden: (on) => {
      hidden = on;
    },
  });
  return { settings, file: join(autostartDir, 'chat-desk.desktop') };
}

describe('open at login (fake electron app)', () => {
  it('Windows: a login item for the executable, with --hidden when starting hidden', () => {
    const { settings } = startup('win32');
    expect(settings.get()).toEqual({ available: true, openAtLogin: false, startHidden: false });
    expect(settings.set({ openAtLogin: true, startHidden: true })).toEqual({
      available: true,
      openAtLogin: true,
      startHidden: true,
    });
    expect(app.loginItem).toEqual({ openAtLogin: true, args: ['--hidden'] });
    settings.set({ openAtLogin: false, startHidden: true });
    expect(app.loginItem.openAtLogin).toBe(false);
  });

  it('macOS: a login item; starting hidden is the app’s own setting', () => {
    const { settings } = startup('darwin');
    settings.set({ openAtLogin: true, startHidden: false });
    expect(app.loginItem).toMatchObject({ openAtLogin: true });
    expect(settings.get()).toMatchObject({ openAtLogin: true, startHidden: false });
  });

  it('Linux: an XDG autostart entry (the AppImage’s own path when run from one), removed when switched off', () => {
    const { settings, file } = startup('linux', true, { APPIMAGE: '/home/a/Chat Desk.AppImage' });
    settings.set({ openAtLogin: true, startHidden: true });
    expect(readFileSync(file, 'utf8')).toContain('Exec="/home/a/Chat Desk.AppImage" --hidden\n');
    expect(settings.get()).toEqual({ available: true, openAtLogin: true, startHidden: true });
    settings.set({ openAtLogin: false, startHidden: true });
    expect(existsSync(file)).toBe(false);
    expect(settings.get().openAtLogin).toBe(false);
  });

  it('a development run offers only start hidden (a login item would start a bare Electron)', () => {
    const { settings, file } = startup('linux', false);
    expect(settings.set({ openAtLogin: true, startHidden: true })).toEqual({
      available: false,
      openAtLogin: false,
      startHidden: true,
    });
    expect(existsSync(file)).toBe(false);
  });
});

describe('the Exec argument of the autostart entry', () => {
  it('escapes for the quoting rule, then for the string value, and writes % as %%', () => {
    expect(desktopExecArgument('/opt/Chat Desk/chat-desk')).toBe('"/opt/Chat Desk/chat-desk"');
    // A literal backslash is four in the file; a dollar sign, a back-quote and a double quote take two backslashes.
    expect(desktopExecArgument('/a\\b')).toBe('"/a\\\\\\\\b"');
    expect(desktopExecArgument('/a$b`c"d')).toBe('"/a\\\\$b\\\\`c\\\\"d"');
    expect(desktopExecArgument('/a%u')).toBe('"/a%%u"');
  });
});
