// Sets the unread badge the way each OS shows one: the macOS dock text, the Windows taskbar overlay (an image plus
// an accessible description), the Linux launcher count where the desktop supports it (Unity launcher API).
import type { App, BrowserWindow, NativeImage } from 'electron';
import type { BadgeState } from '../core/notify/badge.ts';

export interface BadgeTargets {
  platform: NodeJS.Platform;
  app: Pick<App, 'setBadgeCount'> & { dock?: Pick<NonNullable<App['dock']>, 'setBadge'> };
  window: () => Pick<BrowserWindow, 'setOverlayIcon' | 'isDestroyed'> | null;
  /** The overlay image for a badge text ('1'…'9', '9+'); null clears it. */
  overlayImage: (state: BadgeState) => NativeImage | null;
  /** Whether the Linux desktop shows launcher counts (`app.isUnityRunning()` in Electron before 36; now a guess). */
  linuxLauncherSupported: () => boolean;
}

export function applyBadge(targets: BadgeTargets, state: BadgeState): void {
  switch (targets.platform) {
    case 'darwin':
      targets.app.dock?.setBadge(state.text);
      return;
    case 'win32': {
      const window = targets.window();
      if (!window || window.isDestroyed()) return;
      window.setOverlayIcon(state.count > 0 ? targets.overlayImage(state) : null, state.description);
      return;
    }
    default:
      if (targets.linuxLauncherSupported()) targets.app.setBadgeCount(state.count);
  }
}

/**
 * The badge setter the shell uses: applies each state, and on Windows puts the overlay back whenever the window is
 * shown again. Hiding a window removes its taskbar button and the overlay with it, so an overlay set while the
 * window sat in the tray (or before it) would otherwise be lost.
 */
export function createBadges(targets: BadgeTargets, window: Pick<BrowserWindow, 'on'>): (state: BadgeState) => void {
  let last: BadgeState | null = null;
  if (targets.platform === 'win32') {
    window.on('show', () => {
      if (last) applyBadge(targets, last);
    });
  }
  return (state) => {
    last = state;
    applyBadge(targets, state);
  };
}

/** Launcher counts work on desktops that implement the Unity launcher API (Unity, KDE Plasma, some docks). */
export function linuxLauncherSupported(env: NodeJS.ProcessEnv): boolean {
  const desktop = `${env.XDG_CURRENT_DESKTOP ?? ''}:${env.DESKTOP_SESSION ?? ''}`.toLowerCase();
  return /unity|kde|plasma|ubuntu|pantheon|budgie/.test(desktop);
}
