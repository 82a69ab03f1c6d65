// Where the interface gets its bridge: Electron's preload puts one on `window.desk`; in the web edition the page
// connects to its host with the secret it was opened with (kept for the tab's life, removed from the address bar).
import type { DeskBridge } from '@shared/bridge.ts';
import { createWsBridge } from './wsBridge.ts';

declare global {
  interface Window {
    desk?: DeskBridge;
  }
}

const SECRET_KEY = 'chatdesk.secret';

function webSecret(): string | null {
  const match = /(?:^|[#&])secret=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(SECRET_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(SECRET_KEY);
}

/** The web edition's secret (null in Electron): the host asks for it on downloads too (exports). */
export function webHostSecret(): string | null {
  return window.desk ? null : webSecret();
}

let bridge: DeskBridge | null = null;

export function getBridge(): DeskBridge {
  if (bridge) return bridge;
  if (window.desk) {
    bridge = window.desk;
    return bridge;
  }
  const secret = webSecret();
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  bridge = createWsBridge(`${scheme}://${window.location.host}/bridge?secret=${encodeURIComponent(secret ?? '')}`);
  return bridge;
}

/** Tests replace the bridge with a real core over another transport. */
export function setBridge(next: DeskBridge): void {
  bridge = next;
}
