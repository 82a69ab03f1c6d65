// The desktop's export path (D6) with the Electron shell's export host over the fake electron module (Electron
// cannot run here): the core's ExportManager asks the native save dialog where to write, in the last folder used,
// writes the file there from its worker thread, and opens it or shows it in its folder through the shell.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('../electron/fakeElectron.ts'));

import { ExportManager } from '../../../src/main/core/export/manager.ts';
import { createExportHost } from '../../../src/main/electron/exportHost.ts';
import type { ExportProgress } from '../../../src/shared/bridge.ts';
import { generateCache } from '../../bench/desk.ts';
import { dialog, shell } from '../electron/fakeElectron.ts';

let dir: string;
let cacheFile: string;
let lastDir: string | null;
let events: ExportProgress[];
let manager: ExportManager;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chatdesk-electron-export-'));
  cacheFile = join(dir, 'cache.sqlite');
  generateCache(cacheFile, 300);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  lastDir = null;
  events = [];
  dialog.saveAnswers = [];
  dialog.saveRequests = [];
  shell.openedPaths = [];
  shell.revealed = [];
  shell.openPathError = '';
  const host = createExportHost({
    dialog: dialog as never,
    shell: shell as never,
    window: () => null,
    lastDir: () => lastDir,
    rememberDir: (d) => {
      lastDir = d;
    },
    defaultDir: () => '/home/mona/Documents',
  });
  manager = new ExportManager({ host, cacheFile: () => cacheFile, emit: (p) => events.push(p) });
});

async function finished(exportId: string): Promise<ExportProgress> {
  for (let i = 0; i < 2000; i++) {
    const last = events.filter((e) => e.exportId === exportId).at(-1);
    if (last && last.state !== 'running') return last;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the export did not finish');
}

describe('Electron export host (fake electron dialog and shell)', () => {
  it('asks the save dialog with a proposed name and the format filter, writes there and remembers the folder', async () => {
    const target = join(dir, 'Reports', 'sessions.xlsx');
    (await import('node:fs')).mkdirSync(join(dir, 'Reports'), { recursive: true });
    dialog.saveAnswers.push({ canceled: false, filePath: target });
    const started = await manager.start({
      target: { allMatching: { filter: {} } },
      format: 'xlsx',
      locale: 'ar',
      sort: 'lastMessageAt',
      order: 'desc',
    });
    const options = dialog.saveRequests[0]?.at(-1) as { defaultPath: string; filters: unknown; title: string };
    expect(options.defaultPath).toMatch(/^\/home\/mona\/Documents\/chat-sessions-\d{8}-\d{6}\.xlsx$/);
    expect(options.filters).toEqual([{ name: 'Excel (XLSX)', extensions: ['xlsx'] }]);
    expect(options.title).toBe('تصدير جلسات المحادثة');
    const done = await finished(started.exportId);
    expect(done).toMatchObject({ state: 'done', filePath: target, written: 300, total: 300 });
    expect(statSync(target).size).toBeGreaterThan(1000);
    expect(lastDir).toBe(join(dir, 'Reports'));

    // The next dialog opens in the folder used last.
    dialog.saveAnswers.push({ canceled: true, filePath: '' });
    const cancelled = await manager.start({
      target: { allMatching: { filter: {} } },
      format: 'csv',
      locale: 'en',
      sort: 'lastMessageAt',
      order: 'desc',
    });
    expect(cancelled).toMatchObject({ state: 'cancelled', filePath: null });
    const second = dialog.saveRequests[1]?.at(-1) as { defaultPath: string; filters: unknown; title: string };
    expect(second.defaultPath.startsWith(join(dir, 'Reports'))).toBe(true);
    expect(second.filters).toEqual([{ name: 'CSV', extensions: ['csv'] }]);

    await manager.open(started.exportId, false);
    await manager.open(started.exportId, true);
    expect(shell.openedPaths).toEqual([target]);
    expect(shell.revealed).toEqual([target]);
    shell.openPathError = 'No application knows how to open this file';
    await expect(manager.open(started.exportId, false)).rejects.toThrow('No application knows how to open this file');
    await expect(manager.open(cancelled.exportId, false)).rejects.toThrow(/cancelled/);
  });
});
