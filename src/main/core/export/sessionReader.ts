// Reads the sessions of an export from the cache file on its own read-only connection (WAL lets it read while the
// cache worker writes), in the grid's order and in keyset batches: each batch continues after the last row's
// (sort key, id), so a batch costs the same at row 10 as at row 900,000. The whole read is one transaction, so the
// file holds one consistent moment of the cache even while sync goes on. Rows come back as arrays of just the
// exported columns: at a million rows, objects and unused columns cost seconds.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { BulkTarget, SessionSort, SortOrder } from '../../../shared/api.ts';
import { isEmptyFilter, SORT_COLUMNS, SORT_INDEX, type SqlValue, sessionWhere } from '../cache/sessionQuery.ts';
import { EXPORT_COLUMNS, type ExportRow } from './columns.ts';

/** Up to this many matches, the rows are collected and sorted; beyond, the sort's index is walked. */
const COLLECT_BELOW = 20_000;
const KEY = EXPORT_COLUMNS.length;
const ID = KEY + 1;

export interface SessionReaderOptions {
  file: string;
  target: BulkTarget;
  sort: SessionSort;
  order: SortOrder;
  /** Fixes "the last N days" for the whole export. */
  now?: number;
  batchSize?: number;
}

export class SessionReader {
  readonly #db: DatabaseSync;
  readonly #where: { sql: string; params: SqlValue[] };
  readonly #batchSize: number;
  readonly #options: SessionReaderOptions;
  #total = -1;

  constructor(options: SessionReaderOptions) {
    this.#options = options;
    this.#db = new DatabaseSync(options.file, { readOnly: true });
    try {
      this.#db.exec('PRAGMA busy_timeout = 5000');
      this.#db.exec('PRAGMA cache_size = -32768');
      // One snapshot for the count and every batch.
      this.#db.exec('BEGIN');
    } catch (error) {
      this.#db.close();
      throw error;
    }
    this.#where =
      'ids' in options.target
        ? { sql: 'id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(options.target.ids)] }
        : sessionWhere(options.target.query, options.now ?? Date.now());
    this.#batchSize = options.batchSize ?? 5000;
  }

  /** How many sessions the export holds. */
  total(): number {
    if (this.#total >= 0) return this.#total;
    const target = this.#options.target;
    const row =
      'query' in target && isEmptyFilter(target.query)
        ? this.#db.prepare('SELECT sessions AS n FROM stats WHERE id = 1').get()
        : this.#db.prepare(`SELECT count(*) AS n FROM sessions WHERE ${this.#where.sql}`).get(...this.#where.params);
    this.#total = Number(row?.n ?? 0);
    return this.#total;
  }

  #statements(): { first: StatementSync; next: StatementSync } {
    const { target, sort, order } = this.#options;
    // Many matches: walk the sort's index and check the filter per row; few: let the planner find and sort them.
    const walk = 'query' in target && this.total() > COLLECT_BELOW;
    const from = walk && !isEmptyFilter(target.query) ? `sessions INDEXED BY ${SORT_INDEX[sort]}` : 'sessions';
    const col = SORT_COLUMNS[sort];
    const dir = order === 'desc' ? 'DESC' : 'ASC';
    const orderBy = `ORDER BY ${walk ? '' : '+'}${col} ${dir}, id ${dir}`;
    const select = `SELECT ${EXPORT_COLUMNS.map((c) => c.sql).join(', ')}, ${col}, id FROM ${from} WHERE (${this.#where.sql})`;
    const first = this.#db.prepare(`${select} ${orderBy} LIMIT ?`);
    const next = this.#db.prepare(
      `${select} AND (${col}, id) ${order === 'desc' ? '<' : '>'} (?, ?) ${orderBy} LIMIT ?`,
    );
    first.setReturnArrays(true);
    next.setReturnArrays(true);
    return { first, next };
  }

  /** The rows in order, a batch at a time (each row has the sort key and the id after the exported values). */
  *batches(): Generator<ExportRow[]> {
    const { first, next } = this.#statements();
    const size = this.#batchSize;
    let rows = first.all(...this.#where.params, size) as unknown as SqlValue[][];
    while (rows.length > 0) {
      yield rows as unknown as ExportRow[];
      if (rows.length < size) return;
      const last = rows[rows.length - 1] as SqlValue[];
      rows = next.all(
        ...this.#where.params,
        last[KEY] as SqlValue,
        last[ID] as SqlValue,
        size,
      ) as unknown as SqlValue[][];
    }
  }

  close(): void {
    if (!this.#db.isOpen) return;
    try {
      if (this.#db.isTransaction) this.#db.exec('COMMIT');
    } finally {
      this.#db.close();
    }
  }
}
