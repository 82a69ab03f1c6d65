// Light and dark in the shell against the fake electron module: which tray icon each OS gets (the taskbar's own
// mode on Windows, the template on macOS), switched live on nativeTheme's 'updated'; themeSource following the
// interface's preference (start, the core's 'colorScheme.state', a sign-in); every icon the shell can ask for exists.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('./fakeElectron.ts'));

import { EventHub } from '../../../src/main/core/eventHub.ts';
import { badgeFor, type TrayIconName } from '../../../src/main/core/notify/badge.ts';
import { resourcePath } from '../../../src/main/electron/paths.ts';
import {
  followColorScheme,
  loadTrayImage,
  type ThemeLike,
  type TrayVariant,
  trayIconFile,
  trayVariant,
} from '../../../src/main/electron/theme.ts';
import { TrayService } from '../../../src/main/electron/tray.ts';
import { type ColorSchemePref, DEFAULT_PREFS } from '../../../src/shared/bridge.ts';
import { err, ok } from '../../../src/shared/result.ts';
import { until } from '../../support/until.ts';
import { app, Menu, nativeImage, nativeTheme, setFakePlatform, Tray } from './fakeElectron.ts';

/** The stand-in as Electron's type (its platform-only property is undefined off Windows and macOS, as there). */
const theme = nativeTheme as unknown as ThemeLike;
const root = resolve(import.meta.dirname, '../../..');
const VARIANTS: TrayVariant[] = ['light', 'dark', 'template'];
/** Every tray icon the badge can name: 0–9 and 9+. */
const ICONS: TrayIconName[] = [...new Set(Array.from({ length: 12 }, (_, n) => badgeFor(n).trayIcon))];

/** A core that answers 'prefs.get' with `saved` (held until `release` when asked to), and passes events through. */
function fakeCore(saved: ColorSchemePref | 'broken' | 'unreadable', options: { hold?: boolean } = {}) {
  const hub = new EventHub();
  let release: () => void = () => {};
  const gate = options.hold ? new Promise<void>((r) => (release = r)) : Promise.resolve();
  let asked = 0;
  let answer = saved;
  return {
    hub,
    asked: () => asked,
    release: () => release(),
    saveNow: (next: ColorSchemePref) => (answer = next),
    core: {
      dispatch: async (name: string) => {
        if (name !== 'prefs.get') return err({ code: 'not_found', message: name });
        asked += 1;
        const now = answer;
        await gate;
        if (now === 'unreadable') return err({ code: 'internal', message: 'no' });
        return ok({ ...DEFAULT_PREFS, colorScheme: now });
      },
      subscribe: (l: Parameters<EventHub['subscribe']>[0]) => hub.subscribe(l),
    },
  };
}

/** The tray wired as main.ts wires it: images from resources/, the variant from the shell's theme. */
async function shellTray(platform: NodeJS.Platform, saved: ColorSchemePref = 'system') {
  setFakePlatform(platform);
  const core = fakeCore(saved);
  const shellTheme = await followColorScheme(core.core, theme, platform);
  const images: string[] = [];
  const tray = new TrayService(
    {
      createTray: (image) => new Tray(image) as never,
      image: (name, variant) => {
        const image = loadTrayImage(nativeImage as never, resourcePath(app, trayIconFile(name, variant)), variant);
        images.push(trayIconFile(name, variant));
        return image;
      },
      buildMenu: (template) => Menu.buildFromTemplate(template) as never,
      onOpen: () => {},
      onTogglePause: () => {},
      onPauseFor: () => {},
      onQuit: () => {},
    },
    badgeFor(3),
    false,
    'en',
    shellTheme.trayVariant,
  );
  shellTheme.onTrayVariantChange((variant) => tray.setVariant(variant));
  const fakeTray = Tray.last as unknown as { image: { path: string; isEmpty(): boolean; isTemplateImage(): boolean } };
  return { core, tray, images, image: () => fakeTray.image };
}

const file = (path: string) => path.slice(path.indexOf('/tray/') + 1);

beforeEach(() => nativeTheme.reset());
afterEach(() => setFakePlatform(process.platform));

describe('tray icon for the bar it sits on', () => {
  it('macOS: always the template, which the menu bar colours itself', () => {
    setFakePlatform('darwin');
    expect(trayVariant('darwin', { shouldUseDarkColors: false, shouldUseDarkColorsForSystemIntegratedUI: false })).toBe(
      'template',
    );
    expect(trayVariant('darwin', { shouldUseDarkColors: true, shouldUseDarkColorsForSystemIntegratedUI: true })).toBe(
      'template',
    );
  });

  it("Windows: the taskbar's own mode, not the apps' mode nor the app's choice", () => {
    setFakePlatform('win32');
    nativeTheme.setSystem({ dark: true, taskbarDark: false });
    expect(trayVariant('win32', theme)).toBe('light');
    nativeTheme.setSystem({ dark: false, taskbarDark: true });
    expect(trayVariant('win32', theme)).toBe('dark');
    nativeTheme.themeSource = 'light';
    expect(nativeTheme.shouldUseDarkColors).toBe(false);
    expect(trayVariant('win32', theme)).toBe('dark');
  });

  it('Linux: the dark colours Electron reports', () => {
    setFakePlatform('linux');
    expect(nativeTheme.shouldUseDarkColorsForSystemIntegratedUI).toBeUndefined();
    expect(trayVariant('linux', theme)).toBe('light');
    nativeTheme.setSystem({ dark: true });
    expect(trayVariant('linux', theme)).toBe('dark');
  });

  it('names the files make-icons draws: tray-3, tray-3-dark, tray-3Template', () => {
    expect(trayIconFile('tray-3', 'light')).toBe('tray/tray-3.png');
    expect(trayIconFile('tray-9plus', 'dark')).toBe('tray/tray-9plus-dark.png');
    expect(trayIconFile('tray-0', 'template')).toBe('tray/tray-0Template.png');
  });

  it('marks a template image, which only macOS keeps', () => {
    const path = resolve(root, 'resources', trayIconFile('tray-1', 'template'));
    setFakePlatform('darwin');
    expect(loadTrayImage(nativeImage as never, path, 'template').isTemplateImage()).toBe(true);
    expect(loadTrayImage(nativeImage as never, path, 'light').isTemplateImage()).toBe(false);
    setFakePlatform('linux');
    expect(loadTrayImage(nativeImage as never, path, 'template').isTemplateImage()).toBe(false);
  });

  it('every icon the shell can ask for exists in resources/, at 1x and @2x', () => {
    const missing: string[] = [];
    for (const name of ICONS) {
      for (const variant of VARIANTS) {
        const one = resourcePath(app, trayIconFile(name, variant));
        const two = one.replace(/\.png$/, '@2x.png');
        for (const path of [one, two]) if (nativeImage.createFromPath(path).isEmpty()) missing.push(path);
      }
    }
    expect(ICONS).toHaveLength(11);
    expect(missing).toEqual([]);
    // And the overlay badges the taskbar shows (main.ts: overlay-1 … overlay-9plus).
    for (const badge of ['1', '5', '9', '9plus']) {
      expect(existsSync(resolve(root, 'resources/overlay', `overlay-${badge}.png`))).toBe(true);
    }
  });
});

describe('the tray follows light and dark live', () => {
  it('Linux: turns to the dark icons when the desktop turns dark, keeping the count, and back', async () => {
    const { tray, image } = await shellTray('linux');
    expect(file(image().path)).toBe('tray/tray-3.png');
    expect(image().isEmpty()).toBe(false);
    nativeTheme.setSystem({ dark: true });
    expect(file(image().path)).toBe('tray/tray-3-dark.png');
    expect(image().isEmpty()).toBe(false);
    tray.update(badgeFor(12), false);
    expect(file(image().path)).toBe('tray/tray-9plus-dark.png');
    nativeTheme.setSystem({ dark: false });
    expect(file(image().path)).toBe('tray/tray-9plus.png');
  });

  it('Linux: starts on the dark icons when the interface is set to dark, and follows the choice', async () => {
    const { core, image } = await shellTray('linux', 'dark');
    expect(nativeTheme.themeSource).toBe('dark');
    expect(file(image().path)).toBe('tray/tray-3-dark.png');
    core.hub.emit('colorScheme.state', { colorScheme: 'light' });
    expect(file(image().path)).toBe('tray/tray-3.png');
  });

  it('Windows: follows the taskbar, not the interface set to dark', async () => {
    const { core, images, image } = await shellTray('win32', 'dark');
    expect(nativeTheme.shouldUseDarkColors).toBe(true);
    expect(file(image().path)).toBe('tray/tray-3.png');
    nativeTheme.setSystem({ taskbarDark: true });
    expect(file(image().path)).toBe('tray/tray-3-dark.png');
    // Something else changed (the apps' mode, high contrast): no image set again for nothing.
    const before = images.length;
    nativeTheme.setSystem({ dark: true });
    core.hub.emit('colorScheme.state', { colorScheme: 'system' });
    expect(images.length).toBe(before);
  });

  it('macOS: the template image, marked, whatever the theme', async () => {
    const { image, images } = await shellTray('darwin');
    expect(file(image().path)).toBe('tray/tray-3Template.png');
    expect(image().isTemplateImage()).toBe(true);
    expect(image().isEmpty()).toBe(false);
    nativeTheme.setSystem({ dark: true, taskbarDark: true });
    nativeTheme.themeSource = 'light';
    expect(images).toEqual(['tray/tray-3Template.png']);
  });
});

describe('themeSource follows the interface’s preference', () => {
  it('starts from the saved preference; an unreadable or broken one is the system’s', async () => {
    for (const [saved, source] of [
      ['dark', 'dark'],
      ['light', 'light'],
      ['system', 'system'],
      ['broken', 'system'],
      ['unreadable', 'system'],
    ] as const) {
      nativeTheme.reset();
      const shell = await followColorScheme(fakeCore(saved).core, theme, 'linux');
      expect(nativeTheme.themeSource).toBe(source);
      expect(shell.preference).toBe(source);
      shell.detach();
    }
  });

  it("follows the core's colorScheme.state, setting themeSource only when it changes", async () => {
    const { core, hub } = fakeCore('system');
    const shell = await followColorScheme(core, theme, 'linux');
    expect(nativeTheme.sourceSets).toEqual([]);
    hub.emit('colorScheme.state', { colorScheme: 'dark' });
    hub.emit('colorScheme.state', { colorScheme: 'dark' });
    hub.emit('colorScheme.state', { colorScheme: 'light' });
    hub.emit('colorScheme.state', { colorScheme: 'system' });
    expect(nativeTheme.sourceSets).toEqual(['dark', 'light', 'system']);
    shell.detach();
    hub.emit('colorScheme.state', { colorScheme: 'dark' });
    expect(nativeTheme.themeSource).toBe('system');
    expect(nativeTheme.listenerCount('updated')).toBe(0);
  });

  it('keeps a choice heard while the first answer was on its way', async () => {
    const slow = fakeCore('light', { hold: true });
    const started = followColorScheme(slow.core, theme, 'linux');
    await until(() => slow.asked() === 1, 'the preference asked');
    slow.hub.emit('colorScheme.state', { colorScheme: 'dark' });
    slow.release();
    const shell = await started;
    expect(nativeTheme.themeSource).toBe('dark');
    expect(shell.preference).toBe('dark');
  });

  it('reads the preference again after a sign-in (it is the account’s), not after a sign-out', async () => {
    const f = fakeCore('system');
    const shell = await followColorScheme(f.core, theme, 'linux');
    const account = { backendUrl: 'http://127.0.0.1:1', staff: null, permissions: [] };
    f.saveNow('dark');
    f.hub.emit('account.state', { ...account, signedIn: false });
    expect(f.asked()).toBe(1);
    f.hub.emit('account.state', { ...account, signedIn: true });
    await until(() => nativeTheme.themeSource === 'dark', 'the account’s preference');
    expect(f.asked()).toBe(2);
    expect(shell.preference).toBe('dark');
  });

  it('tells its listeners once per change of the tray variant, until unsubscribed', async () => {
    const { core } = fakeCore('system');
    const shell = await followColorScheme(core, theme, 'linux');
    const heard: TrayVariant[] = [];
    const off = shell.onTrayVariantChange((v) => heard.push(v));
    nativeTheme.setSystem({ dark: true });
    nativeTheme.setSystem({ dark: true });
    nativeTheme.themeSource = 'light';
    off();
    nativeTheme.themeSource = 'dark';
    expect(heard).toEqual(['dark', 'light']);
    expect(shell.trayVariant).toBe('dark');
  });
});
