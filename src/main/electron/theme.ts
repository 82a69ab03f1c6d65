// Light and dark in the shell (B5, issue 17). The interface's preference (light, dark, or the system's) becomes
// `nativeTheme.themeSource`, so the window's frame, the native menus and the dialogs agree with the page: read at
// start, then followed through the core's 'colorScheme.state' event and read again after a sign-in (the preference
// is the account's). The tray icon is drawn for the bar it sits on and switched on nativeTheme's 'updated'.
import type { NativeImage, NativeTheme } from 'electron';
import { ColorSchemePref, type DeskCoreEndpoint, type EventPayload } from '../../shared/bridge.ts';
import type { TrayIconName } from '../core/notify/badge.ts';

/** Which pre-rendered tray icon: for a light bar, for a dark one, or macOS's template (black and alpha). */
export type TrayVariant = 'light' | 'dark' | 'template';

export type ThemeLike = Pick<
  NativeTheme,
  'themeSource' | 'shouldUseDarkColors' | 'shouldUseDarkColorsForSystemIntegratedUI' | 'on' | 'off'
>;

/**
 * The tray icon for the bar it sits on. macOS: a template image, which the menu bar colours itself, light or dark.
 * Windows: the taskbar follows the system's mode, which can differ from the apps' mode and from the app's own
 * choice, so `shouldUseDarkColorsForSystemIntegratedUI`. Linux: Electron tells only `shouldUseDarkColors` (the
 * desktop's scheme, or the interface's once the person chose light or dark).
 */
export function trayVariant(
  platform: NodeJS.Platform,
  theme: Pick<NativeTheme, 'shouldUseDarkColors' | 'shouldUseDarkColorsForSystemIntegratedUI'>,
): TrayVariant {
  if (platform === 'darwin') return 'template';
  const dark = platform === 'win32' ? theme.shouldUseDarkColorsForSystemIntegratedUI : theme.shouldUseDarkColors;
  return dark ? 'dark' : 'light';
}

/** The icon's file under resources/ (scripts/make-icons.ts draws them; Electron finds the @2x beside it). */
export function trayIconFile(name: TrayIconName, variant: TrayVariant): string {
  const suffix = variant === 'light' ? '' : variant === 'dark' ? '-dark' : 'Template';
  return `tray/${name}${suffix}.png`;
}

/** Loads a tray icon; a template is marked so (macOS draws it in the menu bar's colour; elsewhere a no-op). */
export function loadTrayImage(
  images: { createFromPath(path: string): NativeImage },
  path: string,
  variant: TrayVariant,
): NativeImage {
  const image = images.createFromPath(path);
  if (variant === 'template') image.setTemplateImage(true);
  return image;
}

export interface ShellTheme {
  /** The preference applied now. */
  readonly preference: ColorSchemePref;
  readonly trayVariant: TrayVariant;
  /** Called when the tray's variant changes (not for the starting one); returns the unsubscribe. */
  onTrayVariantChange(listener: (variant: TrayVariant) => void): () => void;
  detach(): void;
}

const asPref = (value: unknown): ColorSchemePref => ColorSchemePref.catch('system').parse(value);

export async function followColorScheme(
  core: DeskCoreEndpoint,
  theme: ThemeLike,
  platform: NodeJS.Platform,
): Promise<ShellTheme> {
  let preference: ColorSchemePref = 'system';
  let variant = trayVariant(platform, theme);
  const listeners = new Set<(variant: TrayVariant) => void>();
  // Counts the preferences heard, so an answer to a read started before one of them does not undo it.
  let heard = 0;

  const onUpdated = () => {
    const next = trayVariant(platform, theme);
    if (next === variant) return;
    variant = next;
    for (const listener of listeners) listener(next);
  };
  const apply = (next: ColorSchemePref) => {
    preference = next;
    // ColorSchemePref and themeSource name the same three choices. Set only on a change (each set emits 'updated');
    // the tray is looked at here either way.
    if (theme.themeSource !== next) theme.themeSource = next;
    onUpdated();
  };
  const read = async () => {
    const asked = heard;
    const prefs = await core.dispatch('prefs.get', {});
    if (asked === heard && prefs.ok) apply(asPref((prefs.value as { colorScheme?: unknown }).colorScheme));
  };

  theme.on('updated', onUpdated);
  // Subscribed before asking, so a choice made meanwhile is not lost under the older answer.
  const unsubscribe = core.subscribe((event, payload) => {
    if (event === 'colorScheme.state') {
      heard += 1;
      apply((payload as EventPayload<'colorScheme.state'>).colorScheme);
    } else if (event === 'account.state' && (payload as EventPayload<'account.state'>).signedIn) {
      // Whoever signed in has their own preference, as the window reads it.
      read().catch((error: unknown) => console.error('Chat Desk: reading the colour scheme failed', error));
    }
  });
  await read();
  return {
    get preference() {
      return preference;
    },
    get trayVariant() {
      return variant;
    },
    onTrayVariantChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    detach: () => {
      unsubscribe();
      theme.off('updated', onUpdated);
      listeners.clear();
    },
  };
}
