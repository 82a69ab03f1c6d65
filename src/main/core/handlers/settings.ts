// Settings of the backend (F12), local preferences (B5, B7) and the notifications pause (D5). Preferences live in
// the account's cache; before any sign-in (and for the locale of the sign-in form) in the data folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Prefs } from '../../../shared/bridge.ts';
import { AppError } from '../../../shared/errors.ts';
import { interfaceLocale } from '../../../shared/locale.ts';
import { DEFAULT_PREFS } from '../cache/store.ts';
import type { CoreContext, HandlerGroup } from '../context.ts';
import { writePrivateFile } from '../privateFiles.ts';
import { systemLocaleOf } from './app.ts';

function globalPrefsFile(ctx: CoreContext): string {
  return join(ctx.options.dataDir, 'prefs.json');
}

function readGlobalPrefs(ctx: CoreContext): Prefs {
  try {
    const parsed = Prefs.partial().safeParse(JSON.parse(readFileSync(globalPrefsFile(ctx), 'utf8')));
    return { ...DEFAULT_PREFS, ...(parsed.success ? parsed.data : {}) };
  } catch {
    return { ...DEFAULT_PREFS };
  }
}

function writeGlobalPrefs(ctx: CoreContext, prefs: Prefs): void {
  writePrivateFile(globalPrefsFile(ctx), JSON.stringify(prefs));
}

async function getPrefs(ctx: CoreContext): Promise<Prefs> {
  const global = readGlobalPrefs(ctx);
  const runtime = ctx.accounts.runtime;
  if (!runtime) return global;
  const prefs = await runtime.cache.call('prefs');
  return { ...prefs, locale: prefs.locale ?? global.locale };
}

async function updatePrefs(ctx: CoreContext, patch: Partial<Prefs>): Promise<Prefs> {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Prefs>;
  const global = { ...readGlobalPrefs(ctx), ...defined };
  writeGlobalPrefs(ctx, global);
  const runtime = ctx.accounts.runtime;
  if (!runtime) return global;
  const prefs = await runtime.cache.call('updatePrefs', defined);
  return { ...prefs, locale: prefs.locale ?? global.locale };
}

export const settingsHandlers: HandlerGroup = (ctx) => ({
  'settings.get': async () => {
    const { cache, client } = ctx.runtime();
    if (ctx.accounts.signedIn) {
      try {
        await cache.call('putSettings', await client.settings());
      } catch (error) {
        if (!(error instanceof AppError) || (error.code !== 'offline' && error.status < 500)) throw error;
      }
    }
    return cache.call('settings');
  },
  'settings.update': async (settings) => {
    await ctx.enqueue({ kind: 'settings.update', settings });
    return settings;
  },
  'prefs.get': () => getPrefs(ctx),
  'prefs.update': async (patch) => {
    const prefs = await updatePrefs(ctx, patch);
    // A language switch (or back to the system's, null): the desktop shell's own texts follow (B5).
    if (patch.locale !== undefined) {
      ctx.events.emit('locale.state', { locale: interfaceLocale(prefs.locale, systemLocaleOf(ctx)) });
    }
    // The notification rules changed: the desktop shell's toasts follow them.
    if (patch.notifySound !== undefined || patch.notifyWhich !== undefined || patch.quietHours !== undefined) {
      const { notifySound, notifyWhich, quietHours } = prefs;
      ctx.events.emit('notify.rules', { notifySound, notifyWhich, quietHours });
    }
    // Light, dark or the system's: the desktop shell's window frame and native menus follow (nativeTheme).
    if (patch.colorScheme !== undefined) ctx.events.emit('colorScheme.state', { colorScheme: prefs.colorScheme });
    return prefs;
  },
  'notifications.setPaused': async ({ paused }) => {
    await updatePrefs(ctx, { notificationsPaused: paused });
    ctx.events.emit('notifications.state', { paused });
    return { paused };
  },
});
