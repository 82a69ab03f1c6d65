// The app:// scheme that serves the built renderer: its privileges, what the handler serves from a real folder on
// disk (with the Content-Types and the CSP header), and what it refuses. Electron's protocol module is a fake here
// (Electron's binary cannot run); the handler itself is the real one, reading real files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('./fakeElectron.ts'));

import { APP_ORIGIN, APP_URL, isAppUrl } from '../../../src/main/electron/appOrigin.ts';
import {
  APP_SCHEME_PRIVILEGES,
  appRequestHandler,
  contentTypeFor,
  registerAppScheme,
  resolveAppPath,
  serveAppScheme,
} from '../../../src/main/electron/appProtocol.ts';
import { contentSecurityPolicy } from '../../../src/main/electron/security.ts';
import { app, protocol } from './fakeElectron.ts';

let base: string;
let root: string;
const CSP = contentSecurityPolicy();
let serve: (request: Request) => Promise<Response>;

const FILES: Record<string, string> = {
  'index.html': '<!doctype html><title>Chat Desk</title>',
  'assets/index-abc.js': 'console.log("app")',
  'assets/render-abc.css': 'body{margin:0}',
  'assets/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'assets/icon.png': '\x89PNG',
  'favicon.ico': 'ico',
  'assets/font.woff2': 'wOF2',
  'assets/strings.json': '{"a":1}',
  'assets/data.bin': 'raw',
  'assets/..odd.js': 'odd',
};

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'app-scheme-'));
  root = join(base, 'renderer');
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  // Beside the folder, never to be served.
  writeFileSync(join(base, 'secret.txt'), 'secret');
  mkdirSync(join(base, 'renderer-other'));
  writeFileSync(join(base, 'renderer-other', 'x.js'), 'other');
  serve = appRequestHandler({ root, csp: CSP });
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, init?: RequestInit) => serve(new Request(url, init));

describe('app:// scheme registration (fake electron protocol)', () => {
  it('registers app as standard and secure with fetch and the V8 code cache, before the app is ready', async () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    });
    // Nothing that loosens the page's box.
    const privileges = APP_SCHEME_PRIVILEGES.privileges ?? {};
    expect(privileges.bypassCSP).toBeUndefined();
    expect(privileges.corsEnabled).toBeUndefined();
    expect(privileges.allowServiceWorkers).toBeUndefined();

    expect(app.isReady()).toBe(false);
    registerAppScheme(protocol);
    expect(protocol.privilegedAfterReady).toBe(false);
    expect(protocol.privileged).toEqual([APP_SCHEME_PRIVILEGES]);

    // The fake, like Electron, takes a handler only once ready.
    expect(() => serveAppScheme(protocol, { root })).toThrow(/ready/);
    await app.whenReady();
    serveAppScheme(protocol, { root, csp: CSP });
    const handler = protocol.handlers.get('app');
    const page = await handler!(new Request('app://chatdesk/'));
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(FILES['index.html']);
  });
});

describe('app:// handler (real files, fake electron protocol)', () => {
  it('serves index.html for / and for /index.html, with the CSP header', async () => {
    for (const url of [APP_URL, 'app://chatdesk', `${APP_ORIGIN}/index.html`, 'app://ChatDesk/?x=1#y']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toBe(FILES['index.html']);
    }
  });

  it('serves the assets with their content types and no CSP header on them', async () => {
    const expected: Record<string, string> = {
      'assets/index-abc.js': 'text/javascript; charset=utf-8',
      'assets/render-abc.css': 'text/css; charset=utf-8',
      'assets/logo.svg': 'image/svg+xml',
      'assets/icon.png': 'image/png',
      'favicon.ico': 'image/x-icon',
      'assets/font.woff2': 'font/woff2',
      'assets/strings.json': 'application/json; charset=utf-8',
      'assets/data.bin': 'application/octet-stream',
      'assets/..odd.js': 'text/javascript; charset=utf-8',
    };
    for (const [path, type] of Object.entries(expected)) {
      const res = await get(`app://chatdesk/${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
      expect(res.headers.get('content-security-policy'), path).toBeNull();
      expect(Buffer.from(await res.arrayBuffer()).toString('latin1'), path).toBe(
        Buffer.from(FILES[path] as string).toString('latin1'),
      );
    }
    expect(contentTypeFor('/x/A.JS')).toBe('text/javascript; charset=utf-8');
    // An encoded name that stays inside the folder is fine.
    expect((await get('app://chatdesk/assets/index%2Dabc.js')).status).toBe(200);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://chatdesk/assets/index-abc.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(FILES['assets/index-abc.js']?.length));
    expect(await head.text()).toBe('');
    expect((await get('app://chatdesk/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('answers 404 for missing files and for folders', async () => {
    for (const url of [
      'app://chatdesk/nope.js',
      'app://chatdesk/assets',
      'app://chatdesk/assets/',
      'app://chatdesk/assets/x/',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    }
  });

  it('never serves a file outside the folder, whatever the traversal', async () => {
    // Dot segments (plain or %2e-encoded) are resolved by the URL parser before the handler sees the path: they end
    // at the folder's root, where no such file exists.
    for (const url of [
      'app://chatdesk/../../etc/passwd',
      'app://chatdesk/../secret.txt',
      'app://chatdesk/%2e%2e/secret.txt',
      'app://chatdesk/%2E%2E/%2e%2e/etc/passwd',
      'app://chatdesk/assets/.%2e/.%2e/secret.txt',
      'app://chatdesk/../renderer-other/x.js',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text(), url).not.toBe('secret');
    }
    // Encoded separators, backslashes, NUL and drive letters cannot make new segments.
    for (const url of [
      'app://chatdesk/%2e%2e%2fsecret.txt',
      'app://chatdesk/..%2Fsecret.txt',
      'app://chatdesk/assets%2f..%2f..%2fsecret.txt',
      'app://chatdesk/..%5Csecret.txt',
      'app://chatdesk/%2e%2e%5c%2e%2e%5cetc%5cpasswd',
      'app://chatdesk/index.html%00.png',
      'app://chatdesk/C:%5CWindows%5Cwin.ini',
      'app://chatdesk/%2e%2e%2f../secret.txt',
    ]) {
      expect((await get(url)).status, url).toBe(403);
    }
    // A double-encoded dot segment is a literal name inside the folder: not found.
    expect((await get('app://chatdesk/%252e%252e/secret.txt')).status).toBe(404);
    // Malformed escapes.
    expect((await get('app://chatdesk/%E0%A4%A')).status).toBe(400);
  });

  it('refuses other hosts, ports, credentials and schemes', async () => {
    for (const url of [
      'app://evil/index.html',
      'app://chatdesk.evil/index.html',
      'app://chatdesk:8080/index.html',
      'app:///index.html',
      'file:///etc/passwd',
      'https://chatdesk/index.html',
    ]) {
      expect((await get(url)).status, url).toBe(403);
    }
    // A Request cannot even carry credentials; the path check refuses them anyway.
    expect(resolveAppPath(root, 'app://user:pw@chatdesk/index.html')).toEqual({ status: 403 });
  });

  it('refuses requests made by web content from another origin', async () => {
    const from = (origin: string | undefined) => {
      const request = new Request('app://chatdesk/assets/index-abc.js');
      if (origin !== undefined) Object.assign(request, { initiatorOrigin: origin });
      return serve(request);
    };
    expect((await from(undefined)).status).toBe(200);
    expect((await from('app://chatdesk')).status).toBe(200);
    expect((await from('https://evil.example')).status).toBe(403);
    expect((await from('null')).status).toBe(403);
    expect((await from('file://')).status).toBe(403);
  });

  it('resolves paths inside the folder only', () => {
    expect(resolveAppPath(root, 'app://chatdesk/')).toEqual({ file: join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://chatdesk/assets/index-abc.js')).toEqual({
      file: join(root, 'assets', 'index-abc.js'),
    });
    expect(resolveAppPath(root, 'app://chatdesk/a%2fb')).toEqual({ status: 403 });
    expect(resolveAppPath(root, 'not a url')).toEqual({ status: 400 });
  });
});

describe('the app origin (fake electron)', () => {
  it('is app://chatdesk, never file://, plus the dev server in development', () => {
    expect(isAppUrl('app://chatdesk/')).toBe(true);
    expect(isAppUrl('app://chatdesk/assets/index.js?x#y')).toBe(true);
    expect(isAppUrl('app://chatdesk')).toBe(true);
    for (const url of [
      'file:///opt/Chat%20Desk/resources/app.asar/out/renderer/index.html',
      'file:///etc/passwd',
      'app://other/',
      'app://chatdesk:1/',
      'app://a:b@chatdesk/',
      'chatdesk://session/1',
      'http://localhost:5173/',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
    expect(isAppUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('app://chatdesk/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('file:///x/renderer/index.html', 'http://localhost:5173')).toBe(false);
  });
});
