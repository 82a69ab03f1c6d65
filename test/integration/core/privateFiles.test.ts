// The desk keeps what it stores and sends private, with a real backend, a real desk core and real files (modes read
// back): its folder 0700 and every file in it 0600 (cache with its WAL and shared memory, account file, token,
// exports), looser leftovers of an older version tightened, an export saved elsewhere created under the person's
// umask, and its token sent in a header only (no secret in any URL the backend logged).
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportsDir } from '../../../src/main/core/export/host.ts';
import { createFileSecretStore } from '../../../src/main/web/fileSecretStore.ts';
import type { ExportProgress } from '../../../src/shared/bridge.ts';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';
import { startDeskCore, type TestDesk } from '../../support/desk.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

/** Every folder and file under `dir` with its mode, relative names. */
function modesUnder(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length + 1)] = mode(path);
  }
  return out;
}

let backend: TestBackend;
let desk: TestDesk;
let dataDir: string;
let elsewhere: string;
const logLines: string[] = [];
/** The export host: into the desk's exports folder (web edition) or to a path elsewhere (a save dialog's choice). */
const host = {
  privateFiles: true,
  target: '',
  async chooseSavePath(request: { defaultName: string }) {
    if (this.privateFiles) {
      mkdirSync(exportsDir(dataDir), { recursive: true, mode: 0o700 });
      return join(exportsDir(dataDir), request.defaultName);
    }
    return this.target;
  },
  async openPath() {},
  showInFolder() {},
};

beforeAll(async () => {
  backend = await startTestBackend({
    logger: 'info',
    logStream: { write: (line: string) => void logLines.push(line) },
  });
  // A desk folder as an older version left it: readable by everyone.
  dataDir = join(mkdtempSync(join(tmpdir(), 'chatdesk-private-')), 'desk');
  mkdirSync(join(dataDir, 'exports'), { recursive: true, mode: 0o755 });
  chmodSync(dataDir, 0o755);
  chmodSync(join(dataDir, 'exports'), 0o755);
  writeFileSync(join(dataDir, 'exports', 'old.csv'), 'a,b\n', { mode: 0o644 });
  chmodSync(join(dataDir, 'exports', 'old.csv'), 0o644);
  elsewhere = mkdtempSync(join(tmpdir(), 'chatdesk-saved-'));
  desk = await startDeskCore({
    backendUrl: backend.url,
    dataDir,
    secrets: createFileSecretStore(join(dataDir, 'secrets')),
    exportHost: host,
  });
});
afterAll(async () => {
  await desk?.close();
  await backend?.close();
  if (dataDir) rmSync(join(dataDir, '..'), { recursive: true, force: true });
  if (elsewhere) rmSync(elsewhere, { recursive: true, force: true });
});

async function exportCsv(): Promise<ExportProgress> {
  // A few sessions by id: the form every version of the bulk target has.
  const { rows } = await backend.db.query<{ id: string }>('SELECT id FROM chat_sessions ORDER BY id LIMIT 5');
  const since = Date.now();
  const target = { ids: rows.map((r) => r.id) };
  const started = await desk.call('export.start', { target, format: 'csv', locale: 'en' });
  return desk.waitForEvent('export.progress', (p) => p.exportId === started.exportId && p.state !== 'running', {
    since,
  });
}

// Windows has no POSIX file modes (its files are private through the user profile's ACLs, which Node does not
// set): there is no mode to check, and privateFiles.ts does not chmod there (hasFileModes).
describe.skipIf(process.platform === 'win32')('the desk’s private files', () => {
  it('keeps its folder 0700 and every file in it 0600: cache, WAL, shared memory, account, token, exports', async () => {
    await desk.settled();
    host.privateFiles = true;
    const done = await exportCsv();
    expect(done.state).toBe('done');
    const modes = modesUnder(dataDir);
    const names = Object.keys(modes);
    const cache = names.find((n) => /^cache-.+\.sqlite$/.test(n)) as string;
    expect(cache).toBeTruthy();
    for (const expected of [cache, `${cache}-wal`, `${cache}-shm`, 'accounts.json', 'exports/old.csv']) {
      expect(names).toContain(expected);
    }
    expect(names.some((n) => n.startsWith('secrets/') && n.endsWith('.secret'))).toBe(true);
    expect(names).toContain(`exports/${done.filePath?.split('/').at(-1)}`);
    expect(mode(dataDir)).toBe(0o700);
    for (const [name, m] of Object.entries(modes)) {
      const isDir = statSync(join(dataDir, name)).isDirectory();
      expect(m.toString(8), name).toBe((isDir ? 0o700 : 0o600).toString(8));
    }
  });

  it('creates an export saved elsewhere under the person’s umask, like any file they save', async () => {
    host.privateFiles = false;
    host.target = join(elsewhere, 'sessions.csv');
    const done = await exportCsv();
    expect(done.state).toBe('done');
    expect(mode(host.target)).toBe(0o666 & ~process.umask());
  });

  it('sends its token in the Authorization header only: no URL the backend logged carries a secret', async () => {
    const logged = logLines.map((line) => (JSON.parse(line) as { req?: { url?: string } }).req?.url).filter(Boolean);
    expect(logged.some((url) => url?.startsWith('/api/v1/admin/events'))).toBe(true);
    expect(logged.some((url) => url?.startsWith('/api/v1/admin/snapshot'))).toBe(true);
    for (const url of logged) expect(url).not.toContain('[redacted]');
    expect(logLines.join('')).not.toMatch(/token=|Bearer/i);
  });
});
