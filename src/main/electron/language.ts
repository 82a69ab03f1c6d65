// The language the shell speaks (B5) is the interface's: read at start the way the window picks it (the saved
// preference, else Arabic on an Arabic system, else English), then followed through the core's 'locale.state'
// event, which the core sends when a 'prefs.update' (validated there) sets the language.
import { type DeskCoreEndpoint, type EventPayload, Locale } from '../../shared/bridge.ts';
import { interfaceLocale } from '../../shared/locale.ts';

export interface ShellLanguage {
  readonly locale: Locale;
  /** Called on each change (not for the starting language); returns the unsubscribe. */
  onChange(listener: (locale: Locale) => void): () => void;
  detach(): void;
}

export async function followInterfaceLanguage(core: DeskCoreEndpoint, systemLocale: string): Promise<ShellLanguage> {
  let locale = interfaceLocale(null, systemLocale);
  const listeners = new Set<(locale: Locale) => void>();
  let heard = false;
  const set = (next: Locale) => {
    if (next === locale) return;
    locale = next;
    for (const listener of listeners) listener(next);
  };
  // Subscribed before asking, so a switch made meanwhile is not lost under the older answer.
  const unsubscribe = core.subscribe((event, payload) => {
    if (event !== 'locale.state') return;
    heard = true;
    set((payload as EventPayload<'locale.state'>).locale);
  });
  const prefs = await core.dispatch('prefs.get', {});
  if (!heard && prefs.ok) {
    const saved = Locale.nullable()
      .catch(null)
      .parse((prefs.value as { locale?: unknown }).locale);
    locale = interfaceLocale(saved, systemLocale);
  }
  return {
    get locale() {
      return locale;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    detach: () => {
      unsubscribe();
      listeners.clear();
    },
  };
}
