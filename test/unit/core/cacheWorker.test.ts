// The cache behind its worker thread, as the core uses it: typed calls, errors as AppErrors with their fields,
// and the Electron bundle's separate worker entry (out/main/cacheWorker.js) working the same way.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openCache } from '../../../src/main/core/cache/cacheClient.ts';
import { backoffDelay } from '../../../src/main/core/sync.ts';
import { createFileSecretStore } from '../../../src/main/web/fileSecretStore.ts';
import { AppError } from '../../../src/shared/errors.ts';

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'chatdesk-worker-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cache worker', () => {
  it('answers typed calls off the main thread and carries refusals as AppErrors', async () => {
    const cache = await openCache({ file: join(dir, 'a.sqlite') });
    try {
      expect(await cache.call('unreadTotal')).toBe(0);
      expect(
        await cache.call('page', { filter: {}, sort: 'lastMessageAt', order: 'desc', offset: 0, limit: 10 }),
      ).toEqual({ rows: [], total: 0 });
      const error = await cache.call('requireSession', '00000000-0000-4000-8000-000000000000', 'id').catch((e) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'not_found', fields: { id: 'no such session' } });
    } finally {
      await cache.close();
    }
    await expect(cache.call('unreadTotal')).rejects.toThrow(/stopped/);
  });

  it('logs queries slower than the threshold', async () => {
    const logged: string[] = [];
    const cache = await openCache({ file: join(dir, 'b.sqlite'), slowMs: 0, log: (m) => logged.push(m) });
    await cache.call('unreadTotal');
    await cache.close();
    expect(logged.some((m) => m.startsWith('[cache] slow unreadTotal'))).toBe(true);
  });

  it('runs from the Electron bundle’s own entry (out/main/cacheWorker.js)', { timeout: 120_000 }, async () => {
    const bundled = join(root, 'out/main/cacheWorker.js');
    if (!existsSync(bundled))
      execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
        cwd: root,
      });
    const cache = await openCache({ file: join(dir, 'c.sqlite'), workerUrl: pathToFileURL(bundled) });
    expect(await cache.call('sessionCount')).toBe(0);
    await cache.close();
  });
});

describe('reconnect backoff', () => {
  it('grows to the ceiling with jitter of at most half a step', () => {
    expect(backoffDelay(0, 500, 30_000, () => 0)).toBe(250);
    expect(backoffDelay(0, 500, 30_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 30_000, () => 0.5)).toBe(3000);
    expect(backoffDelay(30, 500, 30_000, () => 1)).toBe(30_000);
  });
});

describe('web edition secret store', () => {
  it('keeps each secret in a file only the user can read, in a folder only the user can enter', async () => {
    const secrets = createFileSecretStore(join(dir, 'secrets'));
    expect(await secrets.get('token-abc')).toBeNull();
    await secrets.set('token-abc', 's3cret');
    expect(await secrets.get('token-abc')).toBe('s3cret');
    expect(statSync(join(dir, 'secrets/token-abc.secret')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
    await secrets.delete('token-abc');
    expect(await secrets.get('token-abc')).toBeNull();
    await expect(secrets.set('../escape', 'x')).rejects.toThrow(/Invalid secret key/);
  });
});
