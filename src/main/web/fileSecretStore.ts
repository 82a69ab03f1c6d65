// The web edition's secret store: one file per key in a folder only the user can enter (0700), each file readable
// only by the user (0600), written atomically. A desktop keychain is not available to a plain Node program.
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, value, { mode: 0o600 });
      chmodSync(partial, 0o600);
      renameSync(partial, file);
    },
    async delete(key) {
      rmSync(fileOf(key), { force: true });
    },
  };
}
