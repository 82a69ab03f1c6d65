// The web edition's host (B8): serves the built renderer and carries the bridge over a WebSocket to the same desk
// core the Electron shell drives. It binds the loopback interface, answers only requests addressed to 127.0.0.1 or
// localhost with its port (DNS rebinding), and only accepts a socket that presents the secret printed at launch,
// from a page of its own origin.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { type DeskCoreEndpoint, WsBridgeFrame } from '../../shared/bridge.ts';
import { serveExportDownload } from './exportDownload.ts';
import { createStaticHandler } from './staticFiles.ts';

export const BRIDGE_PATH = '/bridge';
const MAX_FRAME_BYTES = 1024 * 1024;
/** How long a bridge socket has to answer the closing handshake when the host stops. */
const CLOSE_GRACE_MS = 500;

export interface WebHostOptions {
  core: DeskCoreEndpoint;
  rendererDir: string;
  host?: string;
  port?: number;
  secret?: string;
  /** The desk's exports folder: its finished files are downloads at /exports/<name>?secret=… (export in a browser). */
  exportsDir?: string;
}

export interface WebHost {
  /** The address to open, secret included (in the fragment, so it never reaches a server log). */
  readonly url: string;
  readonly origin: string;
  readonly secret: string;
  readonly server: Server;
  close(): Promise<void>;
}

/**
 * The `Host` values this host answers: its loopback address or `localhost`, with its port. Anything else (a DNS
 * rebinding attack names the attacker's host) gets 421, pages and the bridge socket alike.
 */
export function loopbackHosts(boundHost: string, port: number): Set<string> {
  const bound = boundHost.includes(':') ? `[${boundHost}]` : boundHost;
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `${bound.toLowerCase()}:${port}`]);
}

/** The request's path and query as a URL, or null when it is not a plain path or its escapes are malformed. */
export function requestTarget(rawUrl: string | undefined): URL | null {
  if (!rawUrl?.startsWith('/') || rawUrl.startsWith('//')) return null;
  try {
    const url = new URL(rawUrl, 'http://host');
    decodeURIComponent(url.pathname);
    return url;
  } catch {
    return null;
  }
}

function refuse(res: ServerResponse, status: 400 | 421, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(message);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const serveStatic = createStaticHandler(options.rendererDir);
  // Filled once the port is known; until then no Host is accepted.
  let hosts = new Set<string>();
  const server = createServer((req, res) => {
    if (!hosts.has(req.headers.host?.toLowerCase() ?? '')) {
      refuse(res, 421, 'This page is served only as 127.0.0.1 or localhost with its port');
      return;
    }
    const url = requestTarget(req.url);
    if (!url) {
      refuse(res, 400, 'Malformed URL');
      return;
    }
    const exportsDir = options.exportsDir;
    if (exportsDir) {
      const secretOk = (presented: string) => sameSecret(presented, secret);
      if (serveExportDownload(req, res, { dir: exportsDir, url, secretOk })) return;
    }
    serveStatic(req, res).catch((error: unknown) => {
      console.error('[web] static file failed', error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  hosts = loopbackHosts(host, port);
  const origins = new Set([...hosts].map((h) => `http://${h}`));

  server.on('upgrade', (req, socket, head) => {
    if (!hosts.has(req.headers.host?.toLowerCase() ?? '')) {
      socket.end('HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const url = requestTarget(req.url);
    const presented = url?.searchParams.get('secret') ?? '';
    const fromOrigin = req.headers.origin;
    if (
      url?.pathname !== BRIDGE_PATH ||
      !sameSecret(presented, secret) ||
      (fromOrigin && !origins.has(fromOrigin.toLowerCase()))
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveBridge(ws, options.core));
  });

  return {
    url: `${origin}/#secret=${secret}`,
    origin,
    secret,
    server,
    async close() {
      for (const client of wss.clients) client.close(1001, 'host closing');
      // A page that does not answer the closing handshake (a frozen tab, a sleeping laptop) would hold wss.close()
      // for ws's 30 s close timeout: such sockets are cut after a short grace.
      const cut = setTimeout(() => {
        for (const client of wss.clients) client.terminate();
      }, CLOSE_GRACE_MS);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      clearTimeout(cut);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A browser keeps idle keep-alive connections open; close() alone would wait for them indefinitely.
      server.closeAllConnections();
      await closed;
    },
  };
}

function serveBridge(ws: WebSocket, core: DeskCoreEndpoint): void {
  const send = (frame: WsBridgeFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const unsubscribe = core.subscribe((name, payload) => send({ kind: 'event', name, payload }));
  ws.on('message', (data) => {
    let frame: WsBridgeFrame;
    try {
      const parsed = WsBridgeFrame.safeParse(JSON.parse(String(data)));
      if (!parsed.success || parsed.data.kind !== 'invoke') throw new Error('not an invoke frame');
      frame = parsed.data;
    } catch {
      ws.close(1003, 'malformed frame');
      return;
    }
    const { id, name, input } = frame;
    core.dispatch(name, input).then(
      (result) => send({ kind: 'result', id, result }),
      (error: unknown) =>
        send({ kind: 'result', id, result: { ok: false, error: { code: 'internal', message: String(error) } } }),
    );
  });
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
}
