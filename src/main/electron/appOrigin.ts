// What counts as the app's own page: the built renderer served on the app's own scheme (app://chatdesk/…, see
// appProtocol.ts), or the renderer dev server during development. file:// is never the app: nothing is loaded from
// it, so a file:// page is someone else's.
export const APP_SCHEME = 'app';
export const APP_HOST = 'chatdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the window loads in a built app: the renderer's index.html, served for `/`. */
export const APP_URL = `${APP_ORIGIN}/`;

/** True for a URL on the app's scheme and host (no port, no credentials), or on the dev server's origin. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) {
    // Node keeps a custom scheme's host as written; Chromium lowercases a standard scheme's host.
    return parsed.host.toLowerCase() === APP_HOST && !parsed.username && !parsed.password;
  }
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    return parsed.origin === dev.origin;
  }
  return false;
}
