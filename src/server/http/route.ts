// One declaration per route: method, path, zod schemas, permission, handler. `defineRoute` registers it on Fastify
// with validation, authentication, role checks, idempotent writes in one transaction (with the events and the
// audit entries), and adds it to the OpenAPI document.
import { createHash } from 'node:crypto';
import type { WebSocket } from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { API_PREFIX, IDEMPOTENCY_HEADER } from '../../shared/api.ts';
import { can, type Permission, type Staff, type User } from '../../shared/domain.ts';
import { AppError, ErrorBody, errorFromZod } from '../../shared/errors.ts';
import type { Actor } from '../../shared/events.ts';
import { inspectInput, strictnessGaps } from '../../shared/inputGuard.ts';
import { type Principal, principalForToken } from '../auth.ts';
import type { Db, Queryable } from '../db/db.ts';
import { appendEvents, type FeedHub, type FeedSockets } from '../feed.ts';
import type { LoginThrottleOptions } from '../loginThrottle.ts';
import { flushAudit, type WriteCtx, writeCtx } from '../store/context.ts';
import { inputRefusal, malformedQuery } from './input.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Auth = 'none' | 'staff' | 'user';

export interface ServerDeps {
  db: Db;
  hub: FeedHub;
  /** This instance's open feed sockets, with the token each was opened with. */
  sockets: FeedSockets<WebSocket>;
  checkResponses: boolean;
  tokenTtlMs: { staff: number; user: number };
  /** scrypt cost (log2 N) of new and re-hashed passwords (auth.ts). */
  passwordCost: number;
  loginThrottle: LoginThrottleOptions;
  /** Every route declared on this app, for the OpenAPI document. */
  routes: AnyRoute[];
}

export interface HandlerCtx<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal | null;
  /** The signed-in staff member (staff routes). */
  staff: Staff;
  /** The signed-in participant (participant routes). */
  user: User;
  /** The transaction of a write route, the pool of a read route. */
  q: Queryable;
  /** Write routes: collects events and audit entries for the end of the transaction. */
  w: WriteCtx;
  deps: ServerDeps;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<P, Q, B, R> {
  method: Method;
  /** Path under /api/v1, Fastify style (`/admin/sessions/:id`). */
  path: string;
  summary: string;
  tags?: string[];
  auth: Auth;
  permission?: Permission;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response: z.ZodType<R>;
  /** Success status (default 200). */
  status?: number;
  /** Runs in one transaction with Idempotency-Key support (default: every method but GET). */
  write?: boolean;
  /** Accept Idempotency-Key (default: writes). Sign-in routes opt out: a replayed login must not hand out tokens. */
  idempotent?: boolean;
  /** Extra refusal before the handler (participant routes: the F12 gate). */
  guard?: (ctx: HandlerCtx<P, Q, B>) => Promise<void>;
  handler: (ctx: HandlerCtx<P, Q, B>) => Promise<R>;
}

export type AnyRoute = RouteSpec<unknown, unknown, unknown, unknown>;

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (match) return match[1] ?? null;
  }
  return null;
}

function parseWith<T>(schema: z.ZodType<T> | undefined, value: unknown, what: string): T {
  // Query strings and path parameters are checked here (NUL, lone surrogates); JSON bodies by their parser.
  if (what !== 'body') {
    const malformed = malformedQuery(value);
    if (malformed) throw malformed;
    // Fastify's params and the query parser's result are not plain objects: their own entries are what is checked.
    const problem = inspectInput(value && typeof value === 'object' ? { ...value } : value);
    if (problem) throw inputRefusal(what, problem);
  }
  if (!schema) {
    // A route without a query string or body takes none: what is sent anyway is named, not ignored.
    const sent = value === null || value === undefined ? [] : typeof value === 'object' ? Object.keys(value) : [''];
    if (what !== 'path' && sent.length > 0) {
      const fields = Object.fromEntries(
        sent.map((key) => [key || what, `is not a known field (this route takes no ${what})`]),
      );
      throw new AppError('bad_request', `Invalid ${what}: this route takes none`, fields);
    }
    return undefined as T;
  }
  const result = schema.safeParse(value ?? (what === 'body' ? undefined : {}));
  if (!result.success) throw errorFromZod(result.error, what);
  return result.data;
}

function actorOf(principal: Principal | null): Actor {
  if (!principal) return { kind: 'system', id: null };
  return principal.kind === 'staff'
    ? { kind: 'staff', id: principal.staff.id }
    : { kind: 'user', id: principal.user.id };
}

const principalKey = (p: Principal | null) =>
  p ? (p.kind === 'staff' ? `staff:${p.staff.id}` : `user:${p.user.id}`) : 'anonymous';

class Replay {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    this.status = status;
    this.body = body;
  }
}

export function defineRoute<P, Q, B, R>(app: FastifyInstance, deps: ServerDeps, spec: RouteSpec<P, Q, B, R>): void {
  const write = spec.write ?? spec.method !== 'GET';
  const idempotent = spec.idempotent ?? write;
  // Every request schema refuses keys it does not know: a route declared with a lenient one does not start.
  for (const [what, schema] of [
    ['params', spec.params],
    ['query', spec.query],
    ['body', spec.body],
  ] as const) {
    const gaps = schema ? strictnessGaps(schema, what) : [];
    if (gaps.length > 0) {
      throw new Error(`${spec.method} ${spec.path}: ${gaps.join(', ')} must be strict objects (z.strictObject)`);
    }
  }
  deps.routes.push(spec as unknown as AnyRoute);
  const url = `${API_PREFIX}${spec.path}`;
  app.route({
    method: spec.method,
    url,
    handler: async (request, reply) => {
      // 1. who is asking
      let principal: Principal | null = null;
      if (spec.auth !== 'none') {
        const token = bearerToken(request);
        principal = token ? await principalForToken(deps.db, token) : null;
        if (!principal) throw new AppError('unauthenticated', 'Sign in first: missing, expired or revoked token');
        if (principal.kind !== spec.auth) {
          throw new AppError(
            'forbidden',
            spec.auth === 'staff' ? 'This route is for staff accounts' : 'This route is for customers and sellers',
          );
        }
        if (spec.permission && principal.kind === 'staff' && !can(principal.staff.role, spec.permission)) {
          throw new AppError(
            'forbidden',
            `The ${principal.staff.role} role may not do this (needs ${spec.permission})`,
          );
        }
      }
      // 2. what is asked
      const params = parseWith(spec.params, request.params, 'path');
      const query = parseWith(spec.query, request.query, 'query');
      const body = parseWith(spec.body, request.body, 'body');
      const ctx: HandlerCtx<P, Q, B> = {
        params,
        query,
        body,
        principal,
        staff: (principal?.kind === 'staff' ? principal.staff : undefined) as Staff,
        user: (principal?.kind === 'user' ? principal.user : undefined) as User,
        q: deps.db,
        w: writeCtx(deps.db, actorOf(principal), principal?.kind === 'staff' ? principal.staff : null),
        deps,
        request,
        reply,
      };
      if (spec.guard) await spec.guard(ctx);
      const status = spec.status ?? 200;
      const finish = (value: R) => {
        if (deps.checkResponses) {
          const checked = spec.response.safeParse(value);
          if (!checked.success) {
            request.log.error({ issues: checked.error.issues, url }, 'response does not match its schema');
            throw new AppError('internal', `Response of ${spec.method} ${url} does not match its schema`);
          }
        }
        return value;
      };
      if (!write) {
        reply.code(status);
        return finish(await spec.handler(ctx));
      }

      // 3. writes: one transaction with the idempotency record, the events and the audit entries
      const rawKey = request.headers[IDEMPOTENCY_HEADER];
      const key = idempotent && typeof rawKey === 'string' ? rawKey : undefined;
      if (key !== undefined && (key.length < 1 || key.length > 200)) {
        throw new AppError('bad_request', 'Idempotency-Key must be 1–200 characters', {
          'Idempotency-Key': 'must be 1–200 characters',
        });
      }
      const who = principalKey(principal);
      const fingerprint = createHash('sha256')
        .update(`${spec.method} ${request.url.split('?')[0]} ${JSON.stringify(request.body ?? null)}`)
        .digest('hex');
      const replayOf = (row: { fingerprint: string; status: number | null; body: unknown } | undefined) => {
        if (!row) return null;
        if (row.fingerprint !== fingerprint) {
          throw new AppError('conflict', 'This Idempotency-Key was already used for a different request', {
            'Idempotency-Key': 'already used for a different request',
          });
        }
        return row.status === null ? null : new Replay(row.status, row.body);
      };
      const sendReplay = (r: Replay) => {
        reply.code(r.status).header('idempotent-replayed', 'true');
        return r.body;
      };
      if (key) {
        const { rows } = await deps.db.query<{ fingerprint: string; status: number | null; body: unknown }>(
          'SELECT fingerprint, status, body FROM idempotency_keys WHERE principal = $1 AND key = $2',
          [who, key],
        );
        const replay = replayOf(rows[0]);
        if (replay) return sendReplay(replay);
      }
      try {
        const outcome = await deps.db.transaction(async (tx) => {
          if (key) {
            // Claims the key; a concurrent request with the same key waits here until the first one commits.
            const claimed = await tx.query(
              `INSERT INTO idempotency_keys (principal, key, fingerprint) VALUES ($1, $2, $3)
               ON CONFLICT (principal, key) DO NOTHING RETURNING 1`,
              [who, key, fingerprint],
            );
            if (claimed.rowCount === 0) {
              const { rows } = await tx.query<{ fingerprint: string; status: number | null; body: unknown }>(
                'SELECT fingerprint, status, body FROM idempotency_keys WHERE principal = $1 AND key = $2',
                [who, key],
              );
              const replay = replayOf(rows[0]);
              if (replay) return replay;
              throw new AppError('conflict', 'A request with this Idempotency-Key is still running');
            }
          }
          ctx.q = tx;
          ctx.w = writeCtx(tx, actorOf(principal), principal?.kind === 'staff' ? principal.staff : null);
          const value = finish(await spec.handler(ctx));
          await flushAudit(ctx.w);
          await appendEvents(tx, ctx.w.actor, ctx.w.events);
          if (key) {
            await tx.query(
              'UPDATE idempotency_keys SET status = $3, body = $4::jsonb WHERE principal = $1 AND key = $2',
              [who, key, status, JSON.stringify(value ?? null)],
            );
          }
          return { value, events: ctx.w.events.length };
        });
        if (outcome instanceof Replay) return sendReplay(outcome);
        if (outcome.events > 0) deps.hub.wake();
        reply.code(status);
        return outcome.value;
      } catch (error) {
        // A refused request is remembered too, so its replay answers the same (and still changes nothing).
        if (key && error instanceof AppError && error.status < 500 && error.code !== 'conflict') {
          await deps.db
            .query(
              `INSERT INTO idempotency_keys (principal, key, fingerprint, status, body) VALUES ($1, $2, $3, $4, $5::jsonb)
               ON CONFLICT (principal, key) DO NOTHING`,
              [who, key, fingerprint, error.status, JSON.stringify({ error: error.toInfo() })],
            )
            // Best effort: unremembered, a replay runs the request again, is refused again and changes nothing.
            .catch(() => {});
        }
        throw error;
      }
    },
  });
}

/** PostgreSQL's `{id}` form of a Fastify path. */
const openapiPath = (path: string) => `${API_PREFIX}${path.replace(/:(\w+)/g, '{$1}')}`;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}

/** The OpenAPI 3 document of every route declared so far, from the same zod schemas that validate them. */
export function openapiDocument(routes: readonly AnyRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const seen = new Set<string>();
  for (const spec of routes) {
    const id = `${spec.method} ${spec.path}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const path = openapiPath(spec.path);
    paths[path] ??= {};
    const write = spec.write ?? spec.method !== 'GET';
    const errorContent = { 'application/json': { schema: jsonSchema(ErrorBody, 'output') } };
    (paths[path] as Record<string, unknown>)[spec.method.toLowerCase()] = {
      summary: spec.summary,
      tags: spec.tags ?? [spec.path.split('/')[1] ?? 'api'],
      ...(spec.auth !== 'none' ? { security: [{ bearer: [] }] } : {}),
      ...(spec.permission ? { 'x-permission': spec.permission } : {}),
      parameters: [
        ...parametersOf(spec.params, 'path'),
        ...parametersOf(spec.query, 'query'),
        ...((spec.idempotent ?? write)
          ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }]
          : []),
      ],
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(spec.status ?? 200)]: {
          description: 'OK',
          content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } },
        },
        '4XX': {
          description: 'Refused: `error.code` says why, `error.fields` names each field',
          content: errorContent,
        },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Chat Desk marketplace backend', version: '1.0.0' },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
