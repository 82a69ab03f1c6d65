// What counts as the app's own page: the built renderer loaded from disk (file://…/renderer/index.html), or the
// renderer dev server during development.
export function isAppUrl(url: string, rendererFile: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') {
    return decodeURIComponent(parsed.pathname).replace(/\\/g, '/').endsWith(rendererFile.replace(/\\/g, '/'));
  }
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    return parsed.origin === dev.origin;
  }
  return false;
}
