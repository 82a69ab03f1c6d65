import './strings.ts';

export { SettingsPage } from './SettingsPage.tsx';
export { useSettingsStore } from './settingsStore.ts';
