// The Electron shell's entry: creates the core and the window, then hands each OS concern to its own small module.
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  type MessageBoxOptions,
  Notification,
  nativeImage,
  nativeTheme,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import log from 'electron-log/main';
import updaterPkg from 'electron-updater';
import { interfaceLocale } from '../../shared/locale.ts';
import { createDeskCore } from '../core/deskCore.ts';
import { NotifyPolicy } from '../core/notify/policy.ts';
import { shellStrings } from '../core/notify/shellStrings.ts';
import { APP_URL, isAppUrl } from './appOrigin.ts';
import { registerAppScheme, serveAppScheme } from './appProtocol.ts';
import { attachAttention } from './attention.ts';
import { createBadges, linuxLauncherSupported } from './badge.ts';
import { createContextMenu } from './contextMenu.ts';
import { createLinkRouter, setupSingleInstance } from './deepLink.ts';
import { createExportHost } from './exportHost.ts';
import { attachIpcBridge } from './ipcAdapter.ts';
import { followInterfaceLanguage, type ShellLanguage } from './language.ts';
import { configureLogging } from './logging.ts';
import { createStartupSettings } from './loginItem.ts';
import { aboutText, menuTemplate } from './menu.ts';
import { NotificationService, setWindowsAppId } from './notifications.ts';
import { resourcePath } from './paths.ts';
import { createPauseSchedule } from './pauseSchedule.ts';
import { closeThenQuit, quitOnSignals } from './quit.ts';
import { createSafeStorageSecretStore } from './secretStore.ts';
import {
  contentSecurityPolicy,
  guardWebContents,
  installCsp,
  installPermissionHandlers,
  trustedSenderCheck,
} from './security.ts';
import { ShellSettingsStore } from './shellSettings.ts';
import { followColorScheme, loadTrayImage, trayIconFile } from './theme.ts';
import { TrayService, trayShown } from './tray.ts';
import { createUpdateService } from './updater.ts';
import { createMainWindow, dialogParent, installCloseToTray, revealWindow, showWhenPainted } from './window.ts';
import { loadWindowState, restoreBounds, saveWindowState, trackWindowState } from './windowState.ts';

const DEV_URL = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
// The app's pages: app://chatdesk/… (the built renderer, see appProtocol.ts) or, in development, the dev server.
const isApp = (url: string) => isAppUrl(url, DEV_URL);
// Reached only through security.ts's guards, after isSafeExternalUrl accepted the URL (plain http/https, no
// credentials): reviewed, see the README's Security section.
const openExternal = (url: string) => shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK

// Before ready (Electron's rule): app:// as a standard, secure scheme with V8's code cache.
registerAppScheme(protocol);

let window: BrowserWindow | null = null;
let quitting = false;
const reveal = () => {
  if (window && !window.isDestroyed()) revealWindow(window);
};
let navigate: (sessionId: string) => void = () => {};
const links = createLinkRouter((id) => navigate(id), reveal);

const primary = setupSingleInstance({
  app,
  reveal,
  open: (link) => links.open(link),
  argv: process.argv,
  execPath: process.execPath,
  devScript: app.isPackaged ? undefined : process.argv[1],
});

async function main(): Promise<void> {
  const logFile = configureLogging(log, app.getPath('logs'), join);
  // Windows shows toasts only for an AppUserModelID (the installer's shortcut carries the same one; a dev run uses
  // its executable's).
  setWindowsAppId(app, { isPackaged: app.isPackaged, execPath: process.execPath });
  await app.whenReady();
  // The built renderer folder (out/renderer beside out/main), served on app://chatdesk/ with the CSP as a header.
  serveAppScheme(protocol, { root: join(import.meta.dirname, '../renderer'), csp: contentSecurityPolicy() });
  const settings = new ShellSettingsStore(join(app.getPath('userData'), 'shell-settings.json'));
  const startup = createStartupSettings({
    platform: process.platform,
    app,
    execPath: process.execPath,
    env: process.env,
    autostartDir: join(app.getPath('appData'), 'autostart'),
    startHidden: () => settings.get().startHidden,
    setStartHidden: (on) => settings.update({ startHidden: on }),
  });
  const secrets = createSafeStorageSecretStore(safeStorage, join(app.getPath('userData'), 'secrets'));
  // The shell's own words, in the interface's language (known once the core answers; the system's until then).
  let language: ShellLanguage | null = null;
  const words = () => shellStrings(language?.locale ?? interfaceLocale(null, app.getLocale()));
  const exportHost = createExportHost({
    dialog,
    shell,
    window: () => window,
    lastDir: () => settings.get().lastExportDir,
    rememberDir: (dir) => settings.update({ lastExportDir: dir }),
    defaultDir: () => app.getPath('documents'),
    defaultTitle: () => words().dialogs.exportTitle,
  });

  const core = await createDeskCore({
    edition: 'desktop',
    dataDir: process.env.CHATDESK_DESK_DIR ?? join(app.getPath('userData'), 'desk'),
    version: app.getVersion(),
    systemLocale: app.getLocale(),
    defaultBackendUrl: process.env.CHATDESK_BACKEND_URL ?? null,
    // The account's token, encrypted with the OS keychain (safeStorage); sign-out deletes it.
    secrets,
    // Exports: the native save dialog (remembering the last folder), then open the file or show it in its folder.
    exportHost,
    // The page asks for a link that launched the app once it listens (a link sent on 'ready-to-show' was lost).
    takePendingLink: () => links.take(),
    // Settings' "Open at login" and "Start hidden in the tray" (the menu's switch follows).
    startup: {
      get: () => startup.get(),
      set: (next) => {
        const state = startup.set(next);
        buildMenu();
        return state;
      },
    },
  });
  navigate = (sessionId) => core.events.emit('navigate.session', { sessionId });
  const lang = await followInterfaceLanguage(core.endpoint, app.getLocale());
  language = lang;
  // Light, dark or the system's, as the interface: set before the window opens, so its frame starts right.
  const theme = await followColorScheme(core.endpoint, nativeTheme, process.platform);

  // The right-click menu (copy, paste, spelling, copy link), in the interface's language.
  const setContextMenu = createContextMenu(!app.isPackaged);
  setContextMenu(lang.locale);
  installCsp(session.defaultSession, isApp, DEV_URL);
  installPermissionHandlers(session.defaultSession, isApp);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, isApp, openExternal));

  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const saved = loadWindowState(stateFile);
  const bounds = restoreBounds(
    saved.bounds,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  window = createMainWindow(join(import.meta.dirname, '../preload/index.cjs'), bounds, resourcePath(app, 'icon.png'));
  const win = window;
  trackWindowState(win, (state) => saveWindowState(stateFile, state));
  // Asked once: a desktop without a tray (GNOME without AppIndicator) gets a minimised window on close instead.
  const hasTray = await trayShown(process.platform, process.env);
  installCloseToTray(win, {
    isQuitting: () => quitting,
    closeToTray: () => settings.get().closeToTray,
    trayShown: () => hasTray,
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  // Windows shutdown, restart or log-off emits no 'before-quit': the window's session-end events say it. The window
  // then closes rather than hiding to the tray, and the app quits through 'will-quit', closing the core first.
  win.on('query-session-end', () => {
    quitting = true;
  });
  win.on('session-end', () => {
    quitting = true;
    app.quit();
  });

  attachIpcBridge({
    ipcMain,
    core: core.endpoint,
    isTrustedSender: trustedSenderCheck(isApp, () => BrowserWindow.getAllWindows().map((w) => w.webContents.id)),
    targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
  });

  // Dock, taskbar overlay (put back each time the window shows) or launcher count.
  const setBadge = createBadges(
    {
      platform: process.platform,
      app,
      window: () => window,
      overlayImage: (s) =>
        nativeImage.createFromPath(resourcePath(app, `overlay/overlay-${s.count > 9 ? '9plus' : String(s.count)}.png`)),
      linuxLauncherSupported: () => linuxLauncherSupported(process.env),
    },
    win,
  );
  const policy = new NotifyPolicy({ locale: lang.locale });
  policy.setPaused(settings.get().notificationsPaused);
  const notifications = new NotificationService({
    create: (options) => new Notification(options),
    isSupported: () => Notification.isSupported(),
    navigate: (id) => navigate(id),
    navigateReview: (itemId) => core.events.emit('navigate.moderation', { itemId }),
    reveal,
    forget: (key) => policy.forget(key),
    icon: resourcePath(app, 'icon.png'),
  });
  const tray = new TrayService(
    {
      createTray: (image) => new Tray(image),
      image: (name, variant) => loadTrayImage(nativeImage, resourcePath(app, trayIconFile(name, variant)), variant),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      onOpen: reveal,
      onTogglePause: (paused) => {
        pauses.cancel();
        void attention.setPaused(paused);
      },
      onPauseFor: (span) => pauses.pauseFor(span),
      onQuit: () => app.quit(),
      onReview: () => {
        core.events.emit('navigate.moderation', { itemId: null });
        reveal();
      },
    },
    policy.badge(),
    policy.paused,
    lang.locale,
    theme.trayVariant,
  );
  // The taskbar or panel turned light or dark (the system's setting, or the interface's choice on Linux).
  theme.onTrayVariantChange((variant) => tray.setVariant(variant));
  const attention = attachAttention({
    core: core.endpoint,
    policy,
    notifications,
    emit: (event, payload) => core.events.emit(event, payload),
    persistPaused: (paused) => {
      settings.update({ notificationsPaused: paused });
      // Resumed from the window: a timed pause's end no longer applies.
      if (!paused) pauses.cancel();
    },
    showBadge: (state, paused) => {
      tray.update(state, paused);
      setBadge(state);
      // The menu's pause item follows the switch; rebuilt only when it changes, not on every message.
      if (paused !== menuPaused) buildMenu();
    },
  });

  // Dialogs belong to the window only while it is on screen: the update prompt can come while it sits in the tray,
  // and macOS keeps the menu (About) with the window hidden; a sheet on a hidden window is never seen.
  const showMessage = (options: MessageBoxOptions) => {
    const parent = dialogParent(win);
    return parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options);
  };
  const pauses = createPauseSchedule({
    pausedUntil: () => settings.get().notificationsPausedUntil,
    rememberUntil: (until) => settings.update({ notificationsPausedUntil: until }),
    setPaused: (paused) => void attention.setPaused(paused),
  });
  const updates = createUpdateService({
    updater: updaterPkg.autoUpdater,
    feedUrl: process.env.CHATDESK_UPDATE_URL ?? null,
    packaged: app.isPackaged,
    enabled: () => settings.get().autoUpdate,
    logger: log,
    beforeInstall: () => {
      quitting = true;
    },
    confirmInstall: async (info) => {
      const text = words().dialogs;
      const options: MessageBoxOptions = {
        type: 'question',
        buttons: [text.restartAndInstall, text.later],
        defaultId: 0,
        cancelId: 1,
        message: text.updateReady(info.version),
        detail: text.updateDetail,
      };
      const { response } = await showMessage(options);
      return response === 0;
    },
  });

  let menuPaused: boolean | null = null;
  function buildMenu(): void {
    const s = settings.get();
    menuPaused = policy.paused;
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate({
          platform: process.platform,
          locale: lang.locale,
          appName: 'Chat Desk',
          version: app.getVersion(),
          isDev: !app.isPackaged,
          paused: policy.paused,
          settings: s,
          showAbout: () =>
            void showMessage({
              type: 'info',
              title: words().dialogs.aboutTitle,
              message: aboutText('Chat Desk', app.getVersion(), process.versions.electron ?? ''),
            }),
          openLog: () => void shell.openPath(logFile),
          openLogFolder: () => shell.showItemInFolder(logFile),
          togglePause: (paused) => {
            pauses.cancel();
            void attention.setPaused(paused);
          },
          hideToTray: () => win.hide(),
          toggleCloseToTray: (on) => settings.update({ closeToTray: on }),
          toggleStartHidden: (on) => settings.update({ startHidden: on }),
          toggleAutoUpdate: (on) => {
            settings.update({ autoUpdate: on });
            if (on) void updates.check();
          },
          checkForUpdates: () => void updates.check(true),
        }),
      ),
    );
  }
  buildMenu();
  // The user switched the interface's language: the tray's menu and tooltip, the badges' words and the application
  // menu are rebuilt in it; new toasts speak it too.
  lang.onChange((locale) => {
    policy.setLocale(locale);
    tray.setLocale(locale);
    setContextMenu(locale);
    attention.refresh();
    buildMenu();
  });
  // A pause kept from the last run is told to the core too, so the renderer's switch shows it.
  if (policy.paused) await attention.setPaused(true);
  // A timed pause from the tray: lifted now if it ended while the app was closed, else when it ends.
  pauses.start();
  await attention.primeUnread();

  const startHidden = settings.get().startHidden || process.argv.includes('--hidden');
  // Shown after the first paint, maximised as it was; a link that launched the app shows it even when starting hidden.
  showWhenPainted(win, {
    maximized: Boolean(bounds && saved.maximized),
    startHidden: () => startHidden && !links.hasPending(),
    reveal,
  });
  // Quitting (registered before the page loads, so a quit during start-up closes the core too): the core is closed
  // (flush its caches) before quitting for real; the second will-quit passes through, so an update installer hooked
  // on 'quit' still runs. A second signal while closing exits at once, as in the Node programs.
  let closing = false;
  let closed = false;
  quitOnSignals(() => {
    if (closing) {
      app.exit(130);
      return;
    }
    quitting = true;
    app.quit();
  });
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    notifications.closeAll();
    tray.destroy();
    pauses.dispose();
    closeThenQuit({
      closeCore: () => core.close(),
      quit: () => {
        closed = true;
        app.quit();
      },
      exit: (code) => app.exit(code),
    });
  });
  if (DEV_URL) await win.loadURL(DEV_URL);
  else await win.loadURL(APP_URL);
  void updates.check();

  app.on('activate', reveal);
  app.on('window-all-closed', () => app.quit());
}

if (primary) {
  main().catch((error: unknown) => {
    console.error('Chat Desk failed to start', error);
    app.exit(1);
  });
}
