// Exports end with the account they read: an export still running when the desk core closes, or when the person
// signs out, is cancelled and leaves no file, whole or partial. A real backend and desk core; the desk's own cache
// is grown to many sessions (copies of the synced ones) so the export is still running when the core closes.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFolderExportHost } from '../../../src/main/core/export/host.ts';
import type { ExportProgress } from '../../../src/shared/bridge.ts';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';
import { startDeskCore, type TestDesk } from '../../support/desk.ts';

const COPIES = 200_000;

let backend: TestBackend;
let dataDir: string;
let secrets: TestDesk['secrets'];
let root: string;

/** Adds COPIES sessions to the account's cache file: the synced ones again, under new ids. */
function growCache(file: string): void {
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    const columns = (db.prepare("SELECT name FROM pragma_table_info('sessions')").all() as Array<{ name: string }>).map(
      (c) => c.name,
    );
    const values = columns.map((c) => (c === 'id' ? `'copy-' || n.i || '-' || s.id` : `s.${c}`));
    db.exec('BEGIN');
    db.exec(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${COPIES})
       INSERT INTO sessions (${columns.join(', ')})
       SELECT ${values.join(', ')} FROM n JOIN (SELECT * FROM sessions WHERE id NOT LIKE 'copy-%' LIMIT 1) AS s`,
    );
    db.exec('COMMIT');
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  backend = await startTestBackend();
  root = mkdtempSync(join(tmpdir(), 'chatdesk-export-close-'));
  dataDir = join(root, 'data');
  mkdirSync(dataDir);
  const first = await startDeskCore({ backendUrl: backend.url, dataDir });
  await first.settled();
  secrets = first.secrets;
  const cacheFiles = readdirSync(dataDir).filter((name) => /^cache-.*\.sqlite$/.test(name));
  expect(cacheFiles).toHaveLength(1);
  await first.close({ keepData: true });
  growCache(join(dataDir, cacheFiles[0] as string));
}, 120_000);

afterAll(async () => {
  await backend?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** The desk again on the grown cache, with an export of everything to XLSX running (some rows written). */
async function deskWithRunningExport(outDir: string): Promise<{ desk: TestDesk; started: ExportProgress }> {
  mkdirSync(outDir, { recursive: true });
  const desk = await startDeskCore({
    backendUrl: backend.url,
    dataDir,
    secrets,
    exportHost: createFolderExportHost(outDir),
  });
  const started = await desk.call('export.start', {
    target: { allMatching: { filter: {} } },
    format: 'xlsx',
    locale: 'en',
    sort: 'lastMessageAt',
    order: 'desc',
  });
  expect(started.state).toBe('running');
  expect(started.total).toBeGreaterThan(COPIES);
  return { desk, started };
}

const lastProgress = (desk: TestDesk, exportId: string): ExportProgress | undefined =>
  desk.events
    .filter((e) => e.name === 'export.progress')
    .map((e) => e.payload as ExportProgress)
    .filter((p) => p.exportId === exportId)
    .at(-1);

describe('exports when the account closes', () => {
  it('the desk core closing cancels a running export and leaves no file, whole or partial', async () => {
    const outDir = join(root, 'out-close');
    const { desk, started } = await deskWithRunningExport(outDir);
    // Closing waits for the export to stop: afterwards the folder is empty at once.
    await desk.close({ keepData: true });
    const last = lastProgress(desk, started.exportId);
    expect(last?.state).toBe('cancelled');
    expect(last?.filePath).toBeNull();
    expect(last?.written ?? 0).toBeLessThan(last?.total ?? 0);
    expect(readdirSync(outDir)).toEqual([]);
  }, 60_000);

  it('signing out cancels a running export and leaves no file; the desk stays usable', async () => {
    const outDir = join(root, 'out-signout');
    const { desk, started } = await deskWithRunningExport(outDir);
    try {
      const state = await desk.call('account.signOut');
      expect(state.signedIn).toBe(false);
      const last = lastProgress(desk, started.exportId);
      expect(last?.state).toBe('cancelled');
      expect(last?.filePath).toBeNull();
      expect(readdirSync(outDir)).toEqual([]);
      // Signed out, a new export is refused rather than reading a closed account's file.
      const refused = await desk.result('export.start', {
        target: { allMatching: { filter: {} } },
        format: 'csv',
        locale: 'en',
        sort: 'lastMessageAt',
        order: 'desc',
      });
      expect(refused.ok).toBe(false);
    } finally {
      await desk.close({ keepData: true });
    }
  }, 60_000);
});
