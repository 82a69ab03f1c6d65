// The web edition's secret store: one file per key in a folder only the user can enter (0700), each file readable
// only by the user (0600), written atomically. A desktop keychain is not available to a plain Node program.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, writePrivateFile } from '../core/privateFiles.ts';
import type { SecretStore } from '../core/secrets.ts';

const KEY = /^[A-Za-z0-9._-]{1,128}$/;

export function createFileSecretStore(dir: string): SecretStore {
  const fileOf = (key: string) => {
    if (!KEY.test(key) || key.startsWith('.')) throw new Error('Invalid secret key');
    return join(dir, `${key}.secret`);
  };
  return {
    async get(key) {
      try {
        return readFileSync(fileOf(key), 'utf8');
      } catch {
        return null;
      }
    },
    async set(key, value) {
      const file = fileOf(key);
      ensurePrivateDir(dir, 0);
      writePrivateFile(file, value);
    },
    async delete(key) {
      rmSync(fileOf(key), { force: true });
    },
  };
}
