// The desktop shell's own files are private on disk (real files, their modes read back): the log folder 0700 and
// its files 0600 through electron-log's real file transport, rotation included, and the safeStorage secret store's
// folder and file, each tightened when an older version left them readable by others.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import logNode from 'electron-log/node.js';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('./fakeElectron.ts'));

import { configureLogging } from '../../../src/main/electron/logging.ts';
import { createSafeStorageSecretStore } from '../../../src/main/electron/secretStore.ts';
import { safeStorage } from './fakeElectron.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

// Windows has no POSIX file modes (its files are private through the user profile's ACLs, which Node does not
// set): there is no mode to check, and privateFiles.ts does not chmod there (hasFileModes).
describe.skipIf(process.platform === 'win32')('private files of the desktop shell', () => {
  it('keeps the log folder 0700 and main.log and main.old.log 0600, across rotation and from older looser files', () => {
    const logs = join(mkdtempSync(join(tmpdir(), 'chatdesk-logs-')), 'logs');
    mkdirSync(logs, { mode: 0o755 });
    chmodSync(logs, 0o755);
    writeFileSync(join(logs, 'main.old.log'), 'older version\n', { mode: 0o644 });
    chmodSync(join(logs, 'main.old.log'), 0o644);
    const log = logNode.create({ logId: 'privateFilesTest' });
    const consoleBefore = { ...console };
    const file = configureLogging(log as never, logs, join);
    try {
      log.transports.console.level = false;
      log.transports.file.maxSize = 2048;
      for (let i = 0; i < 60; i++) log.info(`line ${i} of the desk's log, long enough to rotate the file soon`);
    } finally {
      log.errorHandler.stopCatching();
      Object.assign(console, consoleBefore);
    }
    expect(mode(logs)).toBe(0o700);
    expect(readdirSync(logs).sort()).toEqual(['main.log', 'main.old.log']);
    expect(mode(file)).toBe(0o600);
    expect(mode(join(logs, 'main.old.log'))).toBe(0o600);
    // It did rotate: the older copy now holds lines of this run.
    const older = readFileSync(join(logs, 'main.old.log'), 'utf8');
    expect(older).not.toContain('older version');
    expect(older).toContain("of the desk's log");
  });

  it('writes the encrypted token 0600 in a 0700 folder, tightening an older one', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'chatdesk-sec-')), 'secrets');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'token.bin'), 'old', { mode: 0o644 });
    chmodSync(join(dir, 'token.bin'), 0o644);
    const store = createSafeStorageSecretStore(safeStorage as never, dir);
    await store.set('token', 'abc.def');
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'token.bin'))).toBe(0o600);
    expect(await store.get('token')).toBe('abc.def');
  });
});
