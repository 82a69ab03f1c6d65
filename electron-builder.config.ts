// electron-builder: Windows (NSIS), macOS (DMG, hardened runtime, ready for notarisation), Linux (AppImage, deb).
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
  },
  mac: {
    target: ['dmg'],
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
    mimeTypes: ['x-scheme-handler/chatdesk'],
    desktop: { entry: { StartupWMClass: 'Chat Desk' } },
  },
  deb: { depends: ['libnotify4', 'libsecret-1-0', 'libxss1', 'libnss3'] },
  publish: [{ provider: 'generic', url: updateFeed }],
};

export default config;
