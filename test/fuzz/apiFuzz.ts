// Runs the bad requests of apiCases.ts against a real backend: every route of its OpenAPI document with every role
// (admin, manager, moderator, agent staff tokens; a customer's and a seller's tokens; anonymous with no or broken
// credentials). A case passes when the answer is a 4xx with the `{error:{code,message}}` body and the database is
// exactly as before (hash of every table); a `hostile` case may also succeed, but never with a 5xx, and a GET never
// changes data. Tokens are signed in once (so sign-in throttling never sees the fuzz's own sign-ins).
import fc from 'fast-check';
import { ErrorBody } from '../../src/shared/errors.ts';
import type { TestBackend } from '../support/backend.ts';
import { createDataGuard, type DataGuard } from '../support/dbHash.ts';
import { ANONYMOUS_AUTH, type ApiCase, caseArbitrary, type RouteModel, routesFromOpenApi } from './apiCases.ts';
import { describeValue } from './schema.ts';

export const ROLES = ['admin', 'manager', 'moderator', 'agent', 'customer', 'seller', 'anonymous'] as const;
export type FuzzRole = (typeof ROLES)[number];

/**
 * Tables a refused request may write by design: refusals are remembered for their Idempotency-Key, and failed sign-ins
 * count towards the sign-in throttle.
 */
export const BOOKKEEPING_TABLES = ['idempotency_keys', 'login_throttle'];

export interface Failure {
  route: string;
  role: FuzzRole | string;
  category: ApiCase['category'] | 'bridge';
  defect: string;
  request: string;
  status: number | string;
  answer: string;
  changed: string[];
}

export interface PairStats {
  requests: number;
  s2xx: number;
  s4xx: number;
  s5xx: number;
  other: number;
  /** Cases that changed data where they must not (all but a write that accepted hostile text). */
  changed: number;
  failures: number;
  /** Time spent on this pair's cases. */
  ms: number;
}

export interface ApiFuzzContext {
  backend: Pick<TestBackend, 'url' | 'db'>;
  routes: RouteModel[];
  guard: DataGuard;
  tokenFor(role: FuzzRole, route: RouteModel): string | null;
  pool(route: RouteModel, field: string): string;
}

const emptyStats = (): PairStats => ({
  requests: 0,
  s2xx: 0,
  s4xx: 0,
  s5xx: 0,
  other: 0,
  changed: 0,
  failures: 0,
  ms: 0,
});

async function signIn(b: TestBackend, path: string, email: string): Promise<string> {
  const r = await b.request<{ token: string }>('POST', path, { body: { email, password: 'demo-password' } });
  if (r.status !== 200) throw new Error(`sign-in of ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}

/**
 * Reads the OpenAPI document, signs every role in once (twice for the sign-out routes, whose tokens an accepted
 * request would revoke), makes a spare staff account for the staff routes' ids, and collects real ids to put in
 * well-formed parts of requests. The data guard's first hash is taken last.
 */
export async function prepareApiFuzz(b: TestBackend): Promise<ApiFuzzContext> {
  const doc = await b.request<{ paths: Record<string, never> }>('GET', '/openapi.json');
  if (doc.status !== 200) throw new Error(`GET /openapi.json answered ${doc.status}`);
  const routes = routesFromOpenApi(doc.body);
  const emails: Record<Exclude<FuzzRole, 'anonymous'>, [string, string]> = {
    admin: ['/auth/login', 'admin@demo.chatdesk'],
    manager: ['/auth/login', 'manager@demo.chatdesk'],
    moderator: ['/auth/login', 'moderator@demo.chatdesk'],
    agent: ['/auth/login', 'agent@demo.chatdesk'],
    customer: ['/auth/participant/login', 'customer1@demo.chatdesk'],
    seller: ['/auth/participant/login', 'seller1@demo.chatdesk'],
  };
  const tokens = new Map<string, string>();
  for (const [role, [path, email]] of Object.entries(emails)) {
    tokens.set(role, await signIn(b, path, email));
    tokens.set(`${role}:logout`, await signIn(b, path, email));
  }
  const admin = tokens.get('admin') as string;
  const get = async <T>(path: string, token = admin) => {
    const r = await b.request<T>('GET', path, { token });
    if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  type Item = { id: string };
  const spare = await b.request<Item>('POST', '/admin/staff', {
    token: admin,
    body: {
      name: 'Fuzz Spare',
      email: `fuzz.spare.${Date.now()}@example.com`,
      role: 'agent',
      password: 'spare-password-1',
    },
  });
  if (spare.status !== 200 && spare.status !== 201)
    throw new Error(`spare staff account: ${spare.status} ${JSON.stringify(spare.body)}`);
  const sessions = (
    await get<{ items: Array<Item & { productId: string; customerId: string; sellerId: string }> }>(
      '/admin/sessions?limit=40',
    )
  ).items;
  const first = sessions[0];
  if (!first) throw new Error('the demo backend has no sessions');
  const messages = (await get<{ items: Item[] }>(`/admin/sessions/${first.id}/messages?limit=40`)).items;
  const own = [
    ...(await get<{ items: Item[] }>('/me/sessions', tokens.get('customer'))).items,
    ...(await get<{ items: Item[] }>('/me/sessions', tokens.get('seller'))).items,
  ];
  const pools: Record<string, string[]> = {
    sessions: sessions.map((s) => s.id),
    messages: messages.map((m) => m.id),
    products: sessions.map((s) => s.productId),
    customers: sessions.map((s) => s.customerId),
    sellers: sessions.map((s) => s.sellerId),
    users: [...sessions.map((s) => s.customerId), ...sessions.map((s) => s.sellerId)],
    staff: [spare.body.id],
    own: own.map((s) => s.id),
  };
  let turn = 0;
  const pick = (name: string) => {
    const list = pools[name] ?? [];
    return list.length > 0 ? (list[turn++ % list.length] as string) : crypto.randomUUID();
  };
  const pool = (route: RouteModel, field: string): string => {
    if (field === 'id') {
      const kind = /^\/(?:admin|me)\/(\w+)\/\{id\}/.exec(route.path)?.[1];
      if (route.path.startsWith('/me/sessions/')) return pick('own');
      if (kind === 'sessions' || kind === 'messages' || kind === 'users' || kind === 'products' || kind === 'staff')
        return pick(kind);
      return crypto.randomUUID();
    }
    if (field === 'productId') return pick('products');
    if (field === 'customerId') return pick('customers');
    if (field === 'sellerId') return pick('sellers');
    if (field === 'staffId') return pick('staff');
    if (field === 'before') return pick('messages');
    if (field === 'ids' || field === 'body')
      return route.path.includes('/messages') ? pick('messages') : pick('sessions');
    return crypto.randomUUID();
  };
  const guard = await createDataGuard(b.db, BOOKKEEPING_TABLES);
  return {
    backend: b,
    routes,
    guard,
    tokenFor(role, route) {
      if (role === 'anonymous') return null;
      return (route.path.endsWith('/logout') ? tokens.get(`${role}:logout`) : tokens.get(role)) ?? null;
    },
    pool,
  };
}

/** The request line of a case, for reports. */
export function requestLine(route: RouteModel, c: ApiCase): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => c.path[name] ?? '');
  const body =
    c.body?.text !== undefined
      ? ` ${describeValue(c.body.text, 100)}`
      : c.body?.bytes
        ? ` <${c.body.bytes.length} bytes>`
        : '';
  const headers = Object.keys(c.headers).length ? ` [${Object.keys(c.headers).join(',')}]` : '';
  return `${route.method} ${describeValue(path + (c.query ? `?${c.query}` : ''), 140)}${body}${headers}`;
}

export interface CaseOutcome {
  ok: boolean;
  status: number;
  changed: string[];
  why: string;
  answer: string;
}

/** Sends one case and judges the answer and the database. */
export async function runApiCase(
  ctx: ApiFuzzContext,
  route: RouteModel,
  role: FuzzRole,
  c: ApiCase,
): Promise<CaseOutcome> {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => c.path[name] ?? '');
  const headers: Record<string, string> = { ...c.headers };
  const token = ctx.tokenFor(role, route);
  const anonymous = role === 'anonymous' ? ANONYMOUS_AUTH[c.anonymous % ANONYMOUS_AUTH.length] : null;
  if (token) headers.authorization = `Bearer ${token}`;
  else if (anonymous) headers.authorization = anonymous;
  if (c.body?.contentType) headers['content-type'] = c.body.contentType;
  const body = c.body ? (c.body.bytes ?? c.body.text) : undefined;
  let status = 0;
  let text = '';
  let contentType = '';
  try {
    const response = await fetch(`${ctx.backend.url}/api/v1${path}${c.query ? `?${c.query}` : ''}`, {
      method: route.method,
      headers,
      ...(body !== undefined ? { body: body as RequestInit['body'] } : {}),
    });
    status = response.status;
    contentType = response.headers.get('content-type') ?? '';
    text = await response.text();
  } catch (error) {
    text = `request failed: ${String(error)}`;
  }
  const changed = await ctx.guard.check();
  const answer = describeValue(text, 200);
  const fail = (why: string): CaseOutcome => ({ ok: false, status, changed, why, answer });
  if (status === 0) return fail('no answer');
  if (status >= 500) return fail('5xx');
  if (status >= 400) {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // judged below
    }
    const error = ErrorBody.safeParse(parsed);
    if (!contentType.includes('application/json') || !error.success) return fail('4xx without the error body');
    // A refusal of the input names what was wrong with it.
    // (The fields as sent: a parsed record would lose a `__proto__` key to the prototype.)
    const fields = (parsed as { error: { fields?: object } }).error.fields ?? {};
    if (error.data.error.code === 'bad_request' && Object.keys(fields).length === 0) {
      return fail('bad_request without naming a field');
    }
    if (changed.length > 0) return fail('refused, yet data changed');
    return { ok: true, status, changed, why: '', answer };
  }
  if (c.category === 'refuse') return fail(status < 300 ? 'accepted' : `answered ${status}`);
  if (status >= 300) return fail(`answered ${status}`);
  if (route.method === 'GET' && changed.length > 0) return fail('a GET changed data');
  return { ok: true, status, changed, why: '', answer };
}

export interface ApiFuzzResult {
  stats: Map<string, PairStats>;
  failures: Failure[];
  seed: number;
}

/**
 * For each route × role, a fast-check property over `runs` cases. `untilFirstFailure` (the test suite) stops a pair at
 * its first failing case; otherwise (the bench) every case runs and every failure is kept.
 */
export async function runApiFuzz(
  ctx: ApiFuzzContext,
  options: {
    runs: number;
    seed: number;
    untilFirstFailure: boolean;
    roles?: readonly FuzzRole[];
    routes?: (r: RouteModel) => boolean;
  },
): Promise<ApiFuzzResult> {
  const stats = new Map<string, PairStats>();
  const failures: Failure[] = [];
  let pair = 0;
  for (const route of ctx.routes.filter(options.routes ?? (() => true))) {
    const arbitrary = caseArbitrary(route, ctx.pool);
    for (const role of options.roles ?? ROLES) {
      const key = `${route.id}|${role}`;
      const s = stats.get(key) ?? emptyStats();
      stats.set(key, s);
      const property = fc.asyncProperty(arbitrary, async (c) => {
        const outcome = await runApiCase(ctx, route, role, c);
        s.requests++;
        const st = outcome.status;
        if (st >= 200 && st < 300) s.s2xx++;
        else if (st >= 400 && st < 500) s.s4xx++;
        else if (st >= 500) s.s5xx++;
        else s.other++;
        // Data may change only when hostile text was accepted by a write; anything else counts.
        const acceptedWrite = c.category === 'hostile' && st >= 200 && st < 300 && route.method !== 'GET';
        if (outcome.changed.length > 0 && !acceptedWrite) s.changed++;
        if (!outcome.ok) {
          s.failures++;
          failures.push({
            route: route.id,
            role,
            category: c.category,
            defect: c.defect,
            request: requestLine(route, c),
            status: outcome.status,
            answer: `${outcome.why}: ${outcome.answer}`,
            changed: outcome.changed,
          });
        }
        return outcome.ok || !options.untilFirstFailure;
      });
      const started = performance.now();
      await fc.check(property, { numRuns: options.runs, seed: options.seed + pair++, endOnFailure: true });
      s.ms += performance.now() - started;
    }
  }
  return { stats, failures, seed: options.seed };
}

/** One line per distinct failure: route, status, what was wrong, the roles it happened for, one example. */
export function distinctFailures(failures: readonly Failure[]): string[] {
  const groups = new Map<string, { roles: Set<string>; example: Failure; count: number }>();
  for (const f of failures) {
    const kind = f.defect.replace(/"[^"]*"|=[^ ]*|\d+/g, '…').slice(0, 60);
    const key = `${f.route}|${f.status}|${f.answer.split(':')[0]}|${kind}`;
    const g = groups.get(key) ?? { roles: new Set(), example: f, count: 0 };
    g.roles.add(String(f.role));
    g.count++;
    groups.set(key, g);
  }
  return [...groups.values()].map(
    ({ roles, example: f, count }) =>
      `${f.route} [${[...roles].join(',')}] → ${f.status} ${f.answer}${f.changed.length ? ` (changed: ${f.changed.join(',')})` : ''}\n` +
      `    ${f.defect}; e.g. ${f.request} (${count}×)`,
  );
}
