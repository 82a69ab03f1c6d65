// The main window: the secure options, the saved bounds, close-to-tray. Creation goes through a factory parameter so
// tests check exactly what Electron receives.
import { BrowserWindow } from 'electron';
import { DEFAULT_SIZE, MIN_SIZE, type Rect } from './windowState.ts';

/**
 * The one place windows are made. The web preferences are written out here, literally, so a reader (and
 * Electronegativity's static checks) sees exactly what every window gets.
 */
export function createMainWindow(preload: string, bounds: Rect | undefined, icon?: string): BrowserWindow {
  return new BrowserWindow({
    ...(bounds ?? DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Chat Desk',
    backgroundColor: '#ffffff',
    ...(icon ? { icon } : {}),
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click would ask for a new window; those are denied anyway, this keeps the request from being made.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  });
}

export interface CloseBehaviour {
  /** True while the app is really quitting (menu Quit, tray Quit, update install). */
  isQuitting: () => boolean;
  closeToTray: () => boolean;
  /** Whether the desktop shows the tray icon (see tray.ts trayShown); default: it does. */
  trayShown?: () => boolean;
}

/**
 * With close-to-tray on, closing hides the window; quitting still closes it. Where no tray icon shows (GNOME without
 * AppIndicator) a hidden window could not be found again: closing minimises it to the taskbar instead.
 */
export function installCloseToTray(
  window: Pick<BrowserWindow, 'on' | 'hide' | 'minimize'>,
  behaviour: CloseBehaviour,
): void {
  window.on('close', (event) => {
    if (!behaviour.isQuitting() && behaviour.closeToTray()) {
      event.preventDefault();
      if (behaviour.trayShown?.() ?? true) window.hide();
      else window.minimize();
    }
  });
}

export interface FirstShow {
  /** The window was maximised when last closed. */
  maximized: boolean;
  /** Start hidden in the tray (asked at first paint: a link waiting for the window overrides it). */
  startHidden: () => boolean;
  /** Shows and focuses the window. */
  reveal: () => void;
}

/**
 * Shows the window after the page's first paint (no white flash), maximised if it was. maximize() also shows a
 * hidden window (d.ts), so a window starting hidden is maximised only when it is first shown.
 */
export function showWhenPainted(
  window: Pick<BrowserWindow, 'once' | 'maximize'>,
  { maximized, startHidden, reveal }: FirstShow,
): void {
  window.once('ready-to-show', () => {
    if (startHidden()) {
      if (maximized) window.once('show', () => window.maximize());
      return;
    }
    if (maximized) window.maximize();
    reveal();
  });
}

/**
 * The window a dialog should belong to: the main window while it is on screen, else none. A dialog attached to a
 * hidden or minimised window is a sheet nobody sees on macOS (and a modal behind nothing elsewhere).
 */
export function dialogParent<W extends Pick<BrowserWindow, 'isDestroyed' | 'isVisible' | 'isMinimized'>>(
  window: W | null,
): W | null {
  return window && !window.isDestroyed() && window.isVisible() && !window.isMinimized() ? window : null;
}

/** Brings the window forward: restored if minimised, shown if hidden, focused. */
export function revealWindow(window: Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'>): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
