// The core's token kept encrypted with the OS keychain (safeStorage: Keychain, DPAPI, libsecret/kwallet). Nothing
// is written when encryption is unavailable or falls back to Linux's hard-coded key ('basic_text'): the user simply
// signs in again next time. Only safeStorage's async calls are used (the sync ones are deprecated in Electron 45); a
// value read under a rotated key is written back under the new one.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SafeStorage } from 'electron';
import { ensurePrivateDir, writePrivateFile } from '../core/privateFiles.ts';
import type { SecretStore } from '../core/secrets.ts';

/** The core's SecretStore (src/main/core/secrets.ts), which this store is handed to as `secrets`. */
export type SecretStoreLike = SecretStore;

const KEY = /^[A-Za-z0-9._-]{1,128}$/;

export function createSafeStorageSecretStore(
  safeStorage: Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'> & {
    /** Linux only (undefined elsewhere). */
    getSelectedStorageBackend?: () => string;
  },
  dir: string,
): SecretStoreLike {
  const fileOf = (key: string) => {
    if (!KEY.test(key)) throw new Error('Invalid secret key');
    return join(dir, `${key}.bin`);
  };
  const secure = async () =>
    (await safeStorage.isAsyncEncryptionAvailable()) && safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
  const write = async (file: string, value: string) => {
    const encrypted = await safeStorage.encryptStringAsync(value);
    // The folder 0700 and the file 0600 even though it is encrypted (privateFiles.ts).
    ensurePrivateDir(dirname(file), 0);
    writePrivateFile(file, encrypted);
  };
  return {
    async get(key) {
      const file = fileOf(key);
      if (!(await secure())) return null;
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(readFileSync(file));
        if (shouldReEncrypt) await write(file, result);
        return result;
      } catch {
        return null;
      }
    },
    async set(key, value) {
      const file = fileOf(key);
      if (!(await secure())) {
        rmSync(file, { force: true });
        return;
      }
      await write(file, value);
    },
    async delete(key) {
      rmSync(fileOf(key), { force: true });
    },
  };
}
