// The grid's pages of sessions (F2–F6) and their totals — the speed-critical reads of the cache (test/bench/desk.ts
// measures them). A page picks its plan by how many sessions match: few are read and sorted; many are found by
// walking the sort's index and stopping after the page; a search is first resolved to the ids of the products and
// people whose names contain it, so the sessions are found through the participant indexes. Totals come from the
// running counters (stats) when they can and are otherwise remembered until the next write (db.gen).
import type { SessionFilter } from '../../../shared/api.ts';
import { foldArabic } from '../../../shared/arabicFold.ts';
import type { SessionPage, SessionPageInput } from '../../../shared/bridge.ts';
import type { Session } from '../../../shared/domain.ts';
import type { CacheDb, NameLists } from './db.ts';
import { type Row, SESSION_COLUMN_LIST, toSession } from './rows.ts';
import {
  filterKey,
  isEmptyFilter,
  matchBranches,
  type SearchMatches,
  SORT_COLUMNS,
  SORT_INDEX,
  type SqlValue,
  sessionOrderBy,
  sessionWhere,
} from './sessionQuery.ts';
import { isWorkflowOnly, viewIndex, workflowCount } from './workflowCounts.ts';

/** Above this many matching products and people, a search scans the folded names instead. */
const MAX_SEARCH_IDS = 3000;
/** Up to this many matching rows, a page sorts them rather than walking the sort's index. */
const COLLECT_BELOW = 20_000;
/** Up to this many matches of a search, its page reads and sorts them all (one pass over the participant indexes). */
const COLLECT_MATCHES_BELOW = 5_000;
/** Up to this many matches of a search, its default-sorted page is cut from the participant indexes' keys. */
const TOP_KEYS_BELOW = 250_000;
/** The name sorts, and the kind of search match whose names they order by. */
const NAME_SORT_KIND: Partial<Record<SessionPageInput['sort'], keyof SearchMatches>> = {
  product: 'products',
  customer: 'customers',
  seller: 'sellers',
};

export function sessionCount(db: CacheDb): number {
  return Number(db.get('SELECT sessions FROM stats WHERE id = 1')?.sessions ?? 0);
}

export function page(db: CacheDb, input: SessionPageInput, now: number): SessionPage {
  const matches = searchMatches(db, input.filter);
  if (matches && (input.filter.flagged === true || input.filter.activeWithinDays !== undefined)) {
    // A search narrowed to flagged or recently active sessions usually matches few of them: one pass over the
    // participant indexes then gives both the total and the rows to sort (instead of one pass to count them and
    // another to page them). Searches without those filters tend to match many, and would read this pass in vain.
    const few = fewMatches(db, input.filter, now, matches);
    if (few) {
      rememberTotal(db, input.filter, now, few.length);
      if (few.length === 0) return { rows: [], total: 0 };
      const rows = db.all(
        `SELECT ${SESSION_COLUMN_LIST} FROM sessions WHERE rowid IN (SELECT value FROM json_each(?))
            ORDER BY ${sessionOrderBy(input.sort, input.order, true)} LIMIT ? OFFSET ?`,
        JSON.stringify(few),
        input.limit,
        input.offset,
      );
      return { rows: rows.map(toSession), total: few.length };
    }
  }
  const total = countWith(db, input.filter, now, matches);
  if (total === 0) return { rows: [], total };
  if (matches) return { rows: pageOfMatches(db, input, now, matches, total).map(toSession), total };
  const where = sessionWhere(input.filter, now, matches);
  // B10's one-assignee views (Mine, Unassigned): an index holds them in the page's order (workflowCounts.ts).
  const view = viewIndex(input);
  // Few matches: sort them; many: walk the sort's index and stop after the page.
  const collect = !view && !isEmptyFilter(input.filter) && total <= COLLECT_BELOW;
  // Many matches: walk the sort's index (the planner may otherwise pick a filter's index and sort them all).
  const walked = view ?? SORT_INDEX[input.sort];
  const from = !collect && !isEmptyFilter(input.filter) ? `sessions INDEXED BY ${walked}` : 'sessions';
  const rows = db.all(
    `SELECT ${SESSION_COLUMN_LIST} FROM ${from} WHERE ${where.sql}
        ORDER BY ${sessionOrderBy(input.sort, input.order, collect)} LIMIT ? OFFSET ?`,
    ...where.params,
    input.limit,
    input.offset,
  );
  return { rows: rows.map(toSession), total };
}

/**
 * The rowids of a search's sessions when there are at most COLLECT_MATCHES_BELOW of them (the page then sorts them
 * all, whatever the sort, as the collect plan does); null when there are more, or the remembered total says so.
 */
function fewMatches(db: CacheDb, filter: SessionFilter, now: number, matches: SearchMatches): number[] | null {
  const memo = db.totals.get(filterKey(filter, now));
  if (memo && memo.gen === db.gen && memo.total > COLLECT_MATCHES_BELOW) return null;
  // UNION ALL streams and stops at the limit (a session matched by two names comes twice, and is counted once).
  const branches = matchBranches(filter, now, matches, false, true);
  if (!branches) return [];
  const rows = db.all(`SELECT r FROM (${branches.sql}) LIMIT ?`, ...branches.params, COLLECT_MATCHES_BELOW + 1);
  return rows.length > COLLECT_MATCHES_BELOW ? null : [...new Set(rows.map((row) => row.r as number))];
}

function rememberTotal(db: CacheDb, filter: SessionFilter, now: number, total: number): void {
  if (db.totals.size > 64) db.totals.clear();
  db.totals.set(filterKey(filter, now), { gen: db.gen, total });
}

/** The number of sessions matching a filter, remembered until the next write. */
export function count(db: CacheDb, filter: SessionFilter, now: number): number {
  return countWith(db, filter, now, searchMatches(db, filter));
}

function countWith(db: CacheDb, filter: SessionFilter, now: number, matches: SearchMatches | null): number {
  if (isEmptyFilter(filter)) return sessionCount(db);
  const flagsOnly = Object.entries(filter).filter(([, v]) => v !== undefined && v !== '');
  if (flagsOnly.length === 1) {
    const stats = db.get('SELECT sessions, unread_sessions, flagged_sessions FROM stats WHERE id = 1') as Row;
    const [key, value] = flagsOnly[0] as [string, unknown];
    if (key === 'hasUnread') {
      const n = Number(stats.unread_sessions);
      return value ? n : Number(stats.sessions) - n;
    }
    if (key === 'flagged') {
      const n = Number(stats.flagged_sessions);
      return value ? n : Number(stats.sessions) - n;
    }
  }
  const key = filterKey(filter, now);
  const memo = db.totals.get(key);
  if (memo && memo.gen === db.gen) return memo.total;
  let total: number;
  if (isWorkflowOnly(filter)) {
    // B10's quick views and the like: from the running counts per status and assignee (workflowCounts.ts).
    total = workflowCount(db, filter, now);
  } else if (matches) {
    // Counted from the product/customer/seller indexes alone (they carry the columns of the other filters).
    const union = matchBranches(filter, now, matches, false);
    total = union ? Number(db.get(`SELECT count(*) AS n FROM (${union.sql})`, ...union.params)?.n ?? 0) : 0;
  } else {
    const where = sessionWhere(filter, now, matches);
    total = Number(db.get(`SELECT count(*) AS n FROM sessions WHERE ${where.sql}`, ...where.params)?.n ?? 0);
  }
  rememberTotal(db, filter, now, total);
  return total;
}

/**
 * The search as the ids of the products, customers and sellers whose names contain it (small tables), so the
 * sessions are found through their indexes; null (scan the folded names) when too many match to be worth it.
 */
function searchMatches(db: CacheDb, filter: SessionFilter): SearchMatches | null {
  const folded = filter.search ? foldArabic(filter.search) : '';
  // A participant or product filter is already selective: its index leads and the names are checked per row.
  if (!folded || folded.includes('|') || filter.customerId || filter.sellerId || filter.productId) return null;
  // The same test as `name_key LIKE '%…%'` (both sides folded, so lower case), over names kept in memory.
  const names = nameLists(db);
  const found: SearchMatches = { products: [], customers: [], sellers: [] };
  let n = 0;
  for (const kind of ['products', 'customers', 'sellers'] as const) {
    const list = names[kind];
    for (let i = 0; i < list.keys.length; i++) {
      if (!(list.keys[i] as string).includes(folded)) continue;
      if (++n > MAX_SEARCH_IDS) return null;
      found[kind].push(list.ids[i] as string);
    }
  }
  return found;
}

/** The folded names of products, customers and sellers, read once and again after any of them changes. */
function nameLists(db: CacheDb): NameLists {
  if (db.names) return db.names;
  const lists: NameLists = {
    products: { ids: [], keys: [] },
    customers: { ids: [], keys: [] },
    sellers: { ids: [], keys: [] },
  };
  for (const r of db.all('SELECT id, name_key FROM products')) {
    lists.products.ids.push(r.id as string);
    lists.products.keys.push(r.name_key as string);
  }
  for (const r of db.all(`SELECT id, name_key, role FROM users WHERE role IN ('customer', 'seller')`)) {
    const list = r.role === 'customer' ? lists.customers : lists.sellers;
    list.ids.push(r.id as string);
    list.keys.push(r.name_key as string);
  }
  db.names = lists;
  return lists;
}

/**
 * A page of a search resolved to ids (see searchMatches), by the cheapest of three plans:
 *  - "top keys": for the default sort (last message), the page's latest rows are picked from the product/customer/
 *    seller indexes alone (they carry the time), then only those rows are read;
 *  - "walk": the sort's index is walked and each row checked, stopping after the page — cheap when matches are
 *    spread along that order; a name sort of the kind the search matched walks only the range of those names;
 *  - "collect": every match is read and sorted — when few match (a few thousand), or when a walk could cross most
 *    of the table before meeting them (a name sort of a kind that matched alongside others).
 */
function pageOfMatches(
  db: CacheDb,
  input: SessionPageInput,
  now: number,
  matches: SearchMatches,
  total: number,
): Row[] {
  const { filter, sort, order, offset, limit } = input;
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  const wanted = offset + limit;
  const cols = SESSION_COLUMN_LIST;
  const kinds = (['products', 'customers', 'sellers'] as const).filter((k) => matches[k].length > 0);
  const walkCost = (wanted * sessionCount(db)) / total;

  if (sort === 'lastMessageAt' && total > COLLECT_MATCHES_BELOW && total <= TOP_KEYS_BELOW && walkCost > total / 8) {
    const keyed = matchBranches(filter, now, matches, true);
    if (!keyed) return [];
    // One pass over the indexes keeps the `wanted` latest; rows tied with the last of them (same time, other id)
    // are added by a seek, so the id order at the page's edge is exact.
    const top = db.all(`SELECT r, k FROM (${keyed.sql}) ORDER BY k ${dir} LIMIT ?`, ...keyed.params, wanted);
    const rowids = new Set(top.map((t) => t.r as number));
    const edge = top.length === wanted ? top[top.length - 1]?.k : undefined;
    if (edge !== undefined) {
      for (const t of db.all(`SELECT r FROM (${keyed.sql}) WHERE k = ?`, ...keyed.params, edge)) {
        rowids.add(t.r as number);
      }
    }
    return db.all(
      `SELECT ${cols} FROM sessions WHERE rowid IN (SELECT value FROM json_each(?))
          ORDER BY ${sessionOrderBy(sort, order, true)} LIMIT ? OFFSET ?`,
      JSON.stringify([...rowids]),
      limit,
      offset,
    );
  }

  const nameKind = NAME_SORT_KIND[sort];
  let range: { sql: string; params: SqlValue[] } | null = null;
  let walk = walkCost < total && total > COLLECT_MATCHES_BELOW;
  if (nameKind && matches[nameKind].length > 0) {
    if (kinds.length === 1) {
      // Every match carries one of the matched names: walk only between the first and the last of them.
      const table = nameKind === 'products' ? 'products' : 'users';
      const span = db.get(
        `SELECT min(name_key) AS lo, max(name_key) AS hi FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`,
        JSON.stringify(matches[nameKind]),
      );
      if (span?.lo != null && span.hi != null) {
        range = { sql: ` AND ${SORT_COLUMNS[sort]} BETWEEN ? AND ?`, params: [span.lo, span.hi] };
      } else walk = false;
    } else {
      walk = false;
    }
  }
  if (walk) {
    const where = sessionWhere(filter, now, matches);
    return db.all(
      `SELECT ${cols} FROM sessions INDEXED BY ${SORT_INDEX[sort]} WHERE ${where.sql}${range?.sql ?? ''}
          ORDER BY ${sessionOrderBy(sort, order)} LIMIT ? OFFSET ?`,
      ...where.params,
      ...(range?.params ?? []),
      limit,
      offset,
    );
  }
  const union = matchBranches(filter, now, matches, false);
  if (!union) return [];
  return db.all(
    `SELECT ${cols} FROM sessions WHERE rowid IN (${union.sql})
        ORDER BY ${sessionOrderBy(sort, order, true)} LIMIT ? OFFSET ?`,
    ...union.params,
    limit,
    offset,
  );
}

/** Rows of a filtered, sorted list in pages by offset (export reads through this). */
export function sessionsSlice(
  db: CacheDb,
  filter: SessionFilter,
  sort: SessionPageInput['sort'],
  order: SessionPageInput['order'],
  offset: number,
  limit: number,
): Session[] {
  const where = sessionWhere(filter, Date.now());
  return db
    .all(
      `SELECT ${SESSION_COLUMN_LIST} FROM sessions WHERE ${where.sql} ORDER BY ${sessionOrderBy(sort, order)} LIMIT ? OFFSET ?`,
      ...where.params,
      limit,
      offset,
    )
    .map(toSession);
}

/**
 * The ids of every session a filter matches (only those with unread messages when `onlyUnread`) among those created
 * by `createdBy` (the instant the person confirmed the count), newest message first: what a bulk job over "all
 * matching" works through, taken once when it starts.
 */
export function matchingIds(
  db: CacheDb,
  filter: SessionFilter,
  onlyUnread: boolean,
  now: number,
  createdBy: string,
): string[] {
  const where = sessionWhere(filter, now);
  return db
    .all(
      `SELECT id FROM sessions WHERE ${where.sql}${onlyUnread ? ' AND unread_count > 0' : ''} AND created_at <= ?
        ORDER BY ${sessionOrderBy('lastMessageAt', 'desc')}`,
      ...where.params,
      createdBy,
    )
    .map((row) => row.id as string);
}
