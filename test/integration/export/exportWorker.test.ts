// The export worker on a generated cache of many sessions: cancel mid-way, a full disk, the window's thread kept
// free, a consistent snapshot while the cache is being written. Real files, real SQLite, real worker threads.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheStore } from '../../../src/main/core/cache/store.ts';
import { CsvWriter } from '../../../src/main/core/export/csvWriter.ts';
import { exportFileError } from '../../../src/main/core/export/errors.ts';
import { createFolderExportHost } from '../../../src/main/core/export/host.ts';
import { ExportManager } from '../../../src/main/core/export/manager.ts';
import type { ExportProgress } from '../../../src/shared/bridge.ts';
import { NEW_SESSION_WORKFLOW } from '../../../src/shared/domain.ts';
import { generateCache } from '../../bench/desk.ts';
import { readCsv } from './exportFiles.ts';

const N = 60_000;
let dir: string;
let cacheFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chatdesk-export-worker-'));
  cacheFile = join(dir, 'cache.sqlite');
  generateCache(cacheFile, N);
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function manager(outDir: string, events: ExportProgress[], progressMs = 0, cancelGraceMs?: number): ExportManager {
  mkdirSync(outDir, { recursive: true });
  return new ExportManager({
    host: createFolderExportHost(outDir),
    cacheFile: () => cacheFile,
    emit: (p) => events.push(p),
    progressMs,
    ...(cancelGraceMs === undefined ? {} : { cancelGraceMs }),
  });
}

function waitFor(events: ExportProgress[], test: (p: ExportProgress) => boolean, ms = 60_000): Promise<ExportProgress> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const found = events.find(test);
      if (found) return resolve(found);
      if (Date.now() > deadline) return reject(new Error('timed out waiting for an export event'));
      setTimeout(tick, 5);
    };
    tick();
  });
}

describe('export worker on a large cache', () => {
  it('a cancelled export stops mid-way and leaves no file, whole or partial', async () => {
    const out = join(dir, 'cancel');
    const events: ExportProgress[] = [];
    const exports = manager(out, events);
    const started = await exports.start({
      target: { allMatching: { filter: {} } },
      format: 'xlsx',
      locale: 'en',
      sort: 'lastMessageAt',
      order: 'desc',
    });
    expect(started).toMatchObject({ state: 'running', total: N });
    await waitFor(events, (p) => p.written > 0);
    const cancelled = await exports.cancel(started.exportId);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.filePath).toBeNull();
    expect(cancelled.written).toBeLessThan(N);
    expect(events.at(-1)?.state).toBe('cancelled');
    expect(readdirSync(out)).toEqual([]);
    // Cancelling again, or after the end, answers the same.
    expect((await exports.cancel(started.exportId)).state).toBe('cancelled');
  });

  it('a cancel the worker cannot see (inside a long statement) ends its thread: cancelled, no file left', async () => {
    const out = join(dir, 'cancel-ended');
    const events: ExportProgress[] = [];
    // No grace at all: the thread is ended at once, wherever it is, as it is when SQLite's sort outlasts the grace.
    const exports = manager(out, events, 0, 0);
    const started = await exports.start({
      target: { allMatching: { filter: {} } },
      format: 'csv',
      locale: 'en',
      sort: 'product',
      order: 'asc',
    });
    const cancelled = await exports.cancel(started.exportId);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.filePath).toBeNull();
    expect(events.at(-1)?.state).toBe('cancelled');
    expect(readdirSync(out)).toEqual([]);
  });

  it('reports progress (written of total) while it runs, and the done file holds every row', async () => {
    const out = join(dir, 'progress');
    const events: ExportProgress[] = [];
    const exports = manager(out, events, 50);
    const started = await exports.start({
      target: { allMatching: { filter: {} } },
      format: 'csv',
      locale: 'en',
      sort: 'createdAt',
      order: 'asc',
    });
    const done = await waitFor(events, (p) => p.state !== 'running');
    expect(done).toMatchObject({ state: 'done', written: N, total: N, exportId: started.exportId });
    const running = events.filter((p) => p.state === 'running' && p.written > 0);
    expect(running.length).toBeGreaterThan(0);
    for (let i = 1; i < running.length; i++) {
      expect(running[i]?.written).toBeGreaterThanOrEqual(running[i - 1]?.written ?? 0);
    }
    const csv = readCsv(done.filePath as string);
    expect(csv.records).toHaveLength(N + 1);
    const created = csv.records.slice(1).map((r) => r[6] ?? '');
    expect([...created].sort()).toEqual(created);
    expect(readdirSync(out)).toEqual([done.filePath?.split('/').at(-1)]);
  });

  it("keeps the window's thread free: its event loop is idle and never stalls while a big XLSX is written", async () => {
    const out = join(dir, 'responsive');
    const events: ExportProgress[] = [];
    const exports = manager(out, events, 250);
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    const before = performance.eventLoopUtilization();
    await exports.start({
      target: { allMatching: { filter: {} } },
      format: 'xlsx',
      locale: 'ar',
      sort: 'product',
      order: 'asc',
    });
    const done = await waitFor(events, (p) => p.state !== 'running');
    const busy = performance.eventLoopUtilization(before);
    histogram.disable();
    expect(done.state).toBe('done');
    // The thread only handles progress messages (this test polls every 5 ms too): it is idle nearly all the time.
    // The stall bound is loose: on a loaded machine the thread may wait for a core, but it never blocks on work.
    expect(busy.utilization).toBeLessThan(0.25);
    expect(histogram.max / 1e6).toBeLessThan(1000);
  });

  it('exports one consistent moment of the cache while the cache is being written', async () => {
    const out = join(dir, 'snapshot');
    const events: ExportProgress[] = [];
    const exports = manager(out, events, 0);
    const started = await exports.start({
      target: { allMatching: { filter: {} } },
      format: 'csv',
      locale: 'en',
      sort: 'lastMessageAt',
      order: 'desc',
    });
    const writer = new CacheStore(cacheFile);
    try {
      const at = new Date().toISOString();
      const ref = (name: string) => ({ id: randomUUID(), name });
      writer.bulkInsertSessions(
        Array.from({ length: 500 }, () => ({
          id: randomUUID(),
          product: ref('Added during export'),
          customer: ref('Late customer'),
          seller: ref('Late seller'),
          messagesCount: 1,
          unreadCount: 1,
          flaggedCount: 0,
          lastMessageAt: at,
          createdAt: at,
          updatedAt: at,
          ...NEW_SESSION_WORKFLOW,
        })),
      );
    } finally {
      writer.close();
    }
    const done = await waitFor(events, (p) => p.state !== 'running');
    expect(done).toMatchObject({ state: 'done', written: started.total, total: started.total });
    const rows = readCsv(done.filePath as string).records.slice(1);
    expect(rows).toHaveLength(started.total);
    expect(rows.some((r) => r[0] === 'Added during export')).toBe(false);
  });
});

describe('a cache that cannot be read', () => {
  it('a missing or broken cache file fails with a clear reason and leaves nothing', async () => {
    const out = join(dir, 'broken');
    const broken = join(dir, 'broken.sqlite');
    writeFileSync(broken, 'this is not a database, just bytes '.repeat(200));
    for (const [file, code] of [
      [join(dir, 'absent.sqlite'), 'cache_missing'],
      [broken, 'internal'],
    ] as const) {
      const events: ExportProgress[] = [];
      mkdirSync(out, { recursive: true });
      const exports = new ExportManager({
        host: createFolderExportHost(out),
        cacheFile: () => file,
        emit: (p) => events.push(p),
      });
      const started = await exports.start({
        target: { allMatching: { filter: {} } },
        format: 'csv',
        locale: 'en',
        sort: 'lastMessageAt',
        order: 'desc',
      });
      const last = started.state === 'running' ? await waitFor(events, (p) => p.state !== 'running') : started;
      expect(last, file).toMatchObject({ state: 'failed', filePath: null, error: { code } });
      expect(last.error?.message.length).toBeGreaterThan(10);
      expect(readdirSync(out)).toEqual([]);
    }
  });
});

describe('a full disk', () => {
  it('ENOSPC from the kernel (/dev/full) becomes disk_full naming the folder', async () => {
    const csv = new CsvWriter(createWriteStream('/dev/full'), { chunkChars: 16 });
    let caught: unknown = null;
    try {
      for (let i = 0; i < 100; i++) await csv.row(['a', i]);
      await csv.end();
    } catch (error) {
      caught = error;
    }
    expect((caught as NodeJS.ErrnoException | null)?.code).toBe('ENOSPC');
    const info = exportFileError(caught, '/media/usb/sessions.csv').toInfo();
    expect(info).toEqual({
      code: 'disk_full',
      message: 'The disk is full: the export could not be written to /media/usb',
    });
  });

  it('an export onto a small file system that fills up fails with disk_full and leaves nothing', async () => {
    // A real 256 KB file system (tmpfs); mounting needs root, which the test machines have.
    const small = join(dir, 'small');
    mkdirSync(small);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', small]);
    expect(mounted.status, String(mounted.stderr)).toBe(0);
    try {
      for (const format of ['csv', 'xlsx'] as const) {
        const events: ExportProgress[] = [];
        const exports = manager(small, events, 0);
        await exports.start({
          target: { allMatching: { filter: {} } },
          format,
          locale: 'en',
          sort: 'lastMessageAt',
          order: 'desc',
        });
        const last = await waitFor(events, (p) => p.state !== 'running');
        expect(last, format).toMatchObject({ state: 'failed', filePath: null, error: { code: 'disk_full' } });
        expect(last.error?.message).toContain(small);
        expect(readdirSync(small)).toEqual([]);
      }
    } finally {
      spawnSync('umount', [small]);
    }
  });
});
