// The local preferences (B5, B7, D4) as the window knows them: asked of the core once per account (the start's
// questions ask first), then kept current by every change made here and by the core's notifications-pause event, so
// the parts that need them at the start (the frame's pane width, the table's columns, saved views, the notifications
// pause) do not each ask the core again.
import type { DeskBridge, Prefs } from '@shared/bridge.ts';
import { callBridge } from '../bridge/bridgeHooks.ts';
import { getBridge } from '../bridge/index.ts';

let known: { bridge: DeskBridge; prefs: Promise<Prefs>; off: () => void } | null = null;

function remember(bridge: DeskBridge, prefs: Promise<Prefs>): Promise<Prefs> {
  known?.off();
  const entry = {
    bridge,
    prefs,
    off: bridge.on('notifications.state', ({ paused }) => {
      if (known === entry) entry.prefs = entry.prefs.then((p) => ({ ...p, notificationsPaused: paused }));
    }),
  };
  known = entry;
  // A failed read is not remembered: the next caller asks again.
  prefs.catch(() => {
    if (known === entry) forgetPrefs();
  });
  return prefs;
}

/** The preferences, from the core the first time (per account and bridge), then as last known here. */
export function loadPrefs(): Promise<Prefs> {
  const bridge = getBridge();
  if (known?.bridge === bridge) return known.prefs;
  return remember(bridge, callBridge('prefs.get', {}));
}

const savedListeners = new Set<(prefs: Prefs) => void>();

/** Calls `listener` with the preferences after each change saved from this window; returns how to stop. */
export function onPrefsSaved(listener: (prefs: Prefs) => void): () => void {
  savedListeners.add(listener);
  return () => savedListeners.delete(listener);
}

/** Saves a change through the core (which checks it) and keeps the core's answer as the known preferences. */
export async function updatePrefs(patch: Partial<Prefs>): Promise<Prefs> {
  const prefs = await callBridge('prefs.update', patch);
  remember(getBridge(), Promise.resolve(prefs));
  for (const listener of savedListeners) listener(prefs);
  return prefs;
}

/** Another account's preferences are its own: forget these (sign-in, sign-out). */
export function forgetPrefs(): void {
  known?.off();
  known = null;
}
