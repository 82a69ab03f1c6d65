// Test helper: a real backend with the demo marketplace, fast. On PGlite the seeded database is cached as a
// tarball under os.tmpdir() (keyed by the migrations, the demo seed code and the day), so after the first file
// a backend starts in about two seconds. On PostgreSQL each backend gets a throwaway database, dropped at close.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { type RunningServer, type StartServerOptions, startServer } from '../../src/server/app.ts';
import type { Db } from '../../src/server/db/db.ts';
import { DEMO_STAFF, seedDemo } from '../../src/server/db/demo.ts';
import { migrate, migrationsHash } from '../../src/server/db/migrate.ts';
import { createPGlite, pgliteDb } from '../../src/server/db/pglite.ts';
import type { StaffRole } from '../../src/shared/domain.ts';

export const DEMO_PASSWORD = 'demo-password';
/**
 * scrypt cost (log2 N) of the test backends' passwords: production's 17 costs most of a second per sign-in on a
 * busy machine. The backend takes it as an explicit option; test/integration/server/signIn.test.ts covers 17 itself.
 */
export const TEST_PASSWORD_COST = 10;
export const POSTGRES_ADMIN_URL = process.env.CHATDESK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const serverDir = resolve(import.meta.dirname, '../../src/server');

function templateKey(): string {
  const hash = createHash('sha256');
  hash.update(migrationsHash());
  hash.update(`password cost ${TEST_PASSWORD_COST}`);
  for (const file of [
    'db/demo.ts',
    'db/demoTexts.ts',
    'moderation.ts',
    '../shared/search.ts',
    '../shared/arabicFold.ts',
  ]) {
    hash.update(readFileSync(join(serverDir, file)));
  }
  // Demo times are laid out backwards from "now": a template older than a day would drift out of "last 7 days".
  hash.update(new Date().toISOString().slice(0, 10));
  return hash.digest('hex').slice(0, 16);
}

let templateBlob: Promise<Blob> | null = null;

/** The seeded demo database as a PGlite tarball (made once per day and code version, shared by processes). */
export function demoTemplate(): Promise<Blob> {
  templateBlob ??= (async () => {
    const file = join(tmpdir(), `chatdesk-demo-template-${templateKey()}.tar.gz`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const pglite = await createPGlite();
    const db = pgliteDb(pglite, true);
    await migrate(db);
    await seedDemo(db, { password: DEMO_PASSWORD, passwordCost: TEST_PASSWORD_COST });
    const dump = await pglite.dumpDataDir('gzip');
    await db.close();
    const bytes = Buffer.from(await dump.arrayBuffer());
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
    return new Blob([bytes]);
  })();
  return templateBlob;
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestBackend {
  url: string;
  /** `${url}/api/v1` */
  api: string;
  db: Db;
  server: RunningServer;
  driver: 'pglite' | 'pg';
  /** PostgreSQL: the throwaway database's URL (for a second backend instance on it); PGlite: undefined. */
  databaseUrl: string | undefined;
  /** A staff token for a demo role (signed in once, then cached). */
  token(role: StaffRole): Promise<string>;
  adminToken(): Promise<string>;
  /** A participant token (`customer1@demo.chatdesk`, `seller3@demo.chatdesk`, …). */
  participantToken(email: string): Promise<string>;
  /** Forgets the cached token of this account (one a ban revoked), so the next call signs in again. */
  forgetToken(email: string): void;
  /** fetch + JSON against /api/v1. */
  request<T = unknown>(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

export interface TestBackendOptions extends Partial<StartServerOptions> {
  /** Run on PostgreSQL (a throwaway database) instead of PGlite. */
  postgres?: boolean;
  /** Start from the demo marketplace (default true). */
  demo?: boolean;
}

/** Creates an empty database on the local PostgreSQL; `drop()` removes it (closing its connections first). */
export async function createTestDatabase(
  prefix = 'chatdesk_test',
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    // The PostgreSQL suites are part of `npm test`: a missing server fails them, it never skips them.
    throw new Error(
      `The PostgreSQL tests need a server at ${POSTGRES_ADMIN_URL} (${String(error)}). Start it ` +
        '(pg_ctlcluster --skip-systemctl-redirect <version> main start) or point CHATDESK_TEST_PG_URL at one.',
    );
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function startTestBackend(options: TestBackendOptions = {}): Promise<TestBackend> {
  const { postgres, demo = true, ...rest } = options;
  let server: RunningServer;
  let cleanup: () => Promise<void> = async () => {};
  let databaseUrl: string | undefined;
  if (postgres) {
    const database = await createTestDatabase();
    databaseUrl = database.url;
    try {
      server = await startServer({
        logger: 'silent',
        checkResponses: true,
        loginRateLimit: 1000,
        passwordCost: TEST_PASSWORD_COST,
        cleanup: { intervalMs: 0 },
        ...rest,
        databaseUrl: database.url,
        demo,
        demoPassword: DEMO_PASSWORD,
      });
    } catch (error) {
      await database.drop();
      throw error;
    }
    cleanup = () => database.drop();
  } else {
    const pglite = demo ? await createPGlite({ loadDataDir: await demoTemplate() }) : await createPGlite();
    const db = pgliteDb(pglite, true);
    server = await startServer({
      logger: 'silent',
      checkResponses: true,
      loginRateLimit: 1000,
      passwordCost: TEST_PASSWORD_COST,
      cleanup: { intervalMs: 0 },
      ...rest,
      db,
    });
    cleanup = () => db.close();
  }
  const api = `${server.url}/api/v1`;
  const tokens = new Map<string, Promise<string>>();

  const request: TestBackend['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.rawBody !== undefined) body = opts.rawBody;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
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
      tokens.set(`${path}|${email}`, token);
    }
    return token;
  };
  const token = (role: StaffRole) => {
    const staff = DEMO_STAFF.find((s) => s.role === role);
    if (!staff) throw new Error(`no demo staff with role ${role}`);
    return signIn('/auth/login', staff.email);
  };

  return {
    url: server.url,
    api,
    db: server.db,
    server,
    driver: server.db.driver,
    databaseUrl,
    token,
    adminToken: () => token('admin'),
    participantToken: (email) => signIn('/auth/participant/login', email),
    forgetToken(email) {
      for (const key of tokens.keys()) if (key.endsWith(`|${email}`)) tokens.delete(key);
    },
    request,
    async close() {
      await server.close();
      await cleanup();
    },
  };
}
