// The web edition's page host over real HTTP and WebSocket: it answers only requests addressed to 127.0.0.1 or
// localhost with its port (421 otherwise: a DNS-rebinding page names its own host), pages and the bridge socket
// alike, and a malformed URL is the caller's 400, never a 500.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BRIDGE_PATH, startWebHost, type WebHost } from '../../../src/main/web/webHost.ts';
import type { DeskCoreEndpoint } from '../../../src/shared/bridge.ts';

/** A core that answers every call with its name (the host's checks come before any call). */
const echoCore: DeskCoreEndpoint = {
  dispatch: async (name) => ({ ok: true, value: name }) as never,
  subscribe: () => () => {},
};

let host: WebHost;
let rendererDir: string;
let port: number;

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'chatdesk-webhost-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>');
  host = await startWebHost({ core: echoCore, rendererDir, exportsDir: rendererDir });
  port = Number(new URL(host.origin).port);
});
afterAll(async () => {
  await host?.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

/** A raw GET with the given Host header (none when empty) and path (fetch would fix both). */
function get(path: string, hostHeader: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = hostHeader ? { host: hostHeader } : {};
    const req = httpRequest({ host: '127.0.0.1', port, path, headers, setHost: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The HTTP status of a bridge upgrade (101 when it opens). */
function upgradeStatus(hostHeader: string, origin?: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${BRIDGE_PATH}?secret=${host.secret}`, {
      headers: { host: hostHeader, ...(origin ? { origin } : {}) },
    });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => {});
  });
}

describe('web host: Host header and malformed URLs', () => {
  it('serves 127.0.0.1:<port> and localhost:<port>, and answers 421 to any other Host', async () => {
    expect((await get('/', `127.0.0.1:${port}`)).status).toBe(200);
    expect((await get('/', `LOCALHOST:${port}`)).status).toBe(200);
    for (const other of [`evil.example:${port}`, 'localhost', `127.0.0.1:${port + 1}`, `localhost.:${port}`]) {
      const r = await get('/', other);
      expect(r.status, `Host: ${other}`).toBe(421);
      expect(r.body).not.toContain('<title>desk</title>');
    }
    // No Host at all: Node's HTTP/1.1 server refuses it before the host sees it.
    expect((await get('/', '')).status).toBe(400);
    // Downloads too, even with the secret.
    expect((await get(`/exports/x.csv?secret=${host.secret}`, `rebound.example:${port}`)).status).toBe(421);
  });

  it('opens the bridge only for a loopback Host and its origins', async () => {
    expect(await upgradeStatus(`127.0.0.1:${port}`, `http://127.0.0.1:${port}`)).toBe(101);
    expect(await upgradeStatus(`localhost:${port}`, `http://localhost:${port}`)).toBe(101);
    expect(await upgradeStatus(`evil.example:${port}`, `http://evil.example:${port}`)).toBe(421);
    expect(await upgradeStatus(`127.0.0.1:${port}`, `http://evil.example:${port}`)).toBe(403);
  });

  it('answers 400 to malformed paths, pages and downloads alike', async () => {
    for (const path of ['/%ZZ', '/%E0%A4%A', '/a%', `/exports/%ZZ.csv?secret=${host.secret}`]) {
      expect((await get(path, `127.0.0.1:${port}`)).status, path).toBe(400);
    }
    expect((await get('/still/a/route', `127.0.0.1:${port}`)).status).toBe(200);
  });
});
