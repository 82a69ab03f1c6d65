// The signed-in account: sign-in against a backend URL, the token kept by the shell's secret store, one cache file
// per backend account (backend URL + staff id), resumed at start so the app opens on cached data at once (D1).
// While an account is open it owns its cache, its sync and its outbox.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountState } from '../../shared/bridge.ts';
import type { Permission, Staff } from '../../shared/domain.ts';
import { AppError, type ErrorInfo } from '../../shared/errors.ts';
import type { SessionsChanged } from './cache/actions.ts';
import { type Cache, openCache } from './cache/cacheClient.ts';
import { BackendClient, normaliseBackendUrl } from './client.ts';
import { fetchRules, mayReadRules } from './moderationRules.ts';
import { type ActionOutcome, Outbox } from './outbox.ts';
import { ensurePrivateDatabase, ensurePrivateDir, writePrivateFile } from './privateFiles.ts';
import type { SecretStore } from './secrets.ts';
import { SyncEngine, type SyncOptions } from './sync.ts';

export interface AccountRecord {
  backendUrl: string;
  staff: Staff;
  permissions: Permission[];
  /** Names the cache file and the secret. */
  key: string;
}

export interface AccountRuntime {
  readonly record: AccountRecord;
  /** The account's cache file (what exports read, on connections of their own). */
  readonly cacheFile: string;
  readonly client: BackendClient;
  readonly cache: Cache;
  readonly sync: SyncEngine;
  readonly outbox: Outbox;
}

export interface AccountsDeps {
  dataDir: string;
  secrets: SecretStore;
  cacheWorkerUrl?: URL | string | undefined;
  inProcessCache?: boolean;
  slowQueryMs?: number;
  syncOptions?: SyncOptions;
  outboxBackoff?: { baseMs: number; maxMs: number };
  log: (message: string) => void;
  onChanges(changes: SessionsChanged): void;
  onActionFailed(failure: { actionId: string; kind: string; summary: string; error: ErrorInfo }): void;
  /** A queued action left the outbox: accepted by the backend, or refused. */
  onActionSettled?(actionId: string, outcome: ActionOutcome): void;
  onAccountState(): void;
  onSyncState(): void;
  /** Called before the open account's runtime closes (sign-out, another account, the core closing). */
  onRuntimeClosing?(runtime: AccountRuntime): Promise<void>;
}

interface AccountsFile {
  current: AccountRecord | null;
  lastBackendUrl: string | null;
}

export function accountKey(backendUrl: string, staffId: string): string {
  return createHash('sha256')
    .update(`${normaliseBackendUrl(backendUrl)}\n${staffId}`)
    .digest('hex')
    .slice(0, 24);
}

const tokenKey = (key: string) => `token-${key}`;

export class Accounts {
  readonly #deps: AccountsDeps;
  #file: AccountsFile = { current: null, lastBackendUrl: null };
  #runtime: AccountRuntime | null = null;
  #signedIn = false;
  /** Serialises sign-in, sign-out and resume. */
  #chain: Promise<unknown> = Promise.resolve();

  constructor(deps: AccountsDeps) {
    this.#deps = deps;
    // 0700, and whatever an older version left readable by others tightened (privateFiles.ts).
    ensurePrivateDir(deps.dataDir);
    this.#file = this.#readFile();
  }

  get #path(): string {
    return join(this.#deps.dataDir, 'accounts.json');
  }

  #readFile(): AccountsFile {
    try {
      const parsed = JSON.parse(readFileSync(this.#path, 'utf8')) as Partial<AccountsFile>;
      return { current: parsed.current ?? null, lastBackendUrl: parsed.lastBackendUrl ?? null };
    } catch {
      return { current: null, lastBackendUrl: null };
    }
  }

  #writeFile(): void {
    writePrivateFile(this.#path, JSON.stringify(this.#file, null, 2));
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#chain.then(fn, fn);
    // The caller gets `next` and its failure; the chain only keeps sign-in and sign-out one at a time.
    this.#chain = next.catch(() => {});
    return next;
  }

  state(): AccountState {
    const record = this.#runtime?.record ?? this.#file.current;
    return {
      signedIn: this.#signedIn,
      backendUrl: record?.backendUrl ?? this.#file.lastBackendUrl,
      staff: this.#signedIn ? (record?.staff ?? null) : null,
      permissions: this.#signedIn ? (record?.permissions ?? []) : [],
    };
  }

  get signedIn(): boolean {
    return this.#signedIn;
  }

  /** The open account (its cache stays browsable after the token is refused, until sign-out). */
  get runtime(): AccountRuntime | null {
    return this.#runtime;
  }

  require(): AccountRuntime {
    if (!this.#runtime) throw new AppError('unauthenticated', 'Sign in to a backend first');
    return this.#runtime;
  }

  /** At start: reopen the last account with its stored token, on cached data, and let sync catch up. */
  resume(): Promise<AccountState> {
    return this.#serial(async () => {
      const record = this.#file.current;
      if (!record) return this.state();
      const token = await this.#deps.secrets.get(tokenKey(record.key)).catch(() => null);
      if (!token) return this.state();
      await this.#open(record, token);
      return this.state();
    });
  }

  signIn(backendUrl: string, email: string, password: string): Promise<AccountState> {
    return this.#serial(async () => {
      const url = normaliseBackendUrl(backendUrl);
      const client = new BackendClient({ backendUrl: url });
      let login: Awaited<ReturnType<BackendClient['login']>>;
      try {
        login = await client.login(email, password);
      } catch (error) {
        if (error instanceof AppError && error.code === 'offline') {
          throw new AppError('offline', `Cannot reach ${url}: check the address and the network`, {
            backendUrl: 'cannot be reached',
          });
        }
        throw error;
      }
      const record: AccountRecord = {
        backendUrl: url,
        staff: login.staff,
        permissions: login.permissions,
        key: accountKey(url, login.staff.id),
      };
      await this.#deps.secrets.set(tokenKey(record.key), login.token);
      if (this.#runtime && this.#runtime.record.key !== record.key) await this.#closeRuntime(true);
      this.#file = { current: record, lastBackendUrl: url };
      this.#writeFile();
      await this.#open(record, login.token);
      return this.state();
    });
  }

  signOut(): Promise<AccountState> {
    return this.#serial(async () => {
      const runtime = this.#runtime;
      const record = runtime?.record ?? this.#file.current;
      if (runtime?.client.token) {
        // Best effort: the token is forgotten here whether or not the backend hears about it.
        await Promise.race([runtime.client.logout().catch(() => {}), new Promise((r) => setTimeout(r, 2000))]);
      }
      await this.#closeRuntime(true);
      if (record) {
        await this.#deps.secrets
          .delete(tokenKey(record.key))
          .catch((error: unknown) => this.#deps.log(`[account] could not remove the saved token: ${String(error)}`));
      }
      this.#signedIn = false;
      this.#file = { current: null, lastBackendUrl: record?.backendUrl ?? this.#file.lastBackendUrl };
      this.#writeFile();
      this.#deps.onAccountState();
      this.#deps.onSyncState();
      return this.state();
    });
  }

  async #open(record: AccountRecord, token: string): Promise<void> {
    if (this.#runtime && this.#runtime.record.key === record.key) {
      // The same account signing in again (its token had expired): reuse the open cache, restart the work.
      const runtime = this.#runtime;
      runtime.client.setToken(token);
      Object.assign(runtime.record, { staff: record.staff, permissions: record.permissions });
      this.#signedIn = true;
      await runtime.sync.start();
      await runtime.outbox.start();
      this.#deps.onAccountState();
      this.#deps.onSyncState();
      return;
    }
    const deps = this.#deps;
    const cacheFile = join(deps.dataDir, `cache-${record.key}.sqlite`);
    // Created 0600 before SQLite opens it: its -wal and -shm files take the database file's mode.
    ensurePrivateDatabase(cacheFile);
    const cache = await openCache({
      file: cacheFile,
      workerUrl: deps.cacheWorkerUrl,
      inProcess: deps.inProcessCache ?? false,
      slowMs: deps.slowQueryMs ?? 100,
      log: deps.log,
    });
    await cache.call('setValue', 'account', { backendUrl: record.backendUrl, staffId: record.staff.id });
    const client = new BackendClient({ backendUrl: record.backendUrl, token });
    const onAuthLost = (error: AppError) => void this.#authLost(record.key, error);
    const kept: AccountRecord = { ...record };
    // B9: the rules changed (or an edit made here was refused): a role that reads them fetches them; a failure
    // leaves the kept copy, and the rules are asked for again when the editor opens.
    const refreshRules = () =>
      fetchRules(kept, client, cache).then(
        () => {},
        (error: unknown) => deps.log(`[account] the moderation rules could not be read: ${String(error)}`),
      );
    let outbox: Outbox | null = null;
    const sync = new SyncEngine({
      cache,
      client,
      onChanges: deps.onChanges,
      onRulesChanged: refreshRules,
      onState: () => {
        // Back online: whatever the outbox holds goes now, not after its backoff.
        if (sync.online) outbox?.kick();
        deps.onSyncState();
      },
      onAuthLost,
      log: deps.log,
      ...(deps.syncOptions ? { options: deps.syncOptions } : {}),
    });
    outbox = new Outbox({
      cache,
      client,
      catchUp: () => sync.catchUp(),
      // A refused rules edit: the rules in force are read again before the window is told.
      onChanges: (changes) => {
        if (changes.rulesChanged) void refreshRules().then(() => deps.onChanges(changes));
        else deps.onChanges(changes);
      },
      onFailed: deps.onActionFailed,
      ...(deps.onActionSettled ? { onSettled: deps.onActionSettled } : {}),
      onState: deps.onSyncState,
      onAuthLost,
      onReachable: () => sync.kick(),
      log: deps.log,
      ...(deps.outboxBackoff
        ? { backoffBaseMs: deps.outboxBackoff.baseMs, backoffMaxMs: deps.outboxBackoff.maxMs }
        : {}),
    });
    this.#runtime = { record: kept, cacheFile, client, cache, sync, outbox };
    // A cache written when the feed still carried the rules keeps none for a role that may not read them.
    if (!mayReadRules(kept)) await cache.call('forgetRules');
    this.#signedIn = true;
    await sync.start();
    await outbox.start();
    deps.onAccountState();
    deps.onSyncState();
  }

  async #authLost(key: string, error: AppError): Promise<void> {
    const runtime = this.#runtime;
    if (!runtime || runtime.record.key !== key || !this.#signedIn) return;
    this.#deps.log(`[account] the backend refused the token (${error.message}): sign in again`);
    this.#signedIn = false;
    await this.#deps.secrets
      .delete(tokenKey(key))
      .catch((e: unknown) => this.#deps.log(`[account] could not remove the refused token: ${String(e)}`));
    await runtime.sync.stop();
    await runtime.outbox.stop();
    this.#deps.onAccountState();
    this.#deps.onSyncState();
  }

  async #closeRuntime(flush: boolean): Promise<void> {
    const runtime = this.#runtime;
    if (!runtime) return;
    await this.#deps.onRuntimeClosing?.(runtime).catch((error: unknown) => {
      this.#deps.log(`[account] closing: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.#runtime = null;
    await runtime.sync.stop();
    await runtime.outbox.stop();
    if (flush) await runtime.cache.close();
    else await runtime.cache.kill();
  }

  /** Stops everything; `flush: false` stops at once, as a crash would (tests). */
  close(options: { flush?: boolean } = {}): Promise<void> {
    return this.#serial(() => this.#closeRuntime(options.flush ?? true));
  }
}

export const newId = (): string => randomUUID();
