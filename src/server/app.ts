// The marketplace backend as a program and as a library: `startServer` opens the database (PGlite or PostgreSQL),
// applies the migrations, optionally fills a demo marketplace, and serves /api/v1 over HTTP and WebSocket.
import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import fastifyHelmet from '@fastify/helmet';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { API_PREFIX, WsClose } from '../shared/api.ts';
import { AppError, type ErrorBody, statusForCode } from '../shared/errors.ts';
import { DEFAULT_PASSWORD_COST, hashPassword, TOKENS_CHANNEL } from './auth.ts';
import { type CleanupOptions, defaultCleanup, startCleanup } from './cleanup.ts';
import type { Db } from './db/db.ts';
import { migrate } from './db/migrate.ts';
import { pgDb } from './db/pg.ts';
import { createPGlite, pgliteDb } from './db/pglite.ts';
import { defaultRetention, FeedHub, FeedSockets, pruneEvents, type RetentionOptions } from './feed.ts';
import { frameworkErrors, parseQueryString, registerJsonParser } from './http/input.ts';
import { openapiDocument } from './http/openapi.ts';
import { pgErrorToApp } from './http/pgErrors.ts';
import { redactUrl } from './http/redact.ts';
import type { AnyRoute, ServerDeps } from './http/route.ts';
import { defaultLoginThrottle, type LoginThrottleOptions, RateLimited } from './loginThrottle.ts';
import { adminRoutes } from './routes/admin/index.ts';
import { authRoutes } from './routes/auth.ts';
import { feedRoutes } from './routes/feed.ts';
import { messageSearchRoutes } from './routes/messageSearch.ts';
import { participantRoutes } from './routes/participant.ts';

export interface StartServerOptions {
  /** PostgreSQL server (`postgres://…`); takes precedence over `dataDir`. */
  databaseUrl?: string | undefined;
  /** PGlite data folder (created if missing). Without it and without `databaseUrl`: an in-memory PGlite. */
  dataDir?: string | undefined;
  /** An open PGlite instance to use (made with `createPGlite` so pg_trgm is loaded); the caller closes it. */
  pglite?: PGlite | undefined;
  /** An open Db to use (tests); the caller closes it. */
  db?: Db | undefined;
  port?: number | undefined;
  host?: string | undefined;
  /** Fill an empty database with the demo marketplace and staff accounts. */
  demo?: boolean | undefined;
  demoPassword?: string | undefined;
  /** Fastify log level (`silent` by default in-process; main.ts uses `info`). */
  logger?: 'silent' | 'fatal' | 'error' | 'warn' | 'info' | 'debug' | undefined;
  /** Validate every response against its schema (tests; costs a little time). */
  checkResponses?: boolean | undefined;
  heartbeatMs?: number | undefined;
  /**
   * How often the tokens of open feed sockets are checked again (expiry; a revocation another instance made while
   * this one missed its notification). Revocations heard through NOTIFY close the sockets at once. Default 15 s.
   */
  tokenCheckMs?: number | undefined;
  retention?: Partial<RetentionOptions> | undefined;
  /**
   * Periodic deletion of old idempotency records and of expired or revoked tokens (cleanup.ts): hourly by default,
   * `intervalMs: 0` turns it off (the test backend does unless a test asks).
   */
  cleanup?: Partial<CleanupOptions> | undefined;
  /**
   * Failed sign-ins one address may make on one account before each further one waits (loginThrottle.ts; the
   * shorthand for `loginThrottle.accountFailures`).
   */
  loginRateLimit?: number | undefined;
  /** Sign-in throttling: per account and address, and per address across accounts (defaults in loginThrottle.ts). */
  loginThrottle?: Partial<LoginThrottleOptions> | undefined;
  /** scrypt cost of passwords as log2 N (default 17); tests pass a lower one to stay fast. */
  passwordCost?: number | undefined;
  /**
   * Behind a load balancer or proxy: the proxies' addresses/subnets whose X-Forwarded-For names the caller (never
   * "trust every hop": a caller could then pick its own address). Sign-in throttling counts by that address.
   */
  trustProxy?: string[] | undefined;
  /** Where log lines go (default stdout); tests read them. */
  logStream?: { write(line: string): void } | undefined;
  bodyLimit?: number | undefined;
  tokenTtlMs?: Partial<ServerDeps['tokenTtlMs']> | undefined;
  /** Pool size on PostgreSQL. */
  poolSize?: number | undefined;
  /** Creates this admin account when there is no staff account at all (a fresh production database). */
  bootstrapAdmin?: { email: string; password: string; name?: string } | undefined;
  /** The clock sanctions start and end by (B9); default the system's. Tests pass one they move. */
  clock?: (() => Date) | undefined;
}

export interface RunningServer {
  url: string;
  db: Db;
  app: FastifyInstance;
  hub: FeedHub;
  /** What demo mode created (null when the database was not empty or demo is off). */
  demo: { staff: Array<{ email: string; role: string }>; password: string } | null;
  close(): Promise<void>;
}

export async function openDb(
  options: Pick<StartServerOptions, 'databaseUrl' | 'dataDir' | 'pglite' | 'db' | 'poolSize'>,
): Promise<{
  db: Db;
  owned: boolean;
}> {
  if (options.db) return { db: options.db, owned: false };
  if (options.databaseUrl) return { db: pgDb(options.databaseUrl, { max: options.poolSize ?? 10 }), owned: true };
  if (options.pglite) return { db: pgliteDb(options.pglite, false), owned: false };
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await createPGlite(options.dataDir ? { dataDir: options.dataDir } : {});
  return { db: pgliteDb(pglite, true), owned: true };
}

export async function buildApp(db: Db, hub: FeedHub, options: StartServerOptions = {}) {
  const app = Fastify({
    logger: {
      level: options.logger ?? 'silent',
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Secrets sent in a query string (any spelling or encoding of `token` and the like) never reach the logs.
      serializers: {
        req: (request: { method: string; url: string; ip?: string }) => ({
          method: request.method,
          url: redactUrl(request.url),
          ip: request.ip,
        }),
      },
    },
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    bodyLimit: options.bodyLimit ?? 128 * 1024,
    // Query strings: one value per name (an array where a scalar is expected fails validation anyway).
    routerOptions: { maxParamLength: 200, querystringParser: parseQueryString },
    // A malformed path (`/%ZZ`) and the like: 400 with the product's error body.
    frameworkErrors,
  });
  const deps: ServerDeps = {
    db,
    hub,
    sockets: new FeedSockets((error) =>
      app.log.warn({ err: error }, 'checking the tokens of open feed sockets failed; the next check retries'),
    ),
    checkResponses: options.checkResponses ?? false,
    tokenTtlMs: { staff: 12 * 3600_000, user: 30 * 24 * 3600_000, ...options.tokenTtlMs },
    passwordCost: options.passwordCost ?? DEFAULT_PASSWORD_COST,
    loginThrottle: {
      ...defaultLoginThrottle,
      ...(options.loginRateLimit !== undefined ? { accountFailures: options.loginRateLimit } : {}),
      ...options.loginThrottle,
    },
    now: options.clock ?? (() => new Date()),
    routes: [] as AnyRoute[],
  };
  registerJsonParser(app);

  app.setErrorHandler((error: FastifyError & { code?: string }, request, reply) => {
    let appError: AppError;
    if (error instanceof AppError) appError = error;
    else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      appError = new AppError(
        'payload_too_large',
        `The request body is larger than ${app.initialConfig.bodyLimit} bytes`,
      );
    } else if (error.statusCode === 429) {
      appError = new AppError('rate_limited', 'Too many attempts: wait a minute and try again');
    } else if (error.code?.startsWith('FST_ERR_CTP') || error.code === 'FST_ERR_VALIDATION') {
      appError = new AppError('bad_request', `Invalid body: ${error.message}`, { body: error.message });
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      appError = new AppError('bad_request', error.message, undefined, error.statusCode);
    } else {
      appError =
        pgErrorToApp(error as never) ??
        new AppError('internal', 'Something went wrong on the server; it has been logged');
    }
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    const body: ErrorBody = { error: appError.toInfo() };
    if (appError.code === 'rate_limited') {
      reply.header('retry-after', String(appError instanceof RateLimited ? appError.retryAfterS : 60));
    }
    void reply.code(appError.status || statusForCode(appError.code)).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` },
    };
    void reply.code(404).send(body);
  });

  await app.register(fastifyHelmet, { global: true });
  // No permessage-deflate (ws's default): a live frame is encoded once and its bytes go to every desk as they are
  // (routes/feed.ts); compressing per socket would undo that.
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  authRoutes(app, deps);
  adminRoutes(app, deps);
  messageSearchRoutes(app, deps);
  participantRoutes(app, deps);
  feedRoutes(app, deps, { heartbeatMs: options.heartbeatMs ?? 15_000 });
  app.get(`${API_PREFIX}/openapi.json`, async () => openapiDocument(deps.routes));
  app.get(`${API_PREFIX}/health`, async () => ({ ok: true, lastSeq: hub.lastSeq }));
  return { app, deps, sockets: deps.sockets };
}

async function bootstrapAdmin(
  db: Db,
  admin: { email: string; password: string; name?: string },
  passwordCost: number,
): Promise<void> {
  const { rows } = await db.query('SELECT 1 FROM staff LIMIT 1');
  if (rows.length > 0) return;
  await db.query(`INSERT INTO staff (name, email, role, password_hash) VALUES ($1, $2, 'admin', $3)`, [
    admin.name ?? 'Administrator',
    admin.email,
    await hashPassword(admin.password, passwordCost),
  ]);
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const { db, owned } = await openDb(options);
  let hub: FeedHub | null = null;
  try {
    await migrate(db);
    let demo: RunningServer['demo'] = null;
    if (options.demo) {
      const { seedDemo } = await import('./db/demo.ts');
      const password = options.demoPassword ?? 'demo-password';
      const seeded = await seedDemo(db, { password, passwordCost: options.passwordCost });
      if (seeded) demo = { staff: seeded.staff, password };
    }
    if (options.bootstrapAdmin) {
      await bootstrapAdmin(db, options.bootstrapAdmin, options.passwordCost ?? DEFAULT_PASSWORD_COST);
    }
    const retention = { ...defaultRetention, ...options.retention };
    await pruneEvents(db, retention);
    let warn = (_error: unknown) => {};
    hub = new FeedHub(db, (error) => warn(error));
    await hub.start();
    const { app, sockets } = await buildApp(db, hub, options);
    warn = (error) => app.log.warn({ err: error }, 'numbering feed events failed; retried within a second');
    const pruneTimer = setInterval(
      () =>
        void pruneEvents(db, retention).catch((error: unknown) =>
          app.log.warn({ err: error }, 'pruning old feed events failed; retried in a minute'),
        ),
      60_000,
    );
    pruneTimer.unref();
    // Revoked or expired tokens: their feed sockets close with 4401 and the reason.
    const recheck = (reason: string) => sockets.recheck(db, reason, WsClose.unauthenticated);
    const unlistenTokens = await db.listen(
      TOKENS_CHANNEL,
      (payload) =>
        void recheck(
          payload === 'account disabled' ? 'account disabled: sign-in revoked' : 'signed out: token revoked',
        ),
    );
    const cleanup = startCleanup(db, { ...defaultCleanup, ...options.cleanup }, (error) =>
      app.log.warn({ err: error }, 'cleanup of idempotency records and tokens failed'),
    );
    const tokenTimer = setInterval(() => void recheck('token expired or revoked'), options.tokenCheckMs ?? 15_000);
    tokenTimer.unref();
    const address = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
    const url = address.replace('[::1]', 'localhost');
    let closing: Promise<void> | null = null;
    const runningHub = hub;
    return {
      url,
      db,
      app,
      hub: runningHub,
      demo,
      close() {
        closing ??= (async () => {
          clearInterval(pruneTimer);
          clearInterval(tokenTimer);
          await cleanup.stop();
          // Closing: a failed UNLISTEN changes nothing, the listening connection closes with the database.
          await unlistenTokens().catch(() => {});
          sockets.closeAll(WsClose.shuttingDown, 'server shutting down');
          await runningHub.close();
          await app.close();
          if (owned) await db.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await hub?.close();
    // The start failed with `error`, thrown below: that is what the caller must see, not a failure to close.
    if (owned) await db.close().catch(() => {});
    throw error;
  }
}
