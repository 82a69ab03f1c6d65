// One database interface over two drivers: PGlite (PostgreSQL in WebAssembly, the embedded default) and a real
// PostgreSQL server through a `pg` pool. Both return the same JavaScript values: int8 and numeric as numbers,
// timestamptz as ISO-8601 strings in UTC (columns are timestamptz(3), so nothing is lost on the way).
import { createHash } from 'node:crypto';

export type Row = Record<string, unknown>;
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

/**
 * A statement of a hot path (every message's write, every request's token): on PostgreSQL a named prepared statement,
 * parsed and planned once per connection rather than on every call. Planning alone was 0.7 ms of the 4 ms of CPU a
 * message POST cost the machine (issue 18). Only for a fixed text whose best plan does not depend on its values
 * (lookups by key, inserts, updates by key): after five calls PostgreSQL may keep one generic plan for every value.
 * PGlite runs the text as usual.
 */
export interface Prepared {
  readonly text: string;
  /** Named by the text itself, so one name never stands for two texts on a connection. */
  readonly name: string;
}

/** Prepared statements by text: a write's closing statement is made per write from a handful of texts. */
const preparedByText = new Map<string, Prepared>();

export function prepared(text: string): Prepared {
  let statement = preparedByText.get(text);
  if (!statement) {
    statement = { text, name: `chatdesk_${createHash('sha1').update(text).digest('hex').slice(0, 24)}` };
    // Bounded, should a caller ever make texts without end: beyond it, each is named again (the same name).
    if (preparedByText.size < 1000) preparedByText.set(text, statement);
  }
  return statement;
}

export type Sql = string | Prepared;

export const sqlText = (sql: Sql): string => (typeof sql === 'string' ? sql : sql.text);

export interface Queryable {
  query<R = Row>(sql: Sql, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

export type Isolation = 'read committed' | 'repeatable read' | 'serializable';

/** A statement with its parameters. */
export interface Statement {
  sql: Sql;
  params?: readonly unknown[];
}

export interface TransactionOptions {
  isolation?: Isolation;
  readOnly?: boolean;
  /**
   * Statements run first in the transaction, sent with BEGIN in one round trip on PostgreSQL (pipelined); what each
   * answered, in order, is the `opened` the transaction's function gets. The first to fail rolls the transaction back.
   */
  opening?: readonly Statement[];
}

/** A transaction as its function sees it. */
export interface Transaction extends Queryable {
  /**
   * Runs a statement at the end of the transaction, sent with its COMMIT in one round trip on PostgreSQL (pipelined):
   * when the function has resolved, right before the commit; if it fails, nothing commits and its error is thrown.
   * One per transaction (a second call replaces the first); its rows are not returned.
   */
  atCommit(sql: Sql, params?: readonly unknown[]): void;
}

export interface Db extends Queryable {
  readonly driver: 'pglite' | 'pg';
  /** Runs several statements at once (migrations); no parameters. */
  exec(sql: string): Promise<void>;
  /**
   * Runs several statements, without parameters, in one round trip and as one transaction of their own (PostgreSQL's
   * simple query: if one fails, none applies); the rows of each, in order. Only for statements that may run in a
   * transaction, and without BEGIN, COMMIT or ROLLBACK among them (those would end the script's own transaction).
   */
  script<R = Row>(sql: string): Promise<QueryResult<R>[]>;
  /**
   * Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. `opened`: what the opening
   * statements answered (TransactionOptions.opening), in order; empty without them.
   */
  transaction<T>(
    fn: (tx: Transaction, opened: QueryResult<Row>[]) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T>;
  /** Calls `onPayload` for each NOTIFY on `channel` (from any connection, any backend instance). */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * A statement given to Transaction.atCommit, its parameters checked as it is given: text, numbers, booleans and null
 * only (JSON goes as text). On PostgreSQL it is pipelined with COMMIT, and a value the driver failed to send would
 * leave the COMMIT to commit without it; refused here, nothing is sent.
 */
export function closingStatement(sql: Sql, params?: readonly unknown[]): Statement {
  const odd = (params ?? []).find((v) => v !== null && !['string', 'number', 'boolean'].includes(typeof v));
  if (odd !== undefined) throw new TypeError(`atCommit takes text, numbers, booleans and null, not ${typeof odd}`);
  return params ? { sql, params } : { sql };
}

/** Appends a value to a statement's parameters and answers its placeholder (`$3`). */
export function bind(params: unknown[], value: unknown): string {
  params.push(value);
  return `$${params.length}`;
}

/**
 * Several writes as one statement, so one round trip: all but the last become data-modifying WITH queries (each runs
 * once, to completion, whether or not anything refers to it; all see the snapshot the statement started with).
 */
export function oneStatement(writes: readonly string[]): string {
  const last = writes.at(-1);
  if (last === undefined) throw new Error('oneStatement needs at least one write');
  if (writes.length === 1) return last;
  return `WITH ${writes
    .slice(0, -1)
    .map((w, i) => `w${i} AS (${w})`)
    .join(', ')} ${last}`;
}

export const OID = { int8: 20, numeric: 1700, timestamptz: 1184, timestamp: 1114 } as const;

/** A timestamptz in UTC as PostgreSQL writes it, milliseconds optional: "2026-11-24 21:35:10.32+00". */
const UTC_TEXT = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,3}))?\+00$/;

/** PostgreSQL's text form of a timestamptz ("2026-11-24 21:35:10.323+00") → ISO-8601 ("…T21:35:10.323Z"). */
export function parseTimestamptz(text: string): string {
  // The common case (the server's session speaks UTC) rewritten as text: no Date per value, which was a quarter of a
  // snapshot page's time (six timestamps a session, 5,000 sessions a page).
  const utc = UTC_TEXT.exec(text);
  if (utc) return `${utc[1]}T${utc[2]}.${(utc[3] ?? '').padEnd(3, '0')}Z`;
  const iso = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

export const textParsers: Record<number, (text: string) => unknown> = {
  [OID.int8]: (text) => Number(text),
  [OID.numeric]: (text) => Number(text),
  [OID.timestamptz]: parseTimestamptz,
};

export function beginStatement(options?: TransactionOptions): string {
  const parts = ['BEGIN'];
  if (options?.isolation) parts.push(`ISOLATION LEVEL ${options.isolation.toUpperCase()}`);
  if (options?.readOnly) parts.push('READ ONLY');
  return parts.join(' ');
}

/** SQLSTATEs worth retrying a whole transaction for (deadlock, serialization failure). */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}
