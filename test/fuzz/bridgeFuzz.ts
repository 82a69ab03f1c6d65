// Every bridge call (src/shared/bridge.ts) through a real desk core signed in to a real backend, with inputs its
// contract refuses (wrong types, unknown keys, missing or out-of-range fields, hostile nesting, values only IPC's
// structured clone carries: NaN, Infinity, -0, BigInt, Date, Map) and, for the calls that only read, hostile text in
// free-text fields. A refused input must come back as `{ok:false}` with `bad_request` naming a field; nothing may crash
// (no `internal` error, the core still answers), and neither the desk's cache nor the backend's database may change.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { z } from 'zod';
import { bridgeCalls, type CallName, callNames } from '../../src/shared/bridge.ts';
import type { Result } from '../../src/shared/result.ts';
import type { TestBackend } from '../support/backend.ts';
import { createDataGuard, type DataGuard } from '../support/dbHash.ts';
import type { TestDesk } from '../support/desk.ts';
import { BOOKKEEPING_TABLES, type Failure, type PairStats } from './apiFuzz.ts';
import { badValue, describeValue, hostileText, isFreeText, type JsonSchema, RawJson, validSample } from './schema.ts';

/** Calls that only read: hostile text in their free-text fields may be answered, never crash or change anything. */
export const READ_CALLS: ReadonlySet<CallName> = new Set<CallName>([
  'app.info',
  'account.state',
  'sync.state',
  'sessions.page',
  'sessions.get',
  'unread.total',
  'messages.list',
  'messages.search',
  'options.users',
  'options.products',
  'users.list',
  'orders.list',
  'orders.forSession',
  'products.get',
  'settings.get',
  'staff.list',
  'audit.list',
  'prefs.get',
]);

/** Calls that change the sign-in or restart the sync if a bad input slipped through: fuzzed last. */
const LAST: readonly string[] = ['sync.resync', 'account.signIn', 'account.signOut'];

/** Cache entries the sync writes on its own clock (each heartbeat of the feed), whatever the calls do. */
const CLOCK_KEYS = ['sync.lastSyncedAt'];

/** A read-only view of the desk's cache file that tells when another connection wrote to it. */
export class CacheGuard {
  readonly #db: DatabaseSync;
  #version: number;
  #hashes: Record<string, string>;
  constructor(dataDir: string) {
    const file = readdirSync(dataDir).find((f) => /^cache-.*\.sqlite$/.test(f));
    if (!file) throw new Error(`no cache file in ${dataDir}`);
    this.#db = new DatabaseSync(join(dataDir, file), { readOnly: true });
    this.#version = this.#dataVersion();
    this.#hashes = this.hash();
  }
  #dataVersion(): number {
    return Number((this.#db.prepare('PRAGMA data_version').get() as { data_version: number }).data_version);
  }
  /** An md5 per table of every row (sorted), the way databaseHash does it for PostgreSQL. */
  hash(): Record<string, string> {
    const tables = this.#db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as Array<{ name: string }>;
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const rows = this.#db
        .prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`)
        .all()
        .filter((r) => !(name === 'kv' && CLOCK_KEYS.includes(String(r.key))))
        .map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)))
        .sort();
      out[name] = createHash('md5').update(rows.join('\n')).digest('hex');
    }
    return out;
  }
  /** Tables changed since the last check. */
  check(): string[] {
    const version = this.#dataVersion();
    if (version === this.#version) return [];
    this.#version = version;
    const after = this.hash();
    const changed = Object.keys({ ...after, ...this.#hashes }).filter((t) => after[t] !== this.#hashes[t]);
    this.#hashes = after;
    return changed.sort();
  }
  close(): void {
    this.#db.close();
  }
}

/** RawJson fragments as the JavaScript values a window would send (deep arrays, Infinity, -0). */
function materialize(value: unknown): unknown {
  if (value instanceof RawJson) {
    try {
      return JSON.parse(value.text);
    } catch {
      return value.text;
    }
  }
  if (Array.isArray(value)) return value.map(materialize);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, materialize(v)]));
  }
  return value;
}

/** Values only structured clone (Electron's IPC) carries, none of which any bridge field accepts. */
const cloneOnly = fc.constantFrom<unknown>(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  10n,
  new Date(0),
  new Map([['a', 1]]),
  new Set([1]),
  new Uint8Array(4),
);

export interface BridgeCase {
  category: 'refuse' | 'hostile';
  defect: string;
  input: unknown;
}

function inputSchema(name: CallName): JsonSchema {
  return z.toJSONSchema(bridgeCalls[name].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

export function bridgeCaseArbitrary(name: CallName, pool: (field: string) => string): fc.Arbitrary<BridgeCase> {
  const schema = inputSchema(name);
  const sample = () => validSample(schema, name, pool) as Record<string, unknown>;
  const options: fc.Arbitrary<BridgeCase>[] = [
    // A top-level null is the dispatcher's "no input" (like undefined), not a bad input.
    badValue(schema, name, pool)
      .filter((b) => b.value !== null)
      .map((b) => ({
        category: 'refuse',
        defect: `${b.why}: ${describeValue(b.value, 100)}`,
        input: materialize(b.value),
      })),
    fc
      .constantFrom<unknown>('x', 42, [], true, [{}])
      .map((v) => ({ category: 'refuse', defect: `input ${describeValue(v)}`, input: v })),
  ];
  const props = Object.entries(schema.properties ?? {});
  if (props.length > 0) {
    options.push(
      fc.tuple(fc.constantFrom(...props), cloneOnly).map(([[key], v]) => ({
        category: 'refuse',
        defect: `${key}: ${Object.prototype.toString.call(v)} ${String(v)}`,
        input: { ...sample(), [key]: v },
      })),
    );
  }
  const free = props.filter(([, s]) => isFreeText(s));
  if (READ_CALLS.has(name) && free.length > 0) {
    options.push(
      fc.tuple(fc.constantFrom(...free), fc.nat()).chain(([[key, s]]) =>
        hostileText(s.maxLength ?? 200).map((text) => ({
          category: 'hostile' as const,
          defect: `${key}=${describeValue(text, 60)} (hostile text)`,
          input: { ...sample(), [key]: text },
        })),
      ),
    );
  }
  return fc.oneof(...options);
}

export interface BridgeFuzzContext {
  desk: TestDesk;
  cache: CacheGuard;
  backendGuard: DataGuard;
  pool(field: string): string;
}

export async function prepareBridgeFuzz(backend: TestBackend, desk: TestDesk): Promise<BridgeFuzzContext> {
  await desk.settled();
  const page = await desk.call('sessions.page', { limit: 40 });
  const pools: Record<string, string[]> = {
    sessionId: page.rows.map((s) => s.id),
    customerId: page.rows.map((s) => s.customer.id),
    sellerId: page.rows.map((s) => s.seller.id),
    productId: page.rows.map((s) => s.product.id),
  };
  let turn = 0;
  const pool = (field: string) => {
    const list = pools[field] ?? pools.sessionId ?? [];
    return list.length > 0 ? (list[turn++ % list.length] as string) : crypto.randomUUID();
  };
  return {
    desk,
    cache: new CacheGuard(desk.dataDir),
    backendGuard: await createDataGuard(backend.db, BOOKKEEPING_TABLES),
    pool,
  };
}

const isResult = (r: unknown): r is Result<unknown> =>
  typeof r === 'object' && r !== null && typeof (r as { ok?: unknown }).ok === 'boolean';

export async function runBridgeCase(
  ctx: BridgeFuzzContext,
  name: CallName,
  c: BridgeCase,
): Promise<{ ok: boolean; status: string; why: string; changed: string[] }> {
  let result: unknown;
  try {
    result = await ctx.desk.core.endpoint.dispatch(name, c.input);
  } catch (error) {
    result = { thrown: String(error) };
  }
  const changed = [...ctx.cache.check().map((t) => `cache.${t}`), ...(await ctx.backendGuard.check())];
  const alive = await ctx.desk.core.endpoint.dispatch('app.info', {}).then(
    (r) => r.ok,
    () => false,
  );
  if (!isResult(result)) return { ok: false, status: 'threw', why: describeValue(result), changed };
  const status = result.ok ? 'ok' : result.error.code;
  const fail = (why: string) => ({ ok: false, status, why, changed });
  if (!alive) return fail('the core stopped answering');
  if (changed.length > 0) return fail('data changed');
  if (!result.ok) {
    if (result.error.code === 'internal') return fail(`internal: ${result.error.message.slice(0, 200)}`);
    if (
      c.category === 'refuse' &&
      (result.error.code !== 'bad_request' || Object.keys(result.error.fields ?? {}).length === 0)
    ) {
      return fail(`refused as ${result.error.code} without naming a field: ${result.error.message.slice(0, 200)}`);
    }
    return { ok: true, status, why: '', changed };
  }
  if (c.category === 'refuse') return fail('accepted');
  return { ok: true, status, why: '', changed };
}

export async function runBridgeFuzz(
  ctx: BridgeFuzzContext,
  options: { runs: number; seed: number; untilFirstFailure: boolean },
): Promise<{ stats: Map<string, PairStats>; failures: Failure[] }> {
  const stats = new Map<string, PairStats>();
  const failures: Failure[] = [];
  const names = [
    ...callNames.filter((n) => !LAST.includes(n)),
    ...LAST.filter((n): n is CallName => callNames.includes(n as CallName)),
  ];
  let i = 0;
  for (const name of names) {
    const s: PairStats = { requests: 0, s2xx: 0, s4xx: 0, s5xx: 0, other: 0, changed: 0, failures: 0, ms: 0 };
    stats.set(name, s);
    const started = performance.now();
    await fc.check(
      fc.asyncProperty(bridgeCaseArbitrary(name, ctx.pool), async (c) => {
        const outcome = await runBridgeCase(ctx, name, c);
        s.requests++;
        if (outcome.status === 'ok') s.s2xx++;
        else if (outcome.status === 'internal' || outcome.status === 'threw') s.s5xx++;
        else s.s4xx++;
        if (outcome.changed.length > 0) s.changed++;
        if (!outcome.ok) {
          s.failures++;
          failures.push({
            route: name,
            role: 'admin (desk core)',
            category: 'bridge',
            defect: c.defect,
            request: `${name} ${describeValue(c.input, 160)}`,
            status: outcome.status,
            answer: outcome.why,
            changed: outcome.changed,
          });
        }
        return outcome.ok || !options.untilFirstFailure;
      }),
      { numRuns: options.runs, seed: options.seed + i++, endOnFailure: true },
    );
    s.ms = performance.now() - started;
  }
  return { stats, failures };
}
