// The desk's own folder holds chat data (the cache), the account file, preferences, secrets, exports and logs: on
// platforms with file modes the folder is 0700 and every file in it 0600, whatever the umask, so other local users
// cannot read them. Files the person saves elsewhere (the save dialog's target) keep the umask as usual.
import {
  chmodSync,
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** What a file the person saves elsewhere is created with: the umask decides the rest. */
export const PUBLIC_FILE_MODE = 0o666;

/** Windows has no such modes (Node maps them to the read-only flag only): nothing to do there. */
export const hasFileModes = process.platform !== 'win32';

function chmodIfLoose(path: string, mode: number, current: number): void {
  if ((current & 0o777) !== mode) chmodSync(path, mode);
}

/**
 * Creates `dir` (and missing parents) as 0700, and tightens what an older version left looser: the folder itself,
 * its files to 0600 and its subfolders (exports, secrets) to 0700, `depth` levels down. Symbolic links are left alone.
 */
export function ensurePrivateDir(dir: string, depth = 2): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!hasFileModes) return;
  tighten(dir, depth);
}

function tighten(dir: string, depth: number): void {
  chmodIfLoose(dir, PRIVATE_DIR_MODE, lstatSync(dir).mode);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    try {
      if (entry.isFile()) chmodIfLoose(path, PRIVATE_FILE_MODE, lstatSync(path).mode);
      else if (entry.isDirectory() && depth > 0) tighten(path, depth - 1);
    } catch {
      // Removed meanwhile (a finished export's partial file): nothing to tighten.
    }
  }
}

/**
 * Makes sure a file exists with mode 0600 before another program (SQLite) opens it: SQLite creates a database with
 * 0644 minus the umask, and its -wal and -shm files with the database file's mode, so creating the (empty) database
 * file 0600 first keeps all three private. Existing ones are tightened.
 */
export function ensurePrivateFile(file: string, companions: readonly string[] = []): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  if (!hasFileModes) return;
  for (const path of [file, ...companions]) {
    try {
      chmodIfLoose(path, PRIVATE_FILE_MODE, lstatSync(path).mode);
    } catch {
      // A companion that does not exist yet: it will inherit the database file's mode.
    }
  }
}

/** A SQLite database file and its WAL and shared-memory files, all 0600. */
export function ensurePrivateDatabase(file: string): void {
  ensurePrivateFile(file, [`${file}-wal`, `${file}-shm`, `${file}-journal`]);
}

/** Writes a file atomically (a temporary file renamed into place), created 0600. */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  const partial = `${file}.${process.pid}.tmp`;
  // A leftover temporary file of the same name would keep its old mode while the data is written: start afresh, and
  // create exclusively so nothing else can have the file open.
  rmSync(partial, { force: true });
  writeFileSync(partial, data, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  if (hasFileModes) chmodSync(partial, PRIVATE_FILE_MODE);
  renameSync(partial, file);
}
