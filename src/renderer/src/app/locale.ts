// The interface language (B5) in one place: i18next, the page's direction (Mantine's DirectionProvider follows the
// `dir` attribute), dayjs (the date pickers' locale) and the saved preference. The Settings page switches language
// through i18next too, so the frame follows i18next's 'languageChanged' rather than its own state.
import 'dayjs/locale/ar';
import type { Locale } from '@shared/bridge.ts';
import dayjs from 'dayjs';
import i18next from 'i18next';
import { useSyncExternalStore } from 'react';
import { applyDirection, initI18n } from '../i18n/index.ts';

export function asLocale(language: string | undefined): Locale {
  return language?.startsWith('ar') ? 'ar' : 'en';
}

/** Starts (or switches) the interface in `locale`: strings, direction, dates. */
export function startLocale(locale: Locale): void {
  initI18n(locale);
  applyDirection(locale);
  dayjs.locale(locale);
}

/** Switches the language the user picked and remembers it (the saved preference wins over the system's). */
export async function switchLocale(locale: Locale, save: (locale: Locale) => Promise<unknown>): Promise<void> {
  startLocale(locale);
  await save(locale);
}

function subscribe(onChange: () => void): () => void {
  const listener = (language: string) => {
    const locale = asLocale(language);
    // Whoever switched (the frame or the Settings page), the direction and the dates follow.
    applyDirection(locale);
    dayjs.locale(locale);
    onChange();
  };
  i18next.on('languageChanged', listener);
  return () => i18next.off('languageChanged', listener);
}

/** The current interface language, re-rendering on every switch. */
export function useLocale(): Locale {
  return useSyncExternalStore(subscribe, () => asLocale(i18next.language));
}
