// Security rules of the shell against a fake electron module (Electron's binary cannot run here).
import type { BrowserWindowConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('./fakeElectron.ts'));

import { isAppUrl } from '../../../src/main/electron/appOrigin.ts';
import {
  contentSecurityPolicy,
  guardWebContents,
  installCsp,
  installPermissionHandlers,
  isSafeExternalUrl,
  navigationGuard,
  trustedSenderCheck,
  windowOpenHandler,
} from '../../../src/main/electron/security.ts';
import { createMainWindow } from '../../../src/main/electron/window.ts';
import { BrowserWindow, FakeWindow, shell } from './fakeElectron.ts';

const APP = 'app://chatdesk/index.html';
/** Where the renderer was loaded from before app://: a file:// page is no longer the app. */
const OLD_FILE_APP = 'file:///opt/Chat%20Desk/resources/app.asar/out/renderer/index.html';
const isApp = (url: string) => isAppUrl(url);
const fakeShell = shell as unknown as { opened: string[]; openExternal: (u: string) => Promise<void> };

beforeEach(() => {
  fakeShell.opened.length = 0;
});

describe('window options (fake electron)', () => {
  it('creates windows sandboxed, context-isolated, without Node and with web security', () => {
    const created = createMainWindow('/app/out/preload/index.cjs', undefined) as unknown as {
      options: BrowserWindowConstructorOptions;
    };
    expect(created).toBeInstanceOf(BrowserWindow);
    const options = created.options;
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(options.show).toBe(false);
    expect(options).toMatchObject({ width: 1400, height: 900 });
    const placed = createMainWindow('/p', { x: 10, y: 20, width: 1000, height: 700 }) as unknown as {
      options: BrowserWindowConstructorOptions;
    };
    expect(placed.options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700 });
  });
});

describe('content security policy (fake electron session)', () => {
  it('allows only the app’s own scripts and no plugins, frames, forms or base changes', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(contentSecurityPolicy('http://localhost:5173')).toContain(
      "connect-src 'self' http://localhost:5173 ws://localhost:5173",
    );
  });

  it('adds the CSP header to the app’s responses, replacing any other, and leaves other responses alone', () => {
    let listener: ((details: unknown, cb: (r: unknown) => void) => void) | undefined;
    installCsp(
      {
        webRequest: {
          onHeadersReceived: (fn: never) => {
            listener = fn;
          },
        },
      } as never,
      isApp,
    );
    const results: Array<{ responseHeaders?: Record<string, string[]> }> = [];
    listener?.({ url: APP, responseHeaders: { 'content-security-policy': ['default-src *'], 'X-A': ['1'] } }, (r) =>
      results.push(r as never),
    );
    expect(results[0]?.responseHeaders).toEqual({
      'X-A': ['1'],
      'Content-Security-Policy': [contentSecurityPolicy()],
    });
    listener?.({ url: 'https://example.com/', responseHeaders: { A: ['b'] } }, (r) => results.push(r as never));
    expect(results[1]?.responseHeaders).toEqual({ A: ['b'] });
  });
});

describe('navigation and window-open guards (fake electron webContents)', () => {
  it('accepts only plain http(s) links without credentials for the system browser', () => {
    expect(isSafeExternalUrl('https://example.com/a?b=c')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(true);
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'chatdesk://session/1',
      'https://user:pw@example.com',
      'not a url',
      `https://example.com/${'a'.repeat(3000)}`,
    ]) {
      expect(isSafeExternalUrl(bad), bad).toBe(false);
    }
  });

  it('denies every new window, opening safe links in the system browser only', () => {
    const handler = windowOpenHandler(fakeShell.openExternal);
    expect(handler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler({ url: APP })).toEqual({ action: 'deny' });
    expect(fakeShell.opened).toEqual(['https://example.com/']);
  });

  it('keeps navigation inside the app and hands safe links to the browser', () => {
    const guard = navigationGuard(isApp, fakeShell.openExternal);
    const ev = () => ({
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    });
    const inside = ev();
    guard(inside, APP);
    expect(inside.prevented).toBe(false);
    const outside = ev();
    guard(outside, 'https://evil.example/');
    expect(outside.prevented).toBe(true);
    const file = ev();
    guard(file, 'file:///etc/passwd');
    expect(file.prevented).toBe(true);
    const oldFile = ev();
    guard(oldFile, OLD_FILE_APP);
    expect(oldFile.prevented).toBe(true);
    const assets = ev();
    guard(assets, 'app://chatdesk/assets/index.js');
    expect(assets.prevented).toBe(false);
    for (const other of [
      'app://other/index.html',
      'app://chatdesk:8080/',
      'app://u:p@chatdesk/',
      'chatdesk://session/1',
    ]) {
      const e = ev();
      guard(e, other);
      expect(e.prevented, other).toBe(true);
    }
    expect(fakeShell.opened).toEqual(['https://evil.example/']);
  });

  it('wires the guards onto every webContents, including redirects and webview attaches', () => {
    const contents = new FakeWindow() as unknown as InstanceType<typeof BrowserWindow> & {
      setWindowOpenHandler: (fn: unknown) => void;
      handler?: (d: { url: string }) => unknown;
    };
    contents.setWindowOpenHandler = (fn) => {
      contents.handler = fn as never;
    };
    guardWebContents(contents as never, isApp, fakeShell.openExternal);
    expect(contents.handler?.({ url: 'https://x.example' })).toEqual({ action: 'deny' });
    expect(contents.emitEvent('will-navigate', 'https://y.example').defaultPrevented).toBe(true);
    expect(contents.emitEvent('will-redirect', 'file:///tmp/x').defaultPrevented).toBe(true);
    expect(contents.emitEvent('will-navigate', APP).defaultPrevented).toBe(false);
    expect(contents.emitEvent('will-navigate', OLD_FILE_APP).defaultPrevented).toBe(true);
    expect(contents.emitEvent('will-redirect', 'app://chatdesk/').defaultPrevented).toBe(false);
    expect(contents.emitEvent('will-attach-webview', {}, {}).defaultPrevented).toBe(true);
  });
});

describe('permission handler (fake electron session)', () => {
  it('grants notifications to the app and nothing else to anyone', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    installPermissionHandlers(
      {
        setPermissionRequestHandler: (fn: never) => {
          handlers.request = fn;
        },
        setPermissionCheckHandler: (fn: never) => {
          handlers.check = fn;
        },
        setDevicePermissionHandler: (fn: never) => {
          handlers.device = fn;
        },
      } as never,
      isApp,
    );
    const ask = (permission: string, url: string) => {
      let granted: boolean | undefined;
      (handlers.request as (...a: unknown[]) => void)(
        { getURL: () => url },
        permission,
        (g: boolean) => {
          granted = g;
        },
        { requestingUrl: url },
      );
      return granted;
    };
    expect(ask('notifications', APP)).toBe(true);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'display-capture']) {
      expect(ask(p, APP), p).toBe(false);
    }
    expect(ask('notifications', 'https://evil.example/')).toBe(false);
    expect(ask('notifications', OLD_FILE_APP)).toBe(false);
    const check = handlers.check as (...a: unknown[]) => boolean;
    expect(check(null, 'notifications', 'app://chatdesk', { requestingUrl: APP })).toBe(true);
    expect(check(null, 'notifications', 'app://chatdesk', {})).toBe(true);
    expect(check(null, 'media', 'app://chatdesk', { requestingUrl: APP })).toBe(false);
    expect(check(null, 'notifications', 'file://', { requestingUrl: OLD_FILE_APP })).toBe(false);
    expect((handlers.device as () => boolean)()).toBe(false);
  });
});

describe('IPC sender check (fake electron IPC events)', () => {
  const check = trustedSenderCheck(isApp, () => [7]);
  it('trusts the top frame of our own window showing the app page', () => {
    expect(check({ senderFrame: { url: APP, parent: null }, sender: { id: 7 } })).toBe(true);
  });
  it('refuses subframes, other pages, foreign webContents and missing frames', () => {
    expect(check({ senderFrame: { url: APP, parent: {} }, sender: { id: 7 } })).toBe(false);
    expect(check({ senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: 7 } })).toBe(false);
    expect(check({ senderFrame: { url: 'file:///tmp/other.html', parent: null }, sender: { id: 7 } })).toBe(false);
    expect(check({ senderFrame: { url: OLD_FILE_APP, parent: null }, sender: { id: 7 } })).toBe(false);
    expect(check({ senderFrame: { url: 'app://other/index.html', parent: null }, sender: { id: 7 } })).toBe(false);
    expect(check({ senderFrame: { url: APP, parent: null }, sender: { id: 8 } })).toBe(false);
    expect(check({ senderFrame: null, sender: { id: 7 } })).toBe(false);
  });
});
