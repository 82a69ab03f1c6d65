// Interface language (B5): English and Arabic (right-to-left). Each feature keeps its own strings in a
// `strings.ts` beside it and registers them here under its namespace, so features never edit one shared file.
import type { Locale } from '@shared/bridge.ts';
import { interfaceLocale } from '@shared/locale.ts';
import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

export type Strings = { en: Record<string, unknown>; ar: Record<string, unknown> };

const namespaces = new Map<string, Strings>();

/** Registers a feature's strings under `namespace` (call at module load of the feature). */
export function registerStrings(namespace: string, strings: Strings): void {
  namespaces.set(namespace, strings);
  if (i18next.isInitialized) {
    i18next.addResourceBundle('en', namespace, strings.en, true, true);
    i18next.addResourceBundle('ar', namespace, strings.ar, true, true);
  }
}

export function initI18n(locale: Locale): typeof i18next {
  const resources: Resource = { en: {}, ar: {} };
  for (const [ns, strings] of namespaces) {
    (resources.en as Record<string, unknown>)[ns] = strings.en;
    (resources.ar as Record<string, unknown>)[ns] = strings.ar;
  }
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources,
      lng: locale,
      fallbackLng: 'en',
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      initAsync: false,
    });
  } else {
    void i18next.changeLanguage(locale);
  }
  applyDirection(locale);
  return i18next;
}

export function directionOf(locale: Locale): 'rtl' | 'ltr' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

export function applyDirection(locale: Locale): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
}

/** The locale to start in: the saved preference, else Arabic on an Arabic system, else English. */
export function initialLocale(saved: Locale | null, systemLocale: string): Locale {
  return interfaceLocale(saved, systemLocale);
}
