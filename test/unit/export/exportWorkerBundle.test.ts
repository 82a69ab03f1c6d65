// The Electron bundle's own export worker entry (out/main/exportWorker.js, electron.vite.config.ts): the same
// export as from the source, from the built file the packaged app loads.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createFolderExportHost } from '../../../src/main/core/export/host.ts';
import { ExportManager } from '../../../src/main/core/export/manager.ts';
import type { ExportProgress } from '../../../src/shared/bridge.ts';
import { generateCache } from '../../bench/desk.ts';
import { readXlsx } from '../../integration/export/exportFiles.ts';

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'chatdesk-export-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('export worker bundle', () => {
  it('runs from the Electron bundle’s own entry (out/main/exportWorker.js)', { timeout: 120_000 }, async () => {
    const bundled = join(root, 'out/main/exportWorker.js');
    if (!existsSync(bundled)) {
      execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
        cwd: root,
      });
    }
    const cacheFile = join(dir, 'cache.sqlite');
    generateCache(cacheFile, 500);
    const events: ExportProgress[] = [];
    const manager = new ExportManager({
      host: createFolderExportHost(join(dir, 'out')),
      cacheFile: () => cacheFile,
      emit: (p) => events.push(p),
      workerUrl: pathToFileURL(bundled),
    });
    const started = await manager.start({
      target: { allMatching: { filter: {} } },
      format: 'xlsx',
      locale: 'en',
      sort: 'customer',
      order: 'asc',
    });
    expect(started).toMatchObject({ state: 'running', total: 500 });
    while (!events.some((e) => e.state !== 'running')) await new Promise((r) => setTimeout(r, 10));
    const done = events.at(-1) as ExportProgress;
    expect(done).toMatchObject({ state: 'done', written: 500 });
    const file = await readXlsx(done.filePath as string);
    expect(file.rows).toHaveLength(500);
    expect(file.header[0]).toBe('Product');
  });
});
