// The server driver: a `pg` pool for queries and transactions, plus one dedicated connection for LISTEN (it
// reconnects on its own when the server drops it).
import pg from 'pg';
import {
  beginStatement,
  closingStatement,
  type Db,
  isRetryable,
  type QueryResult,
  type Row,
  type Sql,
  type Statement,
  type Transaction,
  type TransactionOptions,
  textParsers,
} from './db.ts';

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const custom = textParsers[oid];
    if (custom && format !== 'binary') return custom;
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
} as pg.CustomTypesConfig;

/**
 * Waits for every one of several pipelined statements; throws the first failure in the order they were sent (a
 * failure leaves the transaction failed, so those after it answer without effect), else answers their results.
 */
async function settled<T>(sent: Promise<T>[]): Promise<T[]> {
  const outcomes = await Promise.allSettled(sent);
  const failed = outcomes.find((o) => o.status === 'rejected');
  if (failed) throw failed.reason;
  return outcomes.map((o) => (o as PromiseFulfilledResult<T>).value);
}

/**
 * Issues a pipelined batch of statements in one socket write: pg writes each statement's messages together, and a
 * batch written statement by statement cost a system call and a wake-up of the server per statement.
 */
function inOneWrite<T>(client: pg.PoolClient, send: () => T): T {
  const socket = client.connection.stream;
  socket.cork();
  try {
    return send();
  } finally {
    socket.uncork();
  }
}

export function pgDb(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    types,
    options: '-c TimeZone=UTC',
    idleTimeoutMillis: 30_000,
    // Statements sent without waiting for the one before (a transaction's BEGIN with its opening statements, its
    // closing statement with COMMIT) go out together: one round trip instead of several.
    pipeline: true,
  });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});

  const run = async <R>(q: pg.Pool | pg.PoolClient, sql: Sql, params?: readonly unknown[]) => {
    const values = params as unknown[] | undefined;
    // A prepared statement (db.ts) is parsed and planned once per connection, under its name.
    const result = await (typeof sql === 'string'
      ? q.query<Row>(sql, values)
      : q.query<Row>({ name: sql.name, text: sql.text, values }));
    return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
  };

  const listeners = new Map<string, Set<(payload: string) => void>>();
  let listenClient: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;

  const connectListener = async (): Promise<pg.Client> => {
    if (listenClient) return listenClient;
    if (connecting) return connecting;
    connecting = (async () => {
      const client = new pg.Client({ connectionString, types, options: '-c TimeZone=UTC' });
      client.on('notification', (msg) => {
        for (const cb of listeners.get(msg.channel) ?? []) cb(msg.payload ?? '');
      });
      client.on('error', () => {
        listenClient = null;
        // The connection already failed ('error' above); ending it only frees it. The reconnect below follows.
        client.end().catch(() => {});
        if (!closed) setTimeout(() => void reconnect(), 500);
      });
      await client.connect();
      for (const channel of listeners.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      listenClient = client;
      return client;
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  };
  const reconnect = async () => {
    try {
      const client = await connectListener();
      // Wake everyone: notifications may have been missed while the connection was down.
      for (const [, set] of listeners) for (const cb of set) cb('');
      return client;
    } catch {
      if (!closed) setTimeout(() => void reconnect(), 1000);
      return null;
    }
  };

  return {
    driver: 'pg',
    query: (sql, params) => run(pool, sql, params),
    async exec(sql) {
      await pool.query(sql);
    },
    async script<R>(sql: string) {
      // One statement answers one result, several an array of them.
      const result = (await pool.query<Row>(sql)) as pg.QueryResult<Row> | pg.QueryResult<Row>[];
      return (Array.isArray(result) ? result : [result]).map((r) => ({
        rows: r.rows as R[],
        rowCount: r.rowCount ?? r.rows.length,
      }));
    },
    async transaction<T>(
      fn: (tx: Transaction, opened: QueryResult<Row>[]) => Promise<T>,
      options?: TransactionOptions,
    ): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        let broken = false;
        try {
          // BEGIN and the opening statements in one round trip: the pool's connections pipeline what is sent
          // without waiting (each statement still answers, or fails, on its own).
          const opened = await settled<QueryResult<Row>>(
            inOneWrite(client, () => [
              run(client, beginStatement(options)),
              ...(options?.opening ?? []).map((s) => run<Row>(client, s.sql, s.params)),
            ]),
          );
          let closing: Statement | null = null;
          const tx: Transaction = {
            query: (sql, params) => run(client, sql, params),
            atCommit(sql, params) {
              // Checked before anything is sent: a value pg could not send would leave the COMMIT pipelined
              // behind the statement to commit without it.
              closing = closingStatement(sql, params);
            },
          };
          const value = await fn(tx, opened.slice(1));
          const last = closing as Statement | null;
          // The closing statement and COMMIT in one round trip. Should the statement fail, the COMMIT that follows
          // it finds the transaction failed and ends it without committing anything.
          const { closed, commit } = inOneWrite(client, () => ({
            closed: last ? [run(client, last.sql, last.params)] : [],
            commit: client.query('COMMIT'),
          }));
          await settled<unknown>([...closed, commit]);
          const committed = await commit;
          // A transaction that had already failed (an error the function caught and did not throw) ends with COMMIT
          // answering ROLLBACK: nothing was written, and the caller must not be told otherwise.
          if (committed.command !== 'COMMIT') throw new Error('The transaction had failed; nothing was committed');
          return value;
        } catch (error) {
          try {
            await client.query('ROLLBACK');
          } catch {
            broken = true;
          }
          if (attempt < 4 && isRetryable(error)) continue;
          throw error;
        } finally {
          client.release(broken);
        }
      }
    },
    async listen(channel, onPayload) {
      let set = listeners.get(channel);
      const first = !set;
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
      }
      set.add(onPayload);
      const client = await connectListener();
      if (first) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        set.delete(onPayload);
        if (set.size === 0) {
          listeners.delete(channel);
          // No listener is left for it: a notification that still arrives finds none and is dropped.
          await listenClient?.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
        }
      };
    },
    async close() {
      closed = true;
      const client = listenClient;
      listenClient = null;
      // Closing: a listening connection that fails to end cleanly is gone either way; the pool's end follows.
      await client?.end().catch(() => {});
      await pool.end();
    },
  };
}
