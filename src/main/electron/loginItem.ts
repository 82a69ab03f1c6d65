// "Open at login" and "Start hidden in the tray" (the Settings page): Windows and macOS through
// app.setLoginItemSettings (d.ts: darwin, win32 only), Linux through an XDG autostart entry
// (~/.config/autostart/chat-desk.desktop). Starting hidden is the shell's own setting (every start; the menu has the
// same switch); on Windows the login item also passes --hidden (macOS ignores arguments; Electron 45 has no
// openAsHidden any more, so the app's own setting is what keeps a macOS login start hidden).
// A development run cannot register itself (the login item would start a bare Electron): only start hidden then.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'electron';

export interface StartupState {
  /** Whether this run can register a login item (an installed app). */
  available: boolean;
  openAtLogin: boolean;
  startHidden: boolean;
}

export interface StartupOptions {
  platform: NodeJS.Platform;
  app: Pick<App, 'isPackaged'> & Partial<Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings'>>;
  execPath: string;
  env: NodeJS.ProcessEnv;
  /** Linux: the XDG autostart folder (~/.config/autostart). */
  autostartDir: string;
  startHidden: () => boolean;
  setStartHidden: (on: boolean) => void;
}

const DESKTOP_FILE = 'chat-desk.desktop';

/**
 * A path as one quoted argument of a desktop entry's Exec key (Desktop Entry Specification, "The Exec key"): inside
 * the quotes `"`, `` ` ``, `$` and `\` take a backslash; the value is then a string, whose escaping doubles every
 * backslash again (a literal backslash is written as four); and `%` starts a field code unless written `%%`.
 */
export function desktopExecArgument(path: string): string {
  const quoted = path.replace(/(["`$\\])/g, '\\$1');
  return `"${quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%')}"`;
}

export function createStartupSettings(options: StartupOptions) {
  const { app } = options;
  const available = app.isPackaged;
  const linuxFile = join(options.autostartDir, DESKTOP_FILE);
  // The AppImage's own file when run from one (its mount point changes), as the desktop entry's Exec key wants it.
  const exec = () => desktopExecArgument(options.env.APPIMAGE ?? options.execPath);

  const openAtLogin = (): boolean => {
    if (!available) return false;
    if (options.platform === 'linux') {
      try {
        return readFileSync(linuxFile, 'utf8').includes('X-GNOME-Autostart-enabled=true');
      } catch {
        return false;
      }
    }
    return app.getLoginItemSettings?.().openAtLogin ?? false;
  };

  const register = (on: boolean, hidden: boolean): void => {
    if (!available) return;
    if (options.platform === 'linux') {
      if (!on) {
        rmSync(linuxFile, { force: true });
        return;
      }
      mkdirSync(options.autostartDir, { recursive: true });
      writeFileSync(
        linuxFile,
        [
          '[Desktop Entry]',
          'Type=Application',
          'Name=Chat Desk',
          `Exec=${exec()}${hidden ? ' --hidden' : ''}`,
          'X-GNOME-Autostart-enabled=true',
          '',
        ].join('\n'),
      );
      return;
    }
    app.setLoginItemSettings?.({
      openAtLogin: on,
      path: options.platform === 'win32' ? options.execPath : undefined,
      args: hidden ? ['--hidden'] : [],
    });
  };

  const get = (): StartupState => ({ available, openAtLogin: openAtLogin(), startHidden: options.startHidden() });

  return {
    get,
    set(next: { openAtLogin: boolean; startHidden: boolean }): StartupState {
      options.setStartHidden(next.startHidden);
      register(next.openAtLogin, next.startHidden);
      return get();
    },
  };
}
