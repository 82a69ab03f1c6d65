// Packaging smoke check (`npm run package:check`, after `electron-vite build`): electron-builder packs the app for
// Linux (`--dir`) around a stand-in Electron distribution (Electron's binary cannot be downloaded here), then the
// app archive is opened and checked: the built main, preload and renderer, the production dependencies the main
// process imports, nothing from the devDependencies, tests or sources, no server-only module; the fuses flipped; the
// update feed (app-update.yml) inside the packed app. The configuration for the other targets is checked too: the
// mac zip electron-updater needs, desktopName for the Linux WM_CLASS, the deb dependencies including
// electron-builder's own, the scheme listed once, the NSIS installer registering and removing chatdesk://.

import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { Arch, build, Platform } from 'electron-builder';
import config, { DEB_DEFAULT_DEPENDS, SERVER_ONLY, serverOnlyModules } from '../electron-builder.config.ts';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  desktopName?: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const electronVersion = (
  JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
).version;

const failures: string[] = [];
let passed = 0;
function check(what: string, ok: boolean, detail = ''): void {
  if (ok) passed += 1;
  else failures.push(`${what}${detail ? `: ${detail}` : ''}`);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${!ok && detail ? ` — ${detail}` : ''}`);
}

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** A stand-in for Electron's Linux distribution: an executable carrying a real-looking fuse wire, and the files
 * electron-builder expects beside it. */
function fakeElectronDist(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  // Fuse wire v1, 8 fuses, Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on,
  // asar integrity off, only-asar off, browser V8 snapshot off, file protocol privileges on.
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001')]);
  writeFileSync(
    join(dir, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stand-in Electron for packaging checks"\nexit 0\n# '),
      wire,
      Buffer.from('\n'),
    ]),
  );
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), electronVersion);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<p>stand-in</p>');
  for (const f of ['chrome_100_percent.pak', 'resources.pak', 'icudtl.dat', 'v8_context_snapshot.bin']) {
    writeFileSync(join(dir, f), '');
  }
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
  writeFileSync(join(dir, 'locales', 'ar.pak'), '');
  writeFileSync(join(dir, 'locales', 'fr.pak'), '');
}

/**
 * The names of the packages the roots need, resolved as Node resolves them: a dependency is looked up in the
 * package's own node_modules first, then up the tree, so a hoisted copy of another version (whose own dependencies
 * the app never loads) is not counted.
 */
function closure(roots: string[]): Set<string> {
  const dirs = new Set<string>();
  const resolveFrom = (from: string, name: string): string | null => {
    let dir = from;
    for (;;) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(root, candidate, 'package.json'))) return candidate;
      if (dir === '') return null;
      const up = dir.lastIndexOf('/node_modules/');
      dir = up === -1 ? '' : dir.slice(0, up);
    }
  };
  const queue = roots.map((name) => resolveFrom('', name)).filter((d): d is string => d !== null);
  while (queue.length > 0) {
    const dir = queue.pop() as string;
    if (dirs.has(dir)) continue;
    dirs.add(dir);
    const p = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys({ ...p.dependencies, ...p.optionalDependencies })) {
      if (dep.startsWith('@types/')) continue;
      const found = resolveFrom(dir, dep);
      if (found) queue.push(found);
    }
  }
  return new Set([...dirs].map((d) => d.slice(d.lastIndexOf('node_modules/') + 'node_modules/'.length)));
}

/** Bare module names the built main process imports at run time (electron-vite leaves dependencies external). */
function mainImports(): Set<string> {
  const names = new Set<string>();
  const dir = join(root, 'out/main');
  for (const file of readdirSync(dir, { recursive: true }) as string[]) {
    if (!file.endsWith('.js') && !file.endsWith('.mjs') && !file.endsWith('.cjs')) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)["']([^"'./][^"']*)["']/g)) {
      const spec = m[1] as string;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string);
      names.add(name);
    }
  }
  return names;
}

const asList = <T>(value: T | T[] | null | undefined): T[] =>
  value == null ? [] : Array.isArray(value) ? value : [value];
const targetNames = (targets: unknown): string[] =>
  asList(targets as unknown[]).map((t) => (typeof t === 'string' ? t : String((t as { target: string }).target)));

/** The targets this machine cannot build (mac, Windows installer, deb), checked in the configuration. */
function checkConfiguration(): void {
  check('builds the mac zip electron-updater installs from', targetNames(config.mac?.target).includes('zip'));
  const executable = config.linux?.executableName ?? 'chat-desk';
  check(
    'desktopName names the desktop entry (Electron sets WM_CLASS from it), synced',
    pkg.desktopName === `${executable}.desktop` && config.linux?.syncDesktopName === true,
    `desktopName ${pkg.desktopName}, syncDesktopName ${config.linux?.syncDesktopName}`,
  );
  const entry = (config.linux?.desktop as { entry?: Record<string, string> } | undefined)?.entry ?? {};
  check('no StartupWMClass of its own (it follows desktopName)', entry.StartupWMClass === undefined);
  const schemes = asList(config.protocols).flatMap((p) => asList(p.schemes).map((s) => `x-scheme-handler/${s}`));
  const listedTwice = asList(config.linux?.mimeTypes).filter((m) => schemes.includes(m));
  check('lists the scheme handler once (from protocols)', listedTwice.length === 0, listedTwice.join(', '));
  // electron-builder's own default list, read from the installed electron-builder.
  const fpm = createRequire(import.meta.url)(join(root, 'node_modules/app-builder-lib/out/targets/FpmTarget.js')) as {
    default: { prototype: { getDefaultDepends(target: string): string[] } };
  };
  const defaults = fpm.default.prototype.getDefaultDepends.call(null, 'deb');
  const depends = asList(config.deb?.depends);
  const dropped = defaults.filter((d) => !depends.includes(d));
  check('the deb depends on all of electron-builder’s defaults', dropped.length === 0, dropped.join(', '));
  check(
    'DEB_DEFAULT_DEPENDS is electron-builder’s list',
    JSON.stringify([...DEB_DEFAULT_DEPENDS].sort()) === JSON.stringify([...defaults].sort()),
  );
  const nsh = config.nsis?.include ? readFileSync(join(root, config.nsis.include), 'utf8') : '';
  const install = nsh.match(/!macro customInstall([\s\S]*?)!macroend/)?.[1] ?? '';
  const uninstall = nsh.match(/!macro customUnInstall([\s\S]*?)!macroend/)?.[1] ?? '';
  check(
    'the NSIS installer registers chatdesk:// and its uninstaller removes it',
    /WriteRegStr SHELL_CONTEXT "Software\\Classes\\chatdesk" "URL Protocol"/.test(install) &&
      /shell\\open\\command" "" '"\$INSTDIR\\\$\{APP_EXECUTABLE_FILENAME\}" "%1"'/.test(install) &&
      /DeleteRegKey SHELL_CONTEXT "Software\\Classes\\chatdesk"/.test(uninstall),
  );
}

async function main(): Promise<void> {
  checkConfiguration();
  for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run electron-vite build first`);
  }
  const work = mkdtempSync(join(tmpdir(), 'chatdesk-package-'));
  const dist = join(work, 'electron-dist');
  const output = join(work, 'dist');
  fakeElectronDist(dist);
  try {
    await build({
      projectDir: root,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      publish: 'never',
      config: {
        ...config,
        electronDist: dist,
        electronVersion,
        directories: { ...config.directories, output },
      },
    });

    const unpacked = join(output, 'linux-unpacked');
    const archive = join(unpacked, 'resources', 'app.asar');
    check('app.asar was written', existsSync(archive));
    const entries = new Set(listPackage(archive, { isPack: false }).map((e) => e.replace(/\\/g, '/')));
    const has = (p: string) => entries.has(p);
    const any = (re: RegExp) => [...entries].filter((e) => re.test(e));

    check('holds the built main process', has('/out/main/index.js'));
    check('holds the built preload', has('/out/preload/index.cjs'));
    check(
      'holds the built renderer',
      has('/out/renderer/index.html') && any(/^\/out\/renderer\/assets\/.+\.js$/).length > 0,
    );
    check('holds package.json', has('/package.json'));
    check(
      'holds no source maps',
      any(/\.map$/).length === 0,
      any(/\.map$/)
        .slice(0, 5)
        .join(', '),
    );
    const stray = any(/^\/(src|test|scripts|resources|\.ci|node_modules\/\.bin)(\/|$)/);
    check('holds no sources, tests, scripts or CI files', stray.length === 0, stray.slice(0, 5).join(', '));

    const serverOnly = new Set(serverOnlyModules());
    const desktopDeps = Object.keys(pkg.dependencies).filter((d) => !SERVER_ONLY.includes(d));
    const missing = desktopDeps.filter((d) => !has(`/node_modules/${d}/package.json`));
    check('holds every desktop production dependency', missing.length === 0, missing.join(', '));
    const prodClosure = closure(desktopDeps);
    const missingTransitive = [...prodClosure].filter(
      (d) =>
        existsSync(join(root, 'node_modules', d, 'package.json')) &&
        ![...entries].some((e) => e.endsWith(`/node_modules/${d}/package.json`)),
    );
    check('holds their dependencies', missingTransitive.length === 0, missingTransitive.slice(0, 10).join(', '));

    const devOnly = Object.keys(pkg.devDependencies).filter((d) => !prodClosure.has(d));
    const devFound = devOnly.filter(
      (d) => any(new RegExp(`/node_modules/${d.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/`)).length > 0,
    );
    check(`holds none of the ${devOnly.length} devDependencies`, devFound.length === 0, devFound.join(', '));
    const serverFound = [...serverOnly].filter(
      (d) => any(new RegExp(`/node_modules/${d.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/`)).length > 0,
    );
    check(`holds none of the ${serverOnly.size} server-only modules`, serverFound.length === 0, serverFound.join(', '));

    const builtins = new Set([...builtinModules, 'electron']);
    const unresolved = [...mainImports()].filter(
      (name) => !builtins.has(name) && !name.startsWith('node:') && !has(`/node_modules/${name}/package.json`),
    );
    check('every module the main process imports is in the archive', unresolved.length === 0, unresolved.join(', '));
    const preloadText = readFileSync(join(root, 'out/preload/index.cjs'), 'utf8');
    check(
      'the sandboxed preload bundles no zod (names only)',
      !/\$ZodType|ZodError/.test(preloadText),
      `${preloadText.length} bytes`,
    );
    const mainText = readFileSync(join(root, 'out/main/index.js'), 'utf8');
    check(
      'the window loads the renderer from app://chatdesk (code cache), not file://',
      mainText.includes('registerSchemesAsPrivileged') &&
        mainText.includes('codeCache') &&
        !/\.loadFile\(/.test(mainText),
    );

    // electron-updater in the installed app reads its feed from here (no CHATDESK_UPDATE_URL at run time).
    const updateYml = join(unpacked, 'resources', 'app-update.yml');
    const feed = existsSync(updateYml) ? readFileSync(updateYml, 'utf8') : '';
    const publish = asList(config.publish)[0] as { provider: string; url?: string } | undefined;
    check(
      'the packed app carries its update feed (resources/app-update.yml)',
      /provider: generic/.test(feed) && Boolean(publish?.url && feed.includes(publish.url)),
      feed ? feed.trim().replace(/\n/g, '; ') : 'missing',
    );

    // The tray's three sets (light bar, dark bar, macOS template), each at 1x and @2x, and the overlay badges.
    const icons = [
      ...['tray-0', 'tray-9plus', 'tray-0-dark', 'tray-9plus-dark', 'tray-0Template', 'tray-9plusTemplate'].flatMap(
        (name) => [`tray/${name}.png`, `tray/${name}@2x.png`],
      ),
      'overlay/overlay-1.png',
      'icon.png',
    ];
    const missingIcons = icons.filter((i) => !existsSync(join(unpacked, 'resources', 'icons', i)));
    check('ships the tray and overlay icons as resources', missingIcons.length === 0, missingIcons.join(', '));

    const exe = join(unpacked, config.linux?.executableName ?? 'chat-desk');
    check('renames the executable', existsSync(exe));
    const fuses = await getCurrentFuseWire(exe);
    check('fuse RunAsNode is off', fuses[FuseV1Options.RunAsNode] === 48);
    check('fuse OnlyLoadAppFromAsar is on', fuses[FuseV1Options.OnlyLoadAppFromAsar] === 49);
    check(
      'fuse EmbeddedAsarIntegrityValidation is on',
      fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation] === 49,
    );
    check('fuse NODE_OPTIONS is off', fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable] === 48);
    // The renderer comes from app://, so file:// pages need none of the extra privileges Electron grants them.
    check('fuse GrantFileProtocolExtraPrivileges is off', fuses[FuseV1Options.GrantFileProtocolExtraPrivileges] === 48);
    console.log(
      `archive: ${entries.size} entries, ${[...entries].filter((e) => e.endsWith('/package.json')).length - 1} packages`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`package check: ${passed} ok, ${failures.length} failing`);
  if (failures.length > 0) process.exit(1);
}

await main();
