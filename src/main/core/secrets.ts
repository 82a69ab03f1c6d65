// Where the core keeps a signed-in account's token: a store the shell provides (Electron: safeStorage,
// src/main/electron/secretStore.ts; the web edition: a file only the user can read, src/main/web/fileSecretStore.ts).
// Keys match /^[A-Za-z0-9._-]{1,128}$/.

export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Keeps secrets for the life of the process only (tests; a shell without a secure store). */
export function createMemorySecretStore(initial: Record<string, string> = {}): SecretStore & {
  readonly values: Map<string, string>;
} {
  const values = new Map(Object.entries(initial));
  return {
    values,
    async get(key) {
      return values.get(key) ?? null;
    },
    async set(key, value) {
      values.set(key, value);
    },
    async delete(key) {
      values.delete(key);
    },
  };
}
