// The embedded driver: PGlite in a data folder (or in memory), with pg_trgm for the search indexes. PGlite is one
// connection: its transactions run one at a time, which is also what keeps the change feed gapless here.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import {
  beginStatement,
  closingStatement,
  type Db,
  type Queryable,
  type QueryResult,
  type Row,
  type Sql,
  type Statement,
  sqlText,
  type Transaction,
  type TransactionOptions,
  textParsers,
} from './db.ts';

export interface PGliteOpenOptions {
  /** A folder (created on first use), or undefined for an in-memory database. */
  dataDir?: string;
  /** A tarball made by `dumpDataDir()` to start from (test templates). */
  loadDataDir?: Blob | File;
}

/** Creates a PGlite instance the way the backend needs it (pg_trgm loaded, UTC). */
export async function createPGlite(options: PGliteOpenOptions = {}): Promise<PGlite> {
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { pg_trgm },
    parsers: textParsers,
    relaxedDurability: false,
  });
  return pglite;
}

export function pgliteDb(pglite: PGlite, ownsInstance: boolean): Db {
  // PGlite applies `parsers` given at creation only; an instance handed in from outside may lack them, so the
  // results are normalised here as well (cheap: only int8/numeric/timestamptz values are touched).
  const normalise = (fields: { name: string; dataTypeID: number }[], rows: Row[]): Row[] => {
    const conv = fields.filter((f) => textParsers[f.dataTypeID]);
    if (conv.length === 0) return rows;
    for (const row of rows) {
      for (const f of conv) {
        const v = row[f.name];
        if (v === null || v === undefined) continue;
        if (f.dataTypeID === 1184 && v instanceof Date) row[f.name] = v.toISOString();
        else if (typeof v === 'bigint') row[f.name] = Number(v);
        else if (typeof v === 'string' && !(f.dataTypeID === 1184 && v.endsWith('Z'))) {
          row[f.name] = textParsers[f.dataTypeID]?.(v);
        }
      }
    }
    return rows;
  };
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<R>(sql: Sql, params?: readonly unknown[]) {
      const result = await q.query<Row>(sqlText(sql), params as unknown[] | undefined);
      const rows = normalise(result.fields, result.rows) as R[];
      return { rows, rowCount: result.affectedRows ?? rows.length };
    },
  });
  let ready: Promise<void> | null = pglite.exec(`SET TimeZone = 'UTC'`).then(() => {
    ready = null;
  });
  const base = wrap(pglite);
  return {
    driver: 'pglite',
    async query(sql, params) {
      if (ready) await ready;
      return base.query(sql, params);
    },
    async exec(sql) {
      if (ready) await ready;
      await pglite.exec(sql);
    },
    async script<R>(sql: string) {
      if (ready) await ready;
      return (await pglite.exec(sql)).map((r) => {
        const rows = normalise(r.fields, r.rows as Row[]) as R[];
        // rowCount is per statement (affectedRows adds up over the script).
        return { rows, rowCount: r.rowCount ?? rows.length };
      });
    },
    async transaction<T>(
      fn: (tx: Transaction, opened: QueryResult<Row>[]) => Promise<T>,
      options?: TransactionOptions,
    ): Promise<T> {
      if (ready) await ready;
      return pglite.transaction(async (tx) => {
        // PGlite's transaction() has already sent BEGIN; the isolation level must be the first statement after it.
        const begin = beginStatement(options);
        if (begin !== 'BEGIN') await tx.query(`SET TRANSACTION ${begin.slice('BEGIN '.length)}`);
        const queryable = wrap(tx as unknown as Pick<PGlite, 'query'>);
        // In process, no round trip to save: the opening statements run first, the closing one last, one by one.
        const opened: QueryResult<Row>[] = [];
        for (const s of options?.opening ?? []) opened.push(await queryable.query(s.sql, s.params));
        let closing: Statement | null = null;
        const value = await fn(
          {
            query: queryable.query,
            atCommit(sql, params) {
              closing = closingStatement(sql, params);
            },
          },
          opened,
        );
        const last = closing as Statement | null;
        if (last) await queryable.query(last.sql, last.params);
        return value;
      });
    },
    async listen(channel, onPayload) {
      const unlisten = await pglite.listen(channel, onPayload);
      return async () => {
        if (!pglite.closed) await unlisten();
      };
    },
    async close() {
      if (ownsInstance && !pglite.closed) await pglite.close();
    },
  };
}
