// The tray icon: its image and tooltip follow the unread total (pre-rendered 0–9 and 9+, drawn for a light or a dark
// bar, or as macOS's template: theme.ts), its menu opens the window, pauses notifications or quits, in the interface
// language. The tray itself comes from a factory parameter so tests inject one.
import { execFile } from 'node:child_process';
import type { MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { Locale } from '../../shared/bridge.ts';
import type { BadgeState, TrayIconName } from '../core/notify/badge.ts';
import { reviewWords } from '../core/notify/reviewWords.ts';
import { shellStrings } from '../core/notify/shellStrings.ts';
import type { PauseSpan } from './pauseSchedule.ts';
import type { TrayVariant } from './theme.ts';

/**
 * Whether a tray icon will be seen. Windows and macOS always show one. On Linux, Electron's tray is a
 * StatusNotifierItem, shown only where a watcher runs (KDE, XFCE, Ubuntu's GNOME with its AppIndicator extension…);
 * without one it falls back to a legacy icon that plain GNOME does not show. `watcherRuns` answers null when D-Bus
 * cannot be asked; the desktop's name decides then.
 */
export async function trayShown(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  watcherRuns: () => Promise<boolean | null> = statusNotifierWatcherRuns,
): Promise<boolean> {
  if (platform !== 'linux') return true;
  const watcher = await watcherRuns();
  if (watcher !== null) return watcher;
  const desktop = `${env.XDG_CURRENT_DESKTOP ?? ''}`.toLowerCase();
  return !(desktop.includes('gnome') && !desktop.includes('ubuntu'));
}

/** Asks the session bus whether org.kde.StatusNotifierWatcher has an owner (gdbus ships with GLib); null: unknown. */
export function statusNotifierWatcherRuns(): Promise<boolean | null> {
  return new Promise((resolve) => {
    execFile(
      'gdbus',
      [
        'call',
        '--session',
        '--dest',
        'org.freedesktop.DBus',
        '--object-path',
        '/org/freedesktop/DBus',
        '--method',
        'org.freedesktop.DBus.NameHasOwner',
        'org.kde.StatusNotifierWatcher',
      ],
      { timeout: 2000 },
      (error, stdout) => resolve(error ? null : /true/.test(stdout)),
    );
  });
}

export type TrayLike = Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>;

export interface TrayServiceOptions {
  createTray: (image: NativeImage) => TrayLike;
  image: (name: TrayIconName, variant: TrayVariant) => NativeImage;
  buildMenu: (template: MenuItemConstructorOptions[]) => Parameters<Tray['setContextMenu']>[0];
  onOpen: () => void;
  onTogglePause: (paused: boolean) => void;
  /** Pause for an hour, or until tomorrow morning (pauseSchedule.ts). */
  onPauseFor: (span: PauseSpan) => void;
  onQuit: () => void;
  /** B9, moderators and admins: "Review queue (3)" opens the Moderation section. */
  onReview?: () => void;
}

export function trayMenuTemplate(
  paused: boolean,
  actions: Pick<TrayServiceOptions, 'onOpen' | 'onTogglePause' | 'onPauseFor' | 'onQuit' | 'onReview'>,
  locale: Locale = 'en',
  /** B9: the review queue's open count for moderators and admins; null: no entry (every other role). */
  review: number | null = null,
): MenuItemConstructorOptions[] {
  const words = shellStrings(locale).tray;
  return [
    { id: 'open', label: words.open, click: () => actions.onOpen() },
    ...(review !== null
      ? [{ id: 'review', label: reviewWords(locale).trayItem(review), click: () => actions.onReview?.() }]
      : []),
    {
      id: 'pause',
      label: words.pause,
      type: 'checkbox',
      checked: paused,
      click: (item) => actions.onTogglePause(item.checked),
    },
    { id: 'pauseHour', label: words.pauseHour, click: () => actions.onPauseFor('hour') },
    { id: 'pauseTomorrow', label: words.pauseTomorrow, click: () => actions.onPauseFor('tomorrow') },
    { type: 'separator' },
    { id: 'quit', label: words.quit, click: () => actions.onQuit() },
  ];
}

export class TrayService {
  readonly #options: TrayServiceOptions;
  readonly #tray: TrayLike;
  #icon: TrayIconName | null = null;
  #paused: boolean | null = null;
  #review: number | null = null;
  #locale: Locale;
  #variant: TrayVariant;

  /** `initial` carries the tooltip (the policy's badge, already in `locale`); `variant` suits the bar (theme.ts). */
  constructor(
    options: TrayServiceOptions,
    initial: BadgeState,
    paused: boolean,
    locale: Locale = 'en',
    variant: TrayVariant = 'light',
  ) {
    this.#options = options;
    this.#locale = locale;
    this.#variant = variant;
    this.#tray = options.createTray(options.image(initial.trayIcon, variant));
    this.#icon = initial.trayIcon;
    this.#tray.on('click', () => options.onOpen());
    this.update(initial, paused);
  }

  update(state: BadgeState, paused: boolean): void {
    if (state.trayIcon !== this.#icon) {
      this.#tray.setImage(this.#options.image(state.trayIcon, this.#variant));
      this.#icon = state.trayIcon;
    }
    this.#tray.setToolTip(state.tooltip);
    if (paused !== this.#paused || state.review !== this.#review) {
      this.#paused = paused;
      this.#review = state.review;
      this.#rebuildMenu();
    }
  }

  /** The bar the icon sits on turned light or dark: the same count, drawn for it. */
  setVariant(variant: TrayVariant): void {
    if (variant === this.#variant) return;
    this.#variant = variant;
    if (this.#icon) this.#tray.setImage(this.#options.image(this.#icon, variant));
  }

  /** The interface language changed: the menu is rebuilt now; the tooltip comes with the next `update`. */
  setLocale(locale: Locale): void {
    if (locale === this.#locale) return;
    this.#locale = locale;
    this.#rebuildMenu();
  }

  #rebuildMenu(): void {
    this.#tray.setContextMenu(
      this.#options.buildMenu(trayMenuTemplate(this.#paused ?? false, this.#options, this.#locale, this.#review)),
    );
  }

  destroy(): void {
    this.#tray.destroy();
  }
}
