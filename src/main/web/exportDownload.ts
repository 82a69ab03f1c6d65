// The web edition's download of a finished export (D6 in a browser): GET /exports/<file name>?secret=<secret>.
// Only finished files of the desk's exports folder are served (never a hidden partial file, never a path outside
// it), and only to a caller that presents the host's secret, as the bridge socket requires.
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

export const EXPORTS_PATH = '/exports/';

const TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: { code: status === 403 ? 'forbidden' : 'not_found', message } }));
}

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Handles the request when it is a download (true), else leaves it to the next handler (false). */
export function serveExportDownload(
  req: IncomingMessage,
  res: ServerResponse,
  options: { dir: string; url: URL; secretOk: (presented: string) => boolean },
): boolean {
  const { url } = options;
  if (!url.pathname.startsWith(EXPORTS_PATH)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' });
    res.end();
    return true;
  }
  if (!options.secretOk(url.searchParams.get('secret') ?? '')) {
    refuse(res, 403, 'The download needs the secret this page was opened with');
    return true;
  }
  let name: string;
  try {
    name = decodeURIComponent(url.pathname.slice(EXPORTS_PATH.length));
  } catch {
    refuse(res, 404, 'No such export');
    return true;
  }
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  if (!name || /[\\/\0]/.test(name) || name.startsWith('.') || !(ext in TYPES)) {
    refuse(res, 404, 'No such export');
    return true;
  }
  const path = join(options.dir, name);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    refuse(res, 404, `No export named ${name}`);
    return true;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[ext] as string,
    'Content-Length': String(size),
    'Content-Disposition': contentDisposition(name),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  createReadStream(path)
    .on('error', () => res.destroy())
    .pipe(res);
  return true;
}
