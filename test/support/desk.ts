// Test helper: a real desk core (cache worker on node:sqlite, sync, outbox) signed in to a backend and synced.
//   const desk = await startDeskCore({ backendUrl: backend.url, email: 'admin@demo.chatdesk', password });
//   const page = await desk.call('sessions.page', { sort: 'lastMessageAt' });
//   await desk.settled();           // outbox empty and the cache at the backend's head
//   await desk.close();
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeskCore, type DeskCore, type DeskCoreOptions } from '../../src/main/core/deskCore.ts';
import { createMemorySecretStore, type SecretStore } from '../../src/main/core/secrets.ts';
import type { CallInput, CallName, CallOutput, EventName, EventPayload } from '../../src/shared/bridge.ts';
import type { Result } from '../../src/shared/result.ts';
import { DEMO_PASSWORD, type TestBackend } from './backend.ts';

export const DEMO_ADMIN = { email: 'admin@demo.chatdesk', password: DEMO_PASSWORD } as const;

export interface StartDeskOptions extends Partial<DeskCoreOptions> {
  backendUrl?: string;
  email?: string;
  password?: string;
  /** Sign in (default true when backendUrl is given) and wait for the first sync (default true). */
  signIn?: boolean;
  waitForSync?: boolean;
  /** Reuse a data folder (a restart); by default a new temporary one, removed at close. */
  dataDir?: string;
  secrets?: SecretStore;
}

export interface RecordedEvent {
  name: EventName;
  payload: unknown;
  at: number;
}

export interface TestDesk {
  core: DeskCore;
  dataDir: string;
  secrets: SecretStore;
  /** Every bridge event since start, in order. */
  events: RecordedEvent[];
  /** A bridge call through the same dispatcher the windows use; throws on `{ok:false}`. */
  call<K extends CallName>(name: K, input?: CallInput<K>): Promise<CallOutput<K>>;
  /** A bridge call, the Result as it is. */
  result<K extends CallName>(name: K, input?: CallInput<K>): Promise<Result<CallOutput<K>>>;
  /** Resolves with the first event (from now, or already recorded after `since`) that matches. */
  waitForEvent<E extends EventName>(
    name: E,
    match?: (payload: EventPayload<E>) => boolean,
    options?: { timeoutMs?: number; since?: number },
  ): Promise<EventPayload<E>>;
  /** Polls `check` until it returns a truthy value. */
  waitFor<T>(check: () => Promise<T | null | undefined | false> | T, timeoutMs?: number, what?: string): Promise<T>;
  /** The outbox is empty and the cache has applied the backend's feed up to its head. */
  settled(timeoutMs?: number): Promise<void>;
  close(options?: { flush?: boolean; keepData?: boolean }): Promise<void>;
}

export class BridgeCallError extends Error {
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  constructor(name: string, error: { code: string; message: string; fields?: Record<string, string> }) {
    super(`${name}: ${error.code}: ${error.message}`);
    this.code = error.code;
    this.fields = error.fields;
  }
}

export async function startDeskCore(options: StartDeskOptions = {}): Promise<TestDesk> {
  const {
    backendUrl,
    email = DEMO_ADMIN.email,
    password = DEMO_ADMIN.password,
    signIn = backendUrl !== undefined,
    waitForSync = true,
    dataDir: givenDir,
    secrets = createMemorySecretStore(),
    ...rest
  } = options;
  const dataDir = givenDir ?? mkdtempSync(join(tmpdir(), 'chatdesk-desk-'));
  const core = await createDeskCore({
    edition: 'web',
    version: '0.0.0-test',
    validateOutput: true,
    log: () => {},
    sync: { backoffBaseMs: 50, backoffMaxMs: 1000, liveTimeoutMs: 10_000, ...rest.sync },
    outboxBackoff: { baseMs: 50, maxMs: 1000 },
    ...rest,
    dataDir,
    secrets,
  });
  const events: RecordedEvent[] = [];
  const waiters = new Set<(e: RecordedEvent) => void>();
  core.endpoint.subscribe((name, payload) => {
    const e = { name, payload, at: Date.now() };
    events.push(e);
    for (const w of waiters) w(e);
  });

  const result = <K extends CallName>(name: K, input?: CallInput<K>) =>
    core.endpoint.dispatch(name, input ?? {}) as Promise<Result<CallOutput<K>>>;
  const call = async <K extends CallName>(name: K, input?: CallInput<K>) => {
    const r = await result(name, input);
    if (!r.ok) throw new BridgeCallError(name, r.error);
    return r.value;
  };

  const waitFor: TestDesk['waitFor'] = async (check, timeoutMs = 15_000, what = 'condition') => {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      try {
        const value = await check();
        if (value) return value;
        last = value;
      } catch (error) {
        last = error;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} (last: ${String(last)})`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  const waitForEvent: TestDesk['waitForEvent'] = (name, match, opts = {}) =>
    new Promise((resolve, reject) => {
      const test = (e: RecordedEvent) => e.name === name && (!match || match(e.payload as never));
      const since = opts.since;
      if (since !== undefined) {
        const found = events.find((e) => e.at >= since && test(e));
        if (found) return resolve(found.payload as never);
      }
      const timer = setTimeout(() => {
        waiters.delete(listener);
        reject(new Error(`Timed out waiting for the event ${name}`));
      }, opts.timeoutMs ?? 15_000);
      const listener = (e: RecordedEvent) => {
        if (!test(e)) return;
        clearTimeout(timer);
        waiters.delete(listener);
        resolve(e.payload as never);
      };
      waiters.add(listener);
    });

  const settled: TestDesk['settled'] = async (timeoutMs = 20_000) => {
    await waitFor(
      async () => {
        const runtime = core.accounts.runtime;
        if (!runtime) return false;
        const state = await call('sync.state');
        if (state.status !== 'online') return false;
        const [pending, acked] = await Promise.all([
          runtime.cache.call('pendingCount'),
          runtime.cache.call('ackedCount'),
        ]);
        if (pending + acked > 0) return false;
        const head = await runtime.client.changes(state.cursor, 1);
        const meta = await runtime.cache.call('syncMeta');
        return head.events.length === 0 && meta.cursor === state.cursor;
      },
      timeoutMs,
      'the desk to settle (outbox empty, feed applied to the head)',
    );
  };

  const desk: TestDesk = {
    core,
    dataDir,
    secrets,
    events,
    call,
    result,
    waitForEvent,
    waitFor,
    settled,
    async close(closeOptions = {}) {
      await core.close({ flush: closeOptions.flush ?? true });
      if (!givenDir && !closeOptions.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };

  if (signIn && backendUrl) {
    await call('account.signIn', { backendUrl, email, password });
  }
  if (core.accounts.runtime && waitForSync) await settled(60_000);
  return desk;
}

/**
 * A loopback TCP proxy in front of a backend, to cut the network in tests: `cut()` drops every connection and
 * refuses new ones, `dropResponses()` lets requests through but loses the answers (the backend acts, the desk never
 * hears), `restore()` lets everything through again.
 */
export interface CuttableProxy {
  url: string;
  cut(): void;
  dropResponses(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startCuttableProxy(targetUrl: string): Promise<CuttableProxy> {
  const { createServer, connect } = await import('node:net');
  const target = new URL(targetUrl);
  let mode: 'open' | 'cut' | 'drop' = 'open';
  const pairs = new Set<{ a: import('node:net').Socket; b: import('node:net').Socket }>();
  const server = createServer((client) => {
    if (mode === 'cut') {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    const pair = { a: client, b: upstream };
    pairs.add(pair);
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d) => {
      if (mode === 'open') client.write(d);
    });
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as import('node:net').AddressInfo;
  const dropAll = () => {
    for (const { a, b } of pairs) {
      a.destroy();
      b.destroy();
    }
    pairs.clear();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      mode = 'cut';
      dropAll();
    },
    dropResponses() {
      mode = 'drop';
    },
    restore() {
      if (mode === 'drop') dropAll();
      mode = 'open';
    },
    async close() {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What the desk's tests ask of a backend: a real one in this process (TestBackend) or in another (backendAt). */
export type BackendApi = Pick<TestBackend, 'url' | 'request' | 'token' | 'adminToken' | 'participantToken'>;

/** The API of a backend running in another process (e.g. one a test kills and restarts), with tokens cached. */
export function backendAt(url: string): BackendApi {
  const api = `${url}/api/v1`;
  const tokens = new Map<string, Promise<string>>();
  const request: BackendApi['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const body = opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const response = await fetch(`${api}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as never, headers: response.headers };
  };
  const signIn = (path: string, email: string) => {
    let token = tokens.get(`${path}|${email}`);
    if (!token) {
      token = request<{ token: string }>('POST', path, { body: { email, password: DEMO_PASSWORD } }).then((r) => {
        if (r.status !== 200) throw new Error(`sign-in of ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
        return r.body.token;
      });
      token.catch(() => tokens.delete(`${path}|${email}`));
      tokens.set(`${path}|${email}`, token);
    }
    return token;
  };
  const token: BackendApi['token'] = (role) => signIn('/auth/login', `${role}@demo.chatdesk`);
  return {
    url,
    request,
    token,
    adminToken: () => token('admin'),
    participantToken: (email) => signIn('/auth/participant/login', email),
  };
}
