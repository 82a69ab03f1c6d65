// Keeps secrets sent in a URL out of the logs. The query string is split the way the server reads it (`&`, then the
// first `=`, `+` as a space, percent-decoding), so `?%74oken=…`, `?TOKEN=…` or `?access_token=…` are all caught:
// a parameter whose decoded name (decoded again while it still changes, case and separators ignored) mentions a
// token, a secret, a password, a key or authorisation keeps its name and loses its value.

const SECRET_NAME = /token|secret|passw|pwd|auth|apikey|credential|signature|sessionkey|privatekey/;

function decodeName(raw: string): string {
  let name = raw;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      // A malformed escape: decode what can be decoded, byte by byte.
      next = name.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    }
    if (next === name) break;
    name = next;
  }
  return name.toLowerCase().replace(/[^a-z]/g, '');
}

export function isSecretParam(rawName: string): boolean {
  return SECRET_NAME.test(decodeName(rawName));
}

/** The URL with the value of every secret-looking query parameter replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hash = url.indexOf('#', q);
  const query = url.slice(q + 1, hash < 0 ? undefined : hash);
  const redacted = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      if (!isSecretParam(name)) return pair;
      return eq < 0 ? pair : `${name}=[redacted]`;
    })
    .join('&');
  return `${url.slice(0, q)}?${redacted}`;
}
