// Where the session table's rows come from (sessionsSource.ts): the first page asked for before the grid exists and
// used by the load it matches, a new search refreshing the rows in place at the top or starting a fresh datasource
// when scrolled, and the generation counter that keeps a late answer of an earlier query off the screen while still
// ending its block. The grid itself, with the real core, is covered by test/e2e/sessions.test.ts.
import type { GridApi, IDatasource, IGetRowsParams } from 'ag-grid-community';
import { beforeEach, describe, expect, it } from 'vitest';
import { setBridge } from '../../src/renderer/src/bridge/index.ts';
import { SessionsSource, type SourceListener } from '../../src/renderer/src/features/sessions/sessionsSource.ts';
import type { SessionPage } from '../../src/shared/bridge.ts';
import type { Session } from '../../src/shared/domain.ts';
import { createFakeBridge, type FakeBridge, refused, session } from './fakeBridge.tsx';

type Answer = SessionPage | ReturnType<typeof refused>;

/** Each sessions.page call waits until the test answers it. */
function pagesOnRequest(bridge: FakeBridge) {
  const pending: Array<{ input: unknown; answer(value: Answer): void }> = [];
  bridge.handle('sessions.page', (input) => new Promise<Answer>((answer) => pending.push({ input, answer })));
  return pending;
}

const page = (ids: string[], total: number): SessionPage => ({ rows: ids.map((id) => session({ id })), total });
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The parts of the grid's API the source uses, recording what it was asked. */
function fakeApi(blocks: string[], firstRow = 0) {
  const asked: string[] = [];
  let datasource: IDatasource | null = null;
  const api = {
    getCacheBlockState: () => Object.fromEntries(blocks.map((b) => [b, { pageStatus: 'loaded' }])),
    getFirstDisplayedRowIndex: () => firstRow,
    refreshInfiniteCache: () => asked.push('refresh'),
    setGridOption: (name: string, value: IDatasource) => {
      asked.push(name);
      datasource = value;
    },
  } as unknown as GridApi<Session>;
  return { api, asked, datasource: () => datasource };
}

/** Asks `ds` for rows 0–99 as the grid does; resolves with what the grid was told. */
function load(ds: IDatasource) {
  const told: Array<{ rows?: Session[]; total?: number; failed?: true }> = [];
  const params = {
    startRow: 0,
    endRow: 100,
    sortModel: [],
    filterModel: {},
    context: {},
    successCallback: (rows: Session[], total?: number) => told.push({ rows, total }),
    failCallback: () => told.push({ failed: true }),
  } as unknown as IGetRowsParams;
  ds.getRows(params);
  return told;
}

function listener() {
  const heard: string[] = [];
  const l: SourceListener = {
    onTotal: (total) => heard.push(`total ${total}`),
    onError: (message) => heard.push(`error ${message}`),
    onLoaded: () => heard.push('loaded'),
  };
  return { l, heard };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the session table source', () => {
  let bridge: FakeBridge;
  let pending: ReturnType<typeof pagesOnRequest>;
  beforeEach(() => {
    bridge = createFakeBridge();
    setBridge(bridge);
    pending = pagesOnRequest(bridge);
  });

  it('asks for the first page at once and hands it to the first load that matches it', async () => {
    const { l, heard } = listener();
    const source = new SessionsSource({}, l);
    expect(pending).toHaveLength(1);
    expect(pending[0]?.input).toEqual({ filter: {}, sort: 'lastMessageAt', order: 'desc', offset: 0, limit: 100 });
    const told = load(source.datasource());
    expect(pending).toHaveLength(1);
    pending[0]?.answer(page([id(1), id(2)], 2));
    await settle();
    expect(told).toEqual([
      { rows: [expect.objectContaining({ id: id(1) }), expect.objectContaining({ id: id(2) })], total: 2 },
    ]);
    expect(heard).toEqual(['total 2', 'error null', 'loaded']);
    // The early page serves once: the next load asks the core again.
    load(source.datasource());
    expect(pending).toHaveLength(2);
  });

  it('refreshes the rows in place for a new search at the top, and drops the late answer of the old one', async () => {
    const { l, heard } = listener();
    const source = new SessionsSource({}, l);
    const ds = source.datasource();
    const first = load(ds);
    const grid = fakeApi(['0']);
    source.setFilter(grid.api, { search: 'lamp' });
    expect(grid.asked).toEqual(['refresh']);
    // The grid reloads the block through the same datasource, now with the search.
    const second = load(ds);
    expect(pending[1]?.input).toEqual({
      filter: { search: 'lamp' },
      sort: 'lastMessageAt',
      order: 'desc',
      offset: 0,
      limit: 100,
    });
    pending[1]?.answer(page([id(7)], 1));
    pending[0]?.answer(page([id(1), id(2)], 2));
    await settle();
    // The stale answer still ends its block, but the total and the selection follow the search only.
    expect(first).toHaveLength(1);
    expect(second).toEqual([{ rows: [expect.objectContaining({ id: id(7) })], total: 1 }]);
    expect(heard).toEqual(['total 1', 'error null', 'loaded']);
    // The same filter again changes nothing.
    source.setFilter(grid.api, { search: 'lamp' });
    expect(grid.asked).toEqual(['refresh']);
  });

  it('starts a fresh datasource for a new filter when scrolled down, and reports only the current failure', async () => {
    const { l, heard } = listener();
    const source = new SessionsSource({}, l);
    const old = load(source.datasource());
    const grid = fakeApi(['0', '1'], 150);
    source.setFilter(grid.api, { hasUnread: true });
    expect(grid.asked).toEqual(['datasource']);
    const fresh = grid.datasource();
    if (!fresh) throw new Error('no datasource set');
    const current = load(fresh);
    pending[0]?.answer(refused('internal', 'old query failed'));
    pending[1]?.answer(refused('internal', 'the cache is closed'));
    await settle();
    expect(old).toEqual([{ failed: true }]);
    expect(current).toEqual([{ failed: true }]);
    expect(heard).toEqual(['error the cache is closed']);
  });
});
