// The interface language's rule (B5), in one place for the window and the desktop shell: the saved preference,
// else Arabic on an Arabic system, else English.
import type { Locale } from './bridge.ts';

export function interfaceLocale(saved: Locale | null, systemLocale: string): Locale {
  if (saved) return saved;
  return systemLocale.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}
