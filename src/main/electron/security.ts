// Every rule that keeps web content in its box: the page's CSP, which URLs may open or navigate, which permissions
// a page gets, and which frames may call the core. Each takes what it needs as parameters, so tests drive them.
import type { Event, HandlerDetails, Session, WebContents, WebContentsWillNavigateEventParams } from 'electron';

/**
 * The app's pages load only their own scripts and styles; they talk to the core over IPC, never to the network
 * directly, so connect-src stays 'self' (the dev server adds its websocket for hot reload).
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  const connect = ["'self'"];
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    connect.push(dev.origin, `ws://${dev.host}`);
  }
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Mantine injects its CSS variables through <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
  ].join('; ');
}

/** Sends the CSP as a response header for the app's own pages (app://chatdesk and the dev server alike). */
export function installCsp(
  session: Pick<Session, 'webRequest'>,
  isAppUrl: (url: string) => boolean,
  devServerUrl?: string,
): void {
  const policy = contentSecurityPolicy(devServerUrl);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) {
      callback({ responseHeaders: details.responseHeaders });
      return;
    }
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
}

const MAX_EXTERNAL_URL = 2048;

/** Only plain web links leave the app, to the system browser: no credentials, no odd hosts, no other schemes. */
export function isSafeExternalUrl(raw: string): boolean {
  if (typeof raw !== 'string' || raw.length > MAX_EXTERNAL_URL) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username || url.password) return false;
  if (!url.hostname || url.hostname.includes('%')) return false;
  return true;
}

export type OpenExternal = (url: string) => unknown;

/** New windows are never created; a safe web link goes to the system browser instead. */
export function windowOpenHandler(openExternal: OpenExternal) {
  return (details: Pick<HandlerDetails, 'url'>): { action: 'deny' } => {
    if (isSafeExternalUrl(details.url)) void openExternal(details.url);
    return { action: 'deny' };
  };
}

/** In-page navigation stays within the app; a safe web link goes to the system browser instead. */
export function navigationGuard(isAppUrl: (url: string) => boolean, openExternal: OpenExternal) {
  return (event: Pick<Event, 'preventDefault'>, url: string): void => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    if (isSafeExternalUrl(url)) void openExternal(url);
  };
}

export function guardWebContents(
  contents: Pick<WebContents, 'setWindowOpenHandler' | 'on'>,
  isAppUrl: (url: string) => boolean,
  openExternal: OpenExternal,
): void {
  contents.setWindowOpenHandler(windowOpenHandler(openExternal));
  const guard = navigationGuard(isAppUrl, openExternal);
  contents.on('will-navigate', (event: Event<WebContentsWillNavigateEventParams>, url: string) => guard(event, url));
  contents.on('will-redirect', (event: Event<WebContentsWillNavigateEventParams>, url: string) => guard(event, url));
  // No <webview> may ever be attached.
  contents.on('will-attach-webview', (event: Event) => event.preventDefault());
}

export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications']);

/** Notifications from the app's own pages, nothing else, for requests and checks alike. */
export function isPermissionAllowed(permission: string, requestingUrl: string, isAppUrl: (url: string) => boolean) {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

export function installPermissionHandlers(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
  isAppUrl: (url: string) => boolean,
): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const url = details?.requestingUrl ?? contents?.getURL() ?? '';
    callback(isPermissionAllowed(permission, url, isAppUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, details?.requestingUrl ?? requestingOrigin, isAppUrl),
  );
  session.setDevicePermissionHandler(() => false);
}

export interface SenderLike {
  senderFrame?: { url: string; parent?: unknown | null } | null;
  sender?: { id: number } | null;
}

/**
 * A call is trusted only from the top frame of one of our windows showing the app's own page: not from a subframe,
 * not from a page navigated elsewhere, not from a webContents we did not create.
 */
export function trustedSenderCheck(isAppUrl: (url: string) => boolean, ownContentsIds: () => Iterable<number>) {
  return (event: SenderLike): boolean => {
    const frame = event.senderFrame;
    if (!frame || frame.parent) return false;
    if (!isAppUrl(frame.url)) return false;
    const id = event.sender?.id;
    if (id === undefined) return false;
    for (const own of ownContentsIds()) if (own === id) return true;
    return false;
  };
}
