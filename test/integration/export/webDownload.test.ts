// The web edition's export (B8 + D6): the core writes into the desk folder's `exports` (no dialog in a browser) and
// the web host serves the finished file as a download, only with the host's secret, never a partial file or a path
// outside the folder. Real backend, real core, real HTTP.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportsDir } from '../../../src/main/core/export/host.ts';
import { startWebHost, type WebHost } from '../../../src/main/web/webHost.ts';
import type { ExportProgress } from '../../../src/shared/bridge.ts';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';
import { startDeskCore, type TestDesk } from '../../support/desk.ts';
import { cacheSessions } from './exportFiles.ts';

let backend: TestBackend;
let desk: TestDesk;
let host: WebHost;
let rendererDir: string;

beforeAll(async () => {
  backend = await startTestBackend();
  desk = await startDeskCore({ backendUrl: backend.url });
  rendererDir = mkdtempSync(join(tmpdir(), 'chatdesk-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>');
  host = await startWebHost({ core: desk.core.endpoint, rendererDir, exportsDir: exportsDir(desk.dataDir) });
});
afterAll(async () => {
  await host?.close();
  await desk?.close();
  await backend?.close();
  if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
});

async function exportCsv(): Promise<ExportProgress> {
  const since = Date.now();
  const started = await desk.call('export.start', {
    target: { allMatching: { filter: {} } },
    format: 'csv',
    locale: 'ar',
  });
  return desk.waitForEvent('export.progress', (p) => p.exportId === started.exportId && p.state !== 'running', {
    since,
  });
}

describe('web edition export download', () => {
  it('writes into the desk folder and serves the file with the secret, as an attachment named after it', async () => {
    const done = await exportCsv();
    expect(done.state).toBe('done');
    const name = done.filePath?.split('/').at(-1) as string;
    expect(done.filePath).toBe(join(exportsDir(desk.dataDir), name));
    const response = await fetch(`${host.origin}/exports/${encodeURIComponent(name)}?secret=${host.secret}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    const records = parse(Buffer.from(await response.arrayBuffer()), { bom: true }) as string[][];
    const expected = await cacheSessions(desk, {}, 'lastMessageAt', 'desc');
    expect(records[0]?.[0]).toBe('المنتج');
    expect(records.slice(1).map((r) => r[0])).toEqual(expected.map((s) => s.product.name));

    // The export.open call has nothing to open in a browser: the download is the way.
    const open = await desk.result('export.open', { exportId: done.exportId });
    expect(open.ok).toBe(false);
  });

  it('refuses without the secret or with a wrong one, and never serves partial files or other paths', async () => {
    const done = await exportCsv();
    const name = done.filePath?.split('/').at(-1) as string;
    const dir = exportsDir(desk.dataDir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `.${name}.123.abc.partial`), 'half');
    writeFileSync(join(desk.dataDir, 'secret.csv'), 'not an export');
    const get = (path: string) => fetch(`${host.origin}${path}`);
    expect((await get(`/exports/${encodeURIComponent(name)}`)).status).toBe(403);
    expect((await get(`/exports/${encodeURIComponent(name)}?secret=wrong`)).status).toBe(403);
    const s = `secret=${host.secret}`;
    expect((await get(`/exports/${encodeURIComponent(`.${name}.123.abc.partial`)}?${s}`)).status).toBe(404);
    expect((await get(`/exports/..%2Fsecret.csv?${s}`)).status).toBe(404);
    expect((await get(`/exports/%2E%2E/secret.csv?${s}`)).status).toBe(404);
    expect((await get(`/exports/nothing-here.csv?${s}`)).status).toBe(404);
    expect((await get(`/exports/accounts.json?${s}`)).status).toBe(404);
    const body = (await (await get(`/exports/${encodeURIComponent(name)}`)).json()) as { error: { code: string } };
    expect(body.error.code).toBe('forbidden');
  });
});
