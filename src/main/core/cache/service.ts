// What the cache worker answers: the store (store.ts) plus the two calls that bring the backend's pages in. A
// snapshot page or a page of the change feed is fetched here, in the worker, with the staff token the core passes
// along, then decoded, parsed, checked and written in one transaction — the thread that serves the window only
// asks for the next page and reads back a small result (progress, next cursor, change notice). None of a page's
// bytes, its HTTP parsing or its garbage ever reaches that thread, so its heap stays small and quiet during a cold
// sync. The order of pages, retries, backoff and resync stay with the sync engine (sync.ts).
import type { SnapshotKind } from '../../../shared/api.ts';
import { BackendClient } from '../client.ts';
import { parseSnapshotPageText } from './applyFeed.ts';
import { type ApplyResult, CacheStore } from './store.ts';

/** Where the pages come from: the account's backend and its current token. */
export interface PageSource {
  backendUrl: string;
  token: string | null;
}

export class CacheService extends CacheStore {
  /** One client per backend, kept so its connections are reused from page to page. */
  #clients = new Map<string, BackendClient>();

  #client(source: PageSource): BackendClient {
    let client = this.#clients.get(source.backendUrl);
    if (!client) {
      client = new BackendClient({ backendUrl: source.backendUrl });
      this.#clients.set(source.backendUrl, client);
    }
    client.setToken(source.token);
    return client;
  }

  /** The next snapshot page, asked for while the last one was being written (one page ahead). */
  #ahead: { key: string; body: Promise<ArrayBuffer> } | null = null;

  /**
   * Fetches one snapshot page of `kind` after `cursor` and writes it (putSnapshotPageText). Once the page is parsed,
   * the next one is asked for, so the backend and the network work on it while this page is written.
   */
  async fetchSnapshotPage(
    source: PageSource,
    kind: SnapshotKind,
    cursor: string | null,
    limit: number,
    gen: number,
  ): Promise<ReturnType<CacheStore['putSnapshotPageText']>> {
    const key = (at: string | null) => JSON.stringify([source.backendUrl, source.token, kind, at, limit]);
    const ahead = this.#ahead?.key === key(cursor) ? this.#ahead.body : null;
    this.#ahead = null;
    const body = await (ahead ?? this.#client(source).snapshotBody(kind, cursor, limit));
    const page = parseSnapshotPageText(kind, body);
    if (page.nextCursor) {
      const nextBody = this.#client(source).snapshotBody(kind, page.nextCursor, limit);
      // A page fetched ahead and never asked for (the sync stopped) fails quietly; asked for, it fails there.
      nextBody.catch(() => {});
      this.#ahead = { key: key(page.nextCursor), body: nextBody };
      // Let the request leave before the write holds this thread (writing a page does not yield): the HTTP client
      // needs a few turns of the event loop before it sends (two, measured; four to be safe, well under a ms).
      for (let turn = 0; turn < 4; turn++) await new Promise((resolve) => setImmediate(resolve));
    }
    const { changes, progress } = this.putSnapshotPage(kind, page.items, page.seq, gen);
    return { changes, progress, nextCursor: page.nextCursor, count: page.items.length };
  }

  /** Fetches the page of the change feed after `after` and applies it (applyChangesText). */
  async fetchChanges(
    source: PageSource,
    after: number,
    limit: number,
    options: { notify?: boolean } = {},
  ): Promise<ApplyResult & { received: number; hasMore: boolean }> {
    const body = await this.#client(source).changesBody(after, limit);
    return this.applyChangesText(body, options);
  }
}
