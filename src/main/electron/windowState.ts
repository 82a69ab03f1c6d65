// Window bounds and the maximised state: saved on change, restored only onto a display that still exists (a
// laptop off its external monitor must not open the window off-screen).
import { readFileSync, writeFileSync } from 'node:fs';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds?: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1400, height: 900 };
export const MIN_SIZE = { width: 900, height: 600 };

function isRect(value: unknown): value is Rect {
  if (!value || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((k) => typeof r[k] === 'number' && Number.isFinite(r[k]));
}

export function parseWindowState(value: unknown): WindowState {
  if (!value || typeof value !== 'object') return { maximized: false };
  const raw = value as Record<string, unknown>;
  return { bounds: isRect(raw.bounds) ? raw.bounds : undefined, maximized: raw.maximized === true };
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The bounds to open with: the saved ones when a current display's work area still shows enough of the window's
 * title bar to grab it (clamped to that display's size), otherwise none (Electron centres a default-sized window).
 */
export function restoreBounds(saved: Rect | undefined, workAreas: Rect[]): Rect | undefined {
  if (!saved || saved.width <= 0 || saved.height <= 0) return undefined;
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: Math.min(40, saved.height) };
  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = overlapArea(titleBar, area);
    if (overlap > bestArea) {
      best = area;
      bestArea = overlap;
    }
  }
  // At least a sizeable grip of the title bar must be visible.
  if (!best || bestArea < Math.min(100, saved.width) * Math.min(20, titleBar.height)) return undefined;
  const width = Math.min(Math.max(saved.width, MIN_SIZE.width), best.width);
  const height = Math.min(Math.max(saved.height, MIN_SIZE.height), best.height);
  const x = Math.min(Math.max(saved.x, best.x), best.x + best.width - width);
  const y = Math.min(Math.max(saved.y, best.y), best.y + best.height - height);
  return { x, y, width, height };
}

export function loadWindowState(file: string): WindowState {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { maximized: false };
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    writeFileSync(file, JSON.stringify(state));
  } catch {
    // Losing the window position is not worth failing over.
  }
}

interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
  getNormalBounds(): Rect;
}

/** Saves the state whenever it settles (debounced) and when the window closes. */
export function trackWindowState(window: TrackedWindow, save: (state: WindowState) => void, delayMs = 500): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const capture = () => {
    if (window.isMinimized() || window.isFullScreen()) return;
    save({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(capture, delayMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, later);
  window.on('close', () => {
    if (timer) clearTimeout(timer);
    capture();
  });
}
