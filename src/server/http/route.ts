// One declaration per route: method, path, zod schemas, permission, handler. `defineRoute` registers it on Fastify
// (who is asking: authenticate.ts; the input, checked here; writes in one transaction with their idempotency key,
// events and audit entries: transaction.ts, idempotency.ts) and adds it to the OpenAPI document (openapi.ts).
import type { WebSocket } from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { API_PREFIX } from '../../shared/api.ts';
import type { Permission, Staff, User } from '../../shared/domain.ts';
import { AppError, errorFromZod } from '../../shared/errors.ts';
import { inspectInput, strictnessGaps } from '../../shared/inputGuard.ts';
import { impossibleToken, type Principal, principalOfRows, principalStatement, tokenHash } from '../auth.ts';
import type { Db, Queryable, Row, Statement } from '../db/db.ts';
import type { FeedHub, FeedSockets } from '../feed.ts';
import type { LoginThrottleOptions } from '../loginThrottle.ts';
import { type WriteCtx, writeCtx } from '../store/context.ts';
import { type Auth, actorOf, admit, authenticate, bearerToken, staffOf } from './authenticate.ts';
import {
  claimByToken,
  claimStatement,
  idempotencyOf,
  principalKey,
  type RequestKey,
  requestKey,
} from './idempotency.ts';
import { inputRefusal, malformedQuery } from './input.ts';
import { runWrite, type WriteRun } from './transaction.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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
  /** The clock sanctions start and end by (B9); tests move it. */
  now: () => Date;
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
  /** The database as this request sees it: the transaction of a write route, the pool of a read route. */
  db: Queryable;
  /** Write routes: the transaction (`write.tx`, the same as `db`), who acts, and the events and audit entries
   *  appended at its end. */
  write: WriteCtx;
  deps: ServerDeps;
  request: FastifyRequest;
  reply: FastifyReply;
  /** Answer with another success status than the route's (a repeat that created nothing: 200 instead of 201). */
  setStatus(code: number): void;
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
  /** Other success statuses the handler may answer with (HandlerCtx.setStatus), for the OpenAPI document. */
  otherStatuses?: Record<number, string>;
  /** Refusals worth naming in the OpenAPI document beyond the usual 4XX (e.g. 409 on a stale revision). */
  refusals?: Record<number, string>;
  /** Runs in one transaction with Idempotency-Key support (default: every method but GET). */
  write?: boolean;
  /** Accept Idempotency-Key (default: writes). Sign-in routes opt out: a replayed login must not hand out tokens. */
  idempotent?: boolean;
  /** Extra refusal before the handler, run outside any transaction (sign-in's throttle and password check). */
  guard?: (ctx: HandlerCtx<P, Q, B>) => Promise<void>;
  /** Extra refusal read in one statement with the caller's token (participant routes: F12's switch, B9). */
  gate?: Gate;
  handler: (ctx: HandlerCtx<P, Q, B>) => Promise<R>;
}

export type AnyRoute = RouteSpec<unknown, unknown, unknown, unknown>;

/**
 * A refusal decided by one statement about whoever holds the request's token: a write sends it with its BEGIN beside
 * the reading of the token (so inside its transaction), a read after the token is read. Judged once the caller is
 * admitted and the input checked (401 and 403, then 400, then the gate's refusal).
 */
export interface Gate {
  statement(tokenHash: string, now: Date): Statement;
  /** Throws the refusal what the statement answered calls for. */
  judge(rows: readonly Row[]): void;
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
      const answer = { status: spec.status ?? 200 };
      const ctx: HandlerCtx<P, Q, B> = {
        params: undefined as P,
        query: undefined as Q,
        body: undefined as B,
        principal: null,
        staff: undefined as unknown as Staff,
        user: undefined as unknown as User,
        db: deps.db,
        // Set once who is asking is known (reads), or by the write's transaction.
        write: undefined as unknown as WriteCtx,
        deps,
        request,
        reply,
        setStatus(code) {
          answer.status = code;
        },
      };
      const signIn = (principal: Principal | null) => {
        ctx.principal = principal;
        ctx.staff = (principal?.kind === 'staff' ? principal.staff : undefined) as Staff;
        ctx.user = (principal?.kind === 'user' ? principal.user : undefined) as User;
      };
      // What is asked, checked once who is asking is known (401 and 403 come before 400).
      const readInput = () => {
        ctx.params = parseWith(spec.params, request.params, 'path');
        ctx.query = parseWith(spec.query, request.query, 'query');
        ctx.body = parseWith(spec.body, request.body, 'body');
      };
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
      const writeRun = (opening: Statement[], judge: WriteRun['admit']): Promise<unknown> =>
        runWrite(
          {
            db: deps.db,
            hub: deps.hub,
            reply,
            get status() {
              return answer.status;
            },
            opening,
            admit: judge,
          },
          async (transaction) => {
            ctx.db = transaction.tx;
            ctx.write = transaction;
            return finish(await spec.handler(ctx));
          },
        );
      const token = spec.auth === 'none' ? null : bearerToken(request);
      // A write without a guard reads its caller's token with its BEGIN, one round trip (a guard runs outside any
      // transaction, after the caller is known, so a route with one reads the token first, as reads do).
      if (write && spec.auth !== 'none' && !spec.guard && token && !impossibleToken(token)) {
        const auth = spec.auth;
        // A malformed key is refused once the caller is known, like the rest of the input; it is not claimed.
        let key: RequestKey | null = null;
        let keyRefusal: unknown = null;
        try {
          key = idempotent ? requestKey(request, spec.method) : null;
        } catch (refusal) {
          keyRefusal = refusal;
        }
        // The token's hash, made once for every statement.
        const hash = tokenHash(token);
        const gate = spec.gate;
        const opening = [
          principalStatement(hash),
          ...(gate ? [gate.statement(hash, deps.now())] : []),
          ...(key ? [claimByToken(hash, key)] : []),
        ];
        return writeRun(opening, async (tx, opened) => {
          const [read, gated] = [opened[0], gate ? opened[1] : undefined];
          const claimed = key ? opened[opening.length - 1] : undefined;
          const principal = await admit(
            tx,
            principalOfRows(read?.rows ?? [], token),
            token,
            auth,
            spec.permission,
            deps.now,
          );
          signIn(principal);
          readInput();
          gate?.judge(gated?.rows ?? []);
          if (keyRefusal) throw keyRefusal;
          return {
            actor: actorOf(principal),
            staff: staffOf(principal),
            idempotency: key ? { principal: principalKey(principal), ...key } : null,
            claimed: claimed ?? null,
          };
        });
      }
      // 1. who is asking
      const principal = await authenticate(deps.db, request, spec.auth, spec.permission, deps.now);
      signIn(principal);
      // 2. what is asked
      readInput();
      ctx.write = writeCtx(deps.db, actorOf(principal), staffOf(principal));
      if (spec.gate && token) {
        const { sql, params } = spec.gate.statement(tokenHash(token), deps.now());
        spec.gate.judge((await deps.db.query(sql, params)).rows);
      }
      if (spec.guard) await spec.guard(ctx);
      if (!write) {
        const value = finish(await spec.handler(ctx));
        reply.code(answer.status);
        return value;
      }
      // 3. writes: one transaction with the idempotency record, the events and the audit entries
      const idempotency = idempotent ? idempotencyOf(request, spec.method, principal) : null;
      return writeRun(idempotency ? [claimStatement(idempotency)] : [], async (_tx, [claimed]) => ({
        actor: actorOf(principal),
        staff: staffOf(principal),
        idempotency,
        claimed: claimed ?? null,
      }));
    },
  });
}
