// Reads the sessions of an export from the cache file on its own read-only connection (WAL lets it read while the
// cache worker writes), in the grid's order, with one statement stepped from the first row to the last. The whole
// read is one transaction, so the file holds one consistent moment of the cache even while sync goes on.
// The order comes from SQLite's sorter (`ORDER BY +column`), not from walking the sort's index: walking the index
// fetches each row from wherever it lies in the table (a random page read per row, 6–8 µs at a million rows in a
// 1.3 GB file), while the sorter reads the matches in table order and sorts just the exported columns (it spills
// to temporary files beyond its memory budget, so memory stays bounded). Rows come back as arrays of just the
// exported columns: at a million rows, objects and unused columns cost seconds.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { ExportTarget, SessionSort, SortOrder } from '../../../shared/api.ts';
import { isEmptyFilter, SORT_COLUMNS, type SqlValue, sessionWhere } from '../cache/sessionQuery.ts';
import { EXPORT_COLUMNS, type ExportRow } from './columns.ts';

/** The sorter's memory before it spills to temporary files (KiB; SQLite bounds it by the page cache size). */
const SORTER_KIB = 32 * 1024;

export interface SessionReaderOptions {
  file: string;
  target: ExportTarget;
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
      this.#db.exec(`PRAGMA cache_size = -${SORTER_KIB}`);
      // The sorter's spill files on disk, not in memory (the memory goal is the process's peak).
      this.#db.exec('PRAGMA temp_store = FILE');
      // One snapshot for the count and every batch.
      this.#db.exec('BEGIN');
    } catch (error) {
      this.#db.close();
      throw error;
    }
    this.#where =
      'ids' in options.target
        ? { sql: 'id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(options.target.ids)] }
        : sessionWhere(options.target.allMatching.filter, options.now ?? Date.now());
    this.#batchSize = options.batchSize ?? 5000;
  }

  /** How many sessions the export holds. */
  total(): number {
    if (this.#total >= 0) return this.#total;
    const target = this.#options.target;
    const row =
      'allMatching' in target && isEmptyFilter(target.allMatching.filter)
        ? this.#db.prepare('SELECT sessions AS n FROM stats WHERE id = 1').get()
        : this.#db.prepare(`SELECT count(*) AS n FROM sessions WHERE ${this.#where.sql}`).get(...this.#where.params);
    this.#total = Number(row?.n ?? 0);
    return this.#total;
  }

  #statement(): StatementSync {
    const { sort, order } = this.#options;
    const dir = order === 'desc' ? 'DESC' : 'ASC';
    // `+` keeps the planner from walking the sort's index (see the top of this file); the id breaks ties as the grid does.
    const statement = this.#db.prepare(
      `SELECT ${EXPORT_COLUMNS.map((c) => c.sql).join(', ')} FROM sessions WHERE (${this.#where.sql}) ` +
        `ORDER BY +${SORT_COLUMNS[sort]} ${dir}, id ${dir}`,
    );
    statement.setReturnArrays(true);
    return statement;
  }

  /** The rows in order, a batch at a time. */
  *batches(): Generator<ExportRow[]> {
    const size = this.#batchSize;
    let batch: ExportRow[] = [];
    for (const row of this.#statement().iterate(...this.#where.params)) {
      batch.push(row as unknown as ExportRow);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
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
