// The marketplace settings (F12) as the desk knows them, shared by the Settings page and the conversation views
// (which say when chat in the mobile app is off). Loaded on demand; a change made here updates every view at once,
// and so does one made by another staff member (the core's change notice says the settings changed).
import type { Settings } from '@shared/domain.ts';
import { useEffect } from 'react';
import { create } from 'zustand';
import { callBridge, errorMessage, useBridgeEvent } from '../../bridge/bridgeHooks.ts';

interface SettingsState {
  settings: Settings | null;
  loadError: string | null;
  saving: boolean;
  load(): Promise<void>;
  /** Saves a change; resolves with the error message when refused (the stored value stays as it was). */
  update(next: Settings): Promise<string | null>;
}

export const useSettingsStore = create<SettingsState>((set) => ({
  settings: null,
  loadError: null,
  saving: false,
  async load() {
    try {
      set({ settings: await callBridge('settings.get', {}), loadError: null });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
  async update(next) {
    set({ saving: true });
    try {
      set({ settings: await callBridge('settings.update', next), saving: false });
      return null;
    } catch (error) {
      set({ saving: false });
      return errorMessage(error);
    }
  },
}));

/** The settings, loaded when first shown and again whenever the core says they changed. */
export function useSettings(): SettingsState {
  const state = useSettingsStore();
  const load = state.load;
  useEffect(() => {
    void load();
  }, [load]);
  useBridgeEvent('sessions.changed', (change) => {
    if (change.settingsChanged) void load();
  });
  return state;
}
