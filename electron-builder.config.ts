// electron-builder: Windows (NSIS), macOS (DMG, and the zip electron-updater installs from; hardened runtime, ready
// for notarisation), Linux (AppImage, deb).
// The desktop app talks to a backend; it never runs one: the server-only modules (fastify, pg, PGlite and whatever
// only they pull in) are left out of the archive. scripts/package-check.ts proves the archive's contents.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Configuration } from 'electron-builder';

/** Top-level dependencies only the backend (src/server) uses. */
export const SERVER_ONLY = [
  'fastify',
  '@fastify/helmet',
  '@fastify/rate-limit',
  '@fastify/websocket',
  'pg',
  '@electric-sql/pglite',
  // B3/B9's link detection in the backend's moderation flags
  'linkify-it',
  'tlds',
];

function depsOf(name: string): string[] {
  const file = join(import.meta.dirname, 'node_modules', name, 'package.json');
  if (!existsSync(file)) return [];
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };
  // Type-only packages are never needed at run time (electron-builder leaves @types out too).
  return Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }).filter((d) => !d.startsWith('@types/'));
}

function closure(roots: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    queue.push(...depsOf(name));
  }
  return seen;
}

/** Modules reachable only from the server-only ones (a module the desktop side also needs stays). */
export function serverOnlyModules(): string[] {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const desktopRoots = Object.keys(pkg.dependencies).filter((d) => !SERVER_ONLY.includes(d));
  const desktop = closure(desktopRoots);
  return [...closure(SERVER_ONLY)].filter((m) => !desktop.has(m)).sort();
}

const updateFeed = process.env.CHATDESK_UPDATE_URL ?? 'https://updates.chatdesk.invalid/desktop';

/** electron-builder's own deb dependencies (FpmTarget.getDefaultDepends('deb')): a `depends` list replaces them, so
 * ours repeats them; scripts/package-check.ts compares this list with the installed electron-builder's. */
export const DEB_DEFAULT_DEPENDS = [
  'libgtk-3-0',
  'libnotify4',
  'libnss3',
  'libxss1',
  'libxtst6',
  'xdg-utils',
  'libatspi2.0-0',
  'libuuid1',
  'libsecret-1-0',
];

const config: Configuration = {
  appId: 'com.chatdesk.desk',
  productName: 'Chat Desk',
  copyright: 'Chat Desk',
  directories: { output: 'dist', buildResources: 'resources' },
  asar: true,
  files: [
    'package.json',
    'out/main/**',
    'out/preload/**',
    'out/renderer/**',
    '!**/*.map',
    // Type declarations that some dependencies list as dependencies: never loaded at run time.
    '!**/node_modules/@types{,/**}',
    '!**/node_modules/undici-types{,/**}',
    ...serverOnlyModules().map((m) => `!node_modules/${m}{,/**}`),
  ],
  extraResources: [{ from: 'resources', to: 'icons', filter: ['icon.png', 'tray/**', 'overlay/**'] }],
  // chatdesk:// links: the macOS Info.plist and the Linux desktop entry (MimeType x-scheme-handler/chatdesk) get the
  // scheme from here; on Windows the installer writes it (resources/installer.nsh) and the app re-registers it.
  protocols: [{ name: 'Chat Desk link', schemes: ['chatdesk'] }],
  afterPack: './scripts/fuses.ts',
  electronLanguages: ['en-US', 'ar'],
  win: { target: ['nsis'], icon: 'resources/icon.ico' },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    deleteAppDataOnUninstall: false,
    // Registers chatdesk:// for the installed app and removes it on uninstall (not on an update's uninstall).
    include: 'resources/installer.nsh',
  },
  mac: {
    // electron-updater installs macOS updates from the zip; the dmg is for the first install.
    target: ['dmg', 'zip'],
    icon: 'resources/icon.icns',
    category: 'public.app-category.business',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'resources/entitlements.mac.plist',
    entitlementsInherit: 'resources/entitlements.mac.plist',
    // Notarised when the Apple credentials are in the environment (APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID).
    notarize: Boolean(process.env.APPLE_TEAM_ID),
  },
  dmg: { sign: false },
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'resources/icons',
    category: 'Network;InstantMessaging',
    executableName: 'chat-desk',
    // package.json's desktopName (chat-desk.desktop) names the desktop entry, and Electron sets the window's
    // WM_CLASS / app_id from it, so StartupWMClass matches the running window (its dock icon, its badge).
    syncDesktopName: true,
  },
  // gdbus (libglib2.0-bin) answers whether the desktop shows tray icons (src/main/electron/tray.ts).
  deb: { depends: [...DEB_DEFAULT_DEPENDS, 'libglib2.0-bin'] },
  publish: [{ provider: 'generic', url: updateFeed }],
};

export default config;
