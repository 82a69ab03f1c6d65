// Light, dark, or as the system is set (the default): the saved preference (in the core, like the others) and the
// scheme it comes to now. Mantine follows it (App's forceColorScheme) and so does AG Grid: its themes carry a dark
// mode chosen by `data-ag-theme-mode` on <html>, so the table changes colours without being built again.
import type { ColorSchemePref } from '@shared/bridge.ts';
import { useSyncExternalStore } from 'react';
import { create } from 'zustand';
import { updatePrefs } from './prefs.ts';

export type ColorScheme = 'light' | 'dark';

export const useColorSchemePref = create<{ pref: ColorSchemePref }>(() => ({ pref: 'system' }));

const DARK_QUERY = '(prefers-color-scheme: dark)';

function systemScheme(): ColorScheme {
  return typeof window !== 'undefined' && window.matchMedia?.(DARK_QUERY).matches ? 'dark' : 'light';
}

function subscribeSystem(onChange: () => void): () => void {
  const query = typeof window !== 'undefined' ? window.matchMedia?.(DARK_QUERY) : undefined;
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

/** The scheme shown now: the preference, or the system's (followed as it changes). */
export function useColorScheme(): ColorScheme {
  const pref = useColorSchemePref((s) => s.pref);
  const system = useSyncExternalStore(subscribeSystem, systemScheme, () => 'light' as const);
  const scheme = pref === 'system' ? system : pref;
  if (typeof document !== 'undefined' && document.documentElement.dataset.agThemeMode !== scheme) {
    document.documentElement.dataset.agThemeMode = scheme;
  }
  return scheme;
}

/** The preference as read at the start (from the core's answers). */
export function startColorScheme(pref: ColorSchemePref | undefined): void {
  if (pref) useColorSchemePref.setState({ pref });
}

/** The person chose: shown at once, saved in the core. */
export function chooseColorScheme(pref: ColorSchemePref): Promise<unknown> {
  useColorSchemePref.setState({ pref });
  return updatePrefs({ colorScheme: pref });
}
