// The app's own scheme, app://chatdesk/, serving the built renderer folder (out/renderer) instead of file://.
// Registered as standard and secure with V8's code cache: from the second launch on, the window's script is read
// from the code cache instead of being compiled again (file:// gets no code cache), and the page has a real origin.
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './appOrigin.ts';

/**
 * Standard (relative URLs, origin, storage), secure (a secure context, like https), fetch for the page's own
 * files, and the code cache (which needs standard). No CSP bypass, no CORS, no service workers.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** Must run before the app is ready (Electron allows one call). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` a request's URL names, or a refusal: 403 for another scheme, host, port or credentials and
 * for any path that would leave the folder (encoded slashes or backslashes, dot segments, NUL, drive letters);
 * 400 when the URL does not parse or decode. `/` names index.html.
 */
export function resolveAppPath(root: string, rawUrl: string): { file: string } | { status: 400 | 403 } {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST || url.username || url.password) {
    return { status: 403 };
  }
  // The URL parser already resolved plain and %2e dot segments; what is left is checked segment by segment after
  // decoding, so an encoded separator cannot make a new segment.
  const segments: string[] = [];
  for (const raw of url.pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { status: 400 };
    }
    if (segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return { status: 403 };
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');
  const base = resolve(root);
  const file = resolve(base, ...segments);
  const inside = relative(base, file);
  if (
    inside === '' ||
    inside === '..' ||
    inside.startsWith(`..${sep}`) ||
    isAbsolute(inside) ||
    !file.startsWith(base + sep)
  ) {
    return { status: 403 };
  }
  return { file };
}

export interface AppHandlerOptions {
  /** The built renderer folder. */
  root: string;
  /** The Content-Security-Policy sent with HTML pages (the page's <meta> policy still applies too). */
  csp?: string;
}

type InitiatedRequest = Request & { initiatorOrigin?: string };

function refusal(status: number): Response {
  const text = status === 404 ? 'Not found' : status === 405 ? 'Method not allowed' : 'Forbidden';
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

/**
 * The protocol.handle handler: GET/HEAD for the renderer's own files only. A request web content made from another
 * origin is refused (Electron sets initiatorOrigin, which the page cannot forge; the window's own load has none).
 */
export function appRequestHandler(options: AppHandlerOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    const initiator = (request as InitiatedRequest).initiatorOrigin;
    if (initiator !== undefined && initiator !== APP_ORIGIN) return refusal(403);
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405);
    const target = resolveAppPath(options.root, request.url);
    if (!('file' in target)) return refusal(target.status);
    let body: Buffer;
    try {
      body = await readFile(target.file);
    } catch {
      // Missing, a folder, unreadable: all the same to the page.
      return refusal(404);
    }
    const type = contentTypeFor(target.file);
    const headers: Record<string, string> = {
      'Content-Type': type,
      'Content-Length': String(body.byteLength),
      'X-Content-Type-Options': 'nosniff',
    };
    if (options.csp && type.startsWith('text/html')) headers['Content-Security-Policy'] = options.csp;
    return new Response(
      request.method === 'HEAD' ? null : new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
      { status: 200, headers },
    );
  };
}

/** Serves the renderer folder on app://chatdesk/ (after the app is ready). */
export function serveAppScheme(protocol: Pick<Protocol, 'handle'>, options: AppHandlerOptions): void {
  protocol.handle(APP_SCHEME, appRequestHandler(options));
}
