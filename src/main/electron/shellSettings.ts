// The shell's own preferences, kept in a small JSON file in the app's data folder (not in the core's caches:
// they concern this machine's window and tray, not an account).
import { readFileSync, writeFileSync } from 'node:fs';

export interface ShellSettings {
  closeToTray: boolean;
  startHidden: boolean;
  notificationsPaused: boolean;
  /** When a timed pause ("for 1 hour", "until tomorrow") ends (ISO time); null: no timed end. */
  notificationsPausedUntil: string | null;
  /** Checking for updates is opt-in. */
  autoUpdate: boolean;
  /** The folder the last export was saved into. */
  lastExportDir: string | null;
}

export const DEFAULT_SHELL_SETTINGS: ShellSettings = {
  closeToTray: true,
  startHidden: false,
  notificationsPaused: false,
  notificationsPausedUntil: null,
  autoUpdate: false,
  lastExportDir: null,
};

export function parseShellSettings(value: unknown): ShellSettings {
  const raw = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const flag = (key: keyof ShellSettings) =>
    typeof raw[key] === 'boolean' ? (raw[key] as boolean) : (DEFAULT_SHELL_SETTINGS[key] as boolean);
  return {
    closeToTray: flag('closeToTray'),
    startHidden: flag('startHidden'),
    notificationsPaused: flag('notificationsPaused'),
    autoUpdate: flag('autoUpdate'),
    notificationsPausedUntil: typeof raw.notificationsPausedUntil === 'string' ? raw.notificationsPausedUntil : null,
    lastExportDir: typeof raw.lastExportDir === 'string' ? raw.lastExportDir : null,
  };
}

export class ShellSettingsStore {
  readonly #file: string;
  #value: ShellSettings;

  constructor(file: string) {
    this.#file = file;
    let parsed: unknown = {};
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      // First start or an unreadable file: defaults.
    }
    this.#value = parseShellSettings(parsed);
  }

  get(): ShellSettings {
    return { ...this.#value };
  }

  update(patch: Partial<ShellSettings>): ShellSettings {
    this.#value = parseShellSettings({ ...this.#value, ...patch });
    try {
      writeFileSync(this.#file, JSON.stringify(this.#value, null, 2));
    } catch {
      // Kept for this run even when the disk refuses.
    }
    return this.get();
  }
}
