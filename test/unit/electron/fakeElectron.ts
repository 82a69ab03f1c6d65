// A stand-in for the `electron` module (Electron's binary cannot run on our machines): just enough of each class
// and object for the shell's modules, recording what they are asked to do. Strict where Electron is (read against
// node_modules/electron/electron.d.ts): maximize() shows a hidden window, 'ready-to-show' comes only after the
// page's first paint, toasts time out with a close reason and can be garbage-collected, a missing image file gives
// an empty image, only macOS marks template images, setting nativeTheme.themeSource emits 'updated', IPC payloads
// are structured-cloned, and platform-only APIs exist only on their platform.
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const calls: Array<[string, ...unknown[]]> = [];

/** The OS the stand-in plays (process.platform unless a test picks one): platform-only APIs follow it. */
export const fake = { platform: process.platform as NodeJS.Platform };
export function setFakePlatform(platform: NodeJS.Platform): void {
  fake.platform = platform;
}
/** A method that exists only on the given platforms (d.ts `@platform`); elsewhere the property is undefined. */
function onlyOn<T>(platforms: NodeJS.Platform[], value: T): T | undefined {
  return platforms.includes(fake.platform) ? value : undefined;
}

/** Runs V8's garbage collector for real (objects nothing references are gone after it). */
export async function collectGarbage(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // WeakRefs made in this turn are kept until it ends.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
}

export class FakeEmitter extends EventEmitter {
  emitEvent(name: string, ...args: unknown[]) {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit(name, event, ...args);
    return event;
  }
}

export class Tray extends FakeEmitter {
  static last: Tray | null = null;
  image: unknown;
  tooltip = '';
  menu: unknown = null;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    Tray.last = this;
  }
  setImage(image: unknown) {
    this.image = image;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: unknown) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
}

/** A toast the OS still shows (on screen or, on Windows, in Action Center): the OS holds no JS object, only a weak
 * link to the one that showed it, so a click reaches the app only while the app keeps that object. */
interface ShownToast {
  title: string;
  body: string;
  toast: WeakRef<Notification>;
}

export class Notification extends FakeEmitter {
  static supported = true;
  /** The tests' log of every toast made (strong until collect() forgets it). */
  static created: Notification[] = [];
  static onScreen: ShownToast[] = [];
  static isSupported() {
    return Notification.supported;
  }
  /** The garbage collector runs: the tests' log is forgotten, and only toasts the app still holds survive. */
  static async collect(): Promise<void> {
    Notification.created.length = 0;
    await collectGarbage();
  }
  /** The user clicks the toast with this body (on screen or in Action Center); false when the click reached no one. */
  static clickShown(body: string): boolean {
    const entry = Notification.onScreen.find((t) => t.body === body);
    const toast = entry?.toast.deref();
    if (!toast) return false;
    toast.click();
    return true;
  }
  shown = false;
  closed = false;
  readonly options: { title: string; body: string };
  constructor(options: { title: string; body: string }) {
    super();
    this.options = options;
    Notification.created.push(this);
  }
  show() {
    this.shown = true;
    Notification.onScreen.push({ ...this.options, toast: new WeakRef(this) });
  }
  #removeFromScreen() {
    Notification.onScreen = Notification.onScreen.filter((t) => t.toast.deref() !== this);
  }
  /** Closed by the app. After a Windows time-out the toast only leaves Action Center: no second 'close'. */
  close() {
    const timedOut = this.timedOut;
    this.closed = true;
    this.#removeFromScreen();
    if (!timedOut) this.emit('close', { reason: undefined });
  }
  timedOut = false;
  /** Windows: the toast leaves the screen by itself and stays in Action Center, still clickable. */
  timeOut() {
    if (fake.platform !== 'win32') throw new Error('toasts time out into Action Center on Windows only');
    this.timedOut = true;
    this.emit('close', { reason: 'timedOut' });
  }
  /** The user dismissed it. */
  dismiss() {
    this.#removeFromScreen();
    this.emit('close', { reason: 'userCanceled' });
  }
  click() {
    this.#removeFromScreen();
    this.emit('click', {});
  }
}

let nextContentsId = 1;
export class WebContents extends FakeEmitter {
  readonly id = nextContentsId++;
  sent: unknown[][] = [];
  url = '';
  openHandler: ((details: { url: string }) => unknown) | null = null;
  /** Arguments cross to the renderer structured-cloned (a function or a class instance's methods do not). */
  send(...args: unknown[]) {
    this.sent.push(structuredClone(args));
  }
  isDestroyed() {
    return false;
  }
  setWindowOpenHandler(fn: (details: { url: string }) => unknown) {
    this.openHandler = fn;
  }
  getURL() {
    return this.url;
  }
}

export class BrowserWindow extends FakeEmitter {
  static created: BrowserWindow[] = [];
  static getAllWindows() {
    return BrowserWindow.created;
  }
  readonly options: unknown;
  readonly webContents = new WebContents();
  maximized = false;
  painted = false;
  /** Shown before the page's first paint: the user saw a white window flash. */
  shownBeforePaint = false;
  constructor(options?: unknown) {
    super();
    this.options = options;
    BrowserWindow.created.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadFile(path: string) {
    this.webContents.url = pathToFileURL(path).href;
  }
  async loadURL(url: string) {
    this.webContents.url = url;
  }
  /** The page painted its first frame: Electron emits 'ready-to-show' then, once (never before, never by hand). */
  paint() {
    if (!this.webContents.url) throw new Error('nothing loaded to paint');
    if (this.painted) return;
    this.painted = true;
    super.emit('ready-to-show', {});
  }
  override emit(name: string | symbol, ...args: unknown[]): boolean {
    if (name === 'ready-to-show') throw new Error("'ready-to-show' comes from paint(), after the first paint");
    return super.emit(name, ...args);
  }
  /** Windows ends the session (shutdown, restart, log-off): 'query-session-end', then 'session-end'. */
  endSession() {
    if (fake.platform !== 'win32') throw new Error('session-end is a Windows event');
    const event = { defaultPrevented: false, reasons: ['shutdown'], preventDefault() {} };
    super.emit('query-session-end', event);
    super.emit('session-end', event);
  }
  /** d.ts: "This will also show (but not focus) the window if it isn't being displayed already." */
  maximize() {
    this.maximized = true;
    if (!this.visible) this.showInactive();
  }
  showInactive() {
    if (!this.painted) this.shownBeforePaint = true;
    const wasHidden = !this.visible;
    this.visible = true;
    this.log.push('show');
    if (wasHidden) super.emit('show', {});
  }
  minimize() {
    this.minimized = true;
    this.log.push('minimize');
  }
  isMaximized() {
    return this.maximized;
  }
  isFullScreen() {
    return false;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1400, height: 900 };
  }
  minimized = false;
  visible = false;
  focused = false;
  overlay: { image: unknown; description: string } | null = null;
  log: string[] = [];
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
    this.log.push('restore');
  }
  isVisible() {
    return this.visible;
  }
  show() {
    this.showInactive();
  }
  /** Hiding removes the taskbar button, and the overlay icon with it (Windows). */
  hide() {
    const wasVisible = this.visible;
    this.visible = false;
    this.overlay = null;
    this.log.push('hide');
    if (wasVisible) super.emit('hide', {});
  }
  focus() {
    this.focused = true;
    this.log.push('focus');
  }
  isDestroyed() {
    return false;
  }
  /** Windows only; a hidden window has no taskbar button to draw on, so the overlay is lost. */
  get setOverlayIcon() {
    return onlyOn(['win32'], (image: unknown, description: string) => {
      if (this.visible) this.overlay = { image, description };
    });
  }
}

/** The same fake, under a name the static security scan does not mistake for a real window. */
export const FakeWindow = BrowserWindow;

export class NativeImage {
  readonly path: string;
  #template = false;
  constructor(path: string) {
    this.path = path;
  }
  /** Electron answers an empty image (an invisible tray icon) for a file that does not exist. */
  isEmpty() {
    return !existsSync(this.path);
  }
  /** Template images are macOS's: elsewhere Electron ignores the mark and answers false. */
  setTemplateImage(option: boolean) {
    if (fake.platform === 'darwin') this.#template = option;
  }
  isTemplateImage() {
    return this.#template;
  }
}

type ThemeSource = 'system' | 'light' | 'dark';
/**
 * The OS's light or dark as the stand-in plays it: `system.dark` is the apps' mode, `system.taskbarDark` the mode of
 * Windows' own surfaces (the taskbar), which Windows sets apart. Like Electron's: `themeSource` overrides
 * `shouldUseDarkColors` and every set emits 'updated' (d.ts); `shouldUseDarkColorsForSystemIntegratedUI` is
 * macOS's and Windows' only (macOS: the same as shouldUseDarkColors; Windows: the taskbar's, whatever themeSource).
 */
class FakeNativeTheme extends EventEmitter {
  system = { dark: false, taskbarDark: false };
  #source: ThemeSource = 'system';
  /** Every themeSource set, in order. */
  sourceSets: ThemeSource[] = [];
  get themeSource(): ThemeSource {
    return this.#source;
  }
  set themeSource(value: ThemeSource) {
    if (!['system', 'light', 'dark'].includes(value)) throw new TypeError(`Invalid themeSource: ${String(value)}`);
    this.#source = value;
    this.sourceSets.push(value);
    this.emit('updated');
  }
  get shouldUseDarkColors(): boolean {
    return this.#source === 'system' ? this.system.dark : this.#source === 'dark';
  }
  get shouldUseDarkColorsForSystemIntegratedUI(): boolean | undefined {
    return onlyOn(['darwin', 'win32'], fake.platform === 'win32' ? this.system.taskbarDark : this.shouldUseDarkColors);
  }
  /** The user changes the OS's setting: Electron emits 'updated'. */
  setSystem(next: Partial<{ dark: boolean; taskbarDark: boolean }>) {
    this.system = { ...this.system, ...next };
    this.emit('updated');
  }
  /** Back to a light system that the app has not overridden (between tests). */
  reset() {
    this.removeAllListeners();
    this.system = { dark: false, taskbarDark: false };
    this.#source = 'system';
    this.sourceSets = [];
  }
}

export const nativeTheme = new FakeNativeTheme();

export const nativeImage = {
  createFromPath: (path: string) => new NativeImage(path),
};

export const Menu = {
  application: null as unknown,
  buildFromTemplate: (template: unknown[]) => ({ template }),
  setApplicationMenu(menu: unknown) {
    Menu.application = menu;
  },
};

export const ipcMain = {
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  /** Like Electron's: the renderer's arguments and the handler's answer cross structured-cloned. */
  handle(channel: string, fn: (...args: unknown[]) => unknown) {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, async (event: unknown, ...args: unknown[]) =>
      structuredClone(await fn(event, ...structuredClone(args))),
    );
  },
  removeHandler(channel: string) {
    ipcMain.handlers.delete(channel);
  },
};

export const session = {
  defaultSession: {
    headersListener: null as unknown,
    requestHandler: null as unknown,
    checkHandler: null as unknown,
    deviceHandler: null as unknown,
    webRequest: {
      onHeadersReceived(fn: unknown) {
        session.defaultSession.headersListener = fn;
      },
    },
    setPermissionRequestHandler(fn: unknown) {
      session.defaultSession.requestHandler = fn;
    },
    setPermissionCheckHandler(fn: unknown) {
      session.defaultSession.checkHandler = fn;
    },
    setDevicePermissionHandler(fn: unknown) {
      session.defaultSession.deviceHandler = fn;
    },
  },
};

export const screen = {
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getAllDisplays: () => screen.displays,
};

export const dialog = {
  /** Each showMessageBox's arguments: [window, options] for a sheet/modal, [options] for a free dialog. */
  messageRequests: [] as unknown[][],
  showMessageBox: async (...args: unknown[]) => {
    dialog.messageRequests.push(args);
    return { response: 1 };
  },
  /** What the save dialog answers next (export); cancelled when none is queued. */
  saveAnswers: [] as Array<{ canceled: boolean; filePath: string }>,
  saveRequests: [] as unknown[][],
  showSaveDialog: async (...args: unknown[]) => {
    dialog.saveRequests.push(args);
    return dialog.saveAnswers.shift() ?? { canceled: true, filePath: '' };
  },
};

export const systemPreferences = {
  defaultsRead: [] as string[],
  /** macOS only: reads the app's own defaults domain. */
  get getUserDefault() {
    return onlyOn(['darwin'], (key: string) => {
      systemPreferences.defaultsRead.push(key);
      return false;
    });
  },
};

const home = join(tmpdir(), `fake-electron-${process.pid}-${Date.now()}`);

const baseApp = Object.assign(new FakeEmitter(), {
  isPackaged: false,
  exitCode: null as number | null,
  ready: false,
  isReady() {
    return app.ready;
  },
  whenReady() {
    app.ready = true;
    return Promise.resolve();
  },
  getPath(name: string) {
    const dir = join(home, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  },
  getVersion: () => '0.1.0',
  getLocale: () => 'en-US',
  getAppPath: () => process.cwd(),
  exit(code: number) {
    app.exitCode = code;
  },
  badgeCount: 0,
  dockBadge: '',
  lock: true,
  protocols: [] as unknown[][],
  quitCalled: 0,
  requestSingleInstanceLock() {
    return this.lock;
  },
  quit() {
    this.quitCalled += 1;
  },
  setAsDefaultProtocolClient(...args: unknown[]) {
    this.protocols.push(args);
    return true;
  },
  /** The app the OS opens chatdesk:// links with ('' = none): an installed Chat Desk once set. */
  protocolHandlerName: '',
  getApplicationNameForProtocol(_url: string) {
    return app.protocolHandlerName;
  },
  /** True when the last registration was exactly this one (Electron compares the command it would run). */
  isDefaultProtocolClient(...args: unknown[]) {
    return JSON.stringify(app.protocols.at(-1)) === JSON.stringify(args);
  },
  appUserModelId: null as string | null,
  loginItem: { openAtLogin: false, args: [] as string[] },
  dockBadgeSetter(text: string) {
    app.dockBadge = text;
  },
});
/** Typed as electron.d.ts types them (always present); at run time undefined off their platform. */
interface PlatformOnlyApp {
  dock: { setBadge(text: string): void } | undefined;
  setBadgeCount(count: number): boolean;
  setAppUserModelId(id: string): void;
  setLoginItemSettings(settings: { openAtLogin?: boolean; args?: string[] }): void;
  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAtLogin: boolean };
}
export const app = baseApp as typeof baseApp & PlatformOnlyApp;
// Platform-only members (d.ts @platform): undefined elsewhere, as on a real build for that OS.
Object.defineProperties(app, {
  dock: { get: () => onlyOn(['darwin'], { setBadge: (text: string) => app.dockBadgeSetter(text) }) },
  setBadgeCount: {
    get: () =>
      onlyOn(['linux', 'darwin'], (count: number) => {
        app.badgeCount = count;
        return true;
      }),
  },
  setAppUserModelId: {
    get: () =>
      onlyOn(['win32'], (id: string) => {
        app.appUserModelId = id;
      }),
  },
  setLoginItemSettings: {
    get: () =>
      onlyOn(['darwin', 'win32'], (settings: { openAtLogin?: boolean; args?: string[] }) => {
        app.loginItem = { openAtLogin: settings.openAtLogin ?? false, args: settings.args ?? [] };
      }),
  },
  getLoginItemSettings: {
    get: () => onlyOn(['darwin', 'win32'], () => ({ ...app.loginItem, wasOpenedAtLogin: false })),
  },
});

/** Like Electron's: schemes are made privileged once and before ready, handlers are installed after ready. */
export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  /** Whether the app was ready when the schemes were registered (Electron refuses that). */
  privilegedAfterReady: null as boolean | null,
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>) {
    if (protocol.privilegedAfterReady !== null) throw new Error('registerSchemesAsPrivileged can be called only once');
    protocol.privilegedAfterReady = app.ready;
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
    if (!app.ready) throw new Error('protocol.handle before the app is ready');
    if (protocol.handlers.has(scheme)) throw new Error(`${scheme} is already handled`);
    protocol.handlers.set(scheme, handler);
  },
};

export const shell = {
  opened: [] as string[],
  openedPaths: [] as string[],
  revealed: [] as string[],
  /** The error openPath answers ('' = opened). */
  openPathError: '',
  openPath(path: string) {
    shell.openedPaths.push(path);
    return Promise.resolve(shell.openPathError);
  },
  showItemInFolder(path: string) {
    shell.revealed.push(path);
  },
  openExternal(url: string) {
    shell.opened.push(url);
    return Promise.resolve();
  },
};

export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret',
  isEncryptionAvailable() {
    safeStorage.syncCalls += 1;
    return safeStorage.available;
  },
  /** Linux only. */
  get getSelectedStorageBackend() {
    return onlyOn(['linux'], () => safeStorage.backend);
  },
  /** The old synchronous calls are deprecated (d.ts); counted so a test can see the shell no longer uses them. */
  syncCalls: 0,
  encryptString(text: string) {
    safeStorage.syncCalls += 1;
    return Buffer.from(`enc:${Buffer.from(text).toString('base64')}`);
  },
  decryptString(buf: Buffer) {
    safeStorage.syncCalls += 1;
    const s = buf.toString();
    if (!s.startsWith('enc:')) throw new Error('not ours');
    return Buffer.from(s.slice(4), 'base64').toString();
  },
  async isAsyncEncryptionAvailable() {
    return safeStorage.available;
  },
  async encryptStringAsync(text: string) {
    return Buffer.from(`enc:${Buffer.from(text).toString('base64')}`);
  },
  async decryptStringAsync(buf: Buffer) {
    const s = buf.toString();
    if (!s.startsWith('enc:')) throw new Error('not ours');
    return { result: Buffer.from(s.slice(4), 'base64').toString(), shouldReEncrypt: false };
  },
};

export default {
  app,
  Tray,
  Notification,
  BrowserWindow,
  nativeImage,
  nativeTheme,
  Menu,
  shell,
  safeStorage,
  ipcMain,
  protocol,
  session,
  screen,
  dialog,
  systemPreferences,
};
