// The tray icon: its image and tooltip follow the unread total (pre-rendered 0–9 and 9+), its menu opens the window,
// pauses notifications or quits. The tray itself comes from a factory parameter so tests inject one.
import type { MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { BadgeState, TrayIconName } from '../core/notify/badge.ts';

export type TrayLike = Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>;

export interface TrayServiceOptions {
  createTray: (image: NativeImage) => TrayLike;
  image: (name: TrayIconName) => NativeImage;
  buildMenu: (template: MenuItemConstructorOptions[]) => Parameters<Tray['setContextMenu']>[0];
  onOpen: () => void;
  onTogglePause: (paused: boolean) => void;
  onQuit: () => void;
}

export function trayMenuTemplate(
  paused: boolean,
  actions: Pick<TrayServiceOptions, 'onOpen' | 'onTogglePause' | 'onQuit'>,
): MenuItemConstructorOptions[] {
  return [
    { id: 'open', label: 'Open Chat Desk', click: () => actions.onOpen() },
    {
      id: 'pause',
      label: 'Pause notifications',
      type: 'checkbox',
      checked: paused,
      click: (item) => actions.onTogglePause(item.checked),
    },
    { type: 'separator' },
    { id: 'quit', label: 'Quit Chat Desk', click: () => actions.onQuit() },
  ];
}

export class TrayService {
  readonly #options: TrayServiceOptions;
  readonly #tray: TrayLike;
  #icon: TrayIconName | null = null;
  #paused: boolean | null = null;

  constructor(options: TrayServiceOptions, initial: BadgeState, paused: boolean) {
    this.#options = options;
    this.#tray = options.createTray(options.image(initial.trayIcon));
    this.#icon = initial.trayIcon;
    this.#tray.on('click', () => options.onOpen());
    this.update(initial, paused);
  }

  update(state: BadgeState, paused: boolean): void {
    if (state.trayIcon !== this.#icon) {
      this.#tray.setImage(this.#options.image(state.trayIcon));
      this.#icon = state.trayIcon;
    }
    this.#tray.setToolTip(state.tooltip);
    if (paused !== this.#paused) {
      this.#tray.setContextMenu(this.#options.buildMenu(trayMenuTemplate(paused, this.#options)));
      this.#paused = paused;
    }
  }

  destroy(): void {
    this.#tray.destroy();
  }
}
