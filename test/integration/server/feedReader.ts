// A desk-like follower of the change feed for tests: starts from a snapshot, pages `changes`, then follows the
// WebSocket; can drop its socket midway and come back with its cursor. Records every seq it applies.
import WebSocket from 'ws';
import type { Session } from '../../../src/shared/domain.ts';
import { type ChangeEvent, FeedFrame } from '../../../src/shared/events.ts';

export interface FeedReader {
  seqs: number[];
  sessions: Map<string, Session>;
  messageIds: Set<string>;
  cursor(): number;
  /** Closes the socket (as a network drop would) and reconnects to `url` (another instance, maybe) after a pause. */
  reconnect(url?: string): Promise<void>;
  waitFor(seq: number, timeoutMs?: number): Promise<void>;
  close(): void;
  heartbeats: number;
  /** Frames that came as binary (the feed speaks JSON text, live frames included). */
  binaryFrames: number;
  closeCodes: number[];
}

export async function followFeed(options: {
  url: string;
  token: string;
  /** Start with a sessions snapshot (so the final state can be compared in full). */
  snapshot: boolean;
  /** Use `changes` pages before the socket (else the socket replays from the cursor). */
  usePaging: boolean;
}): Promise<FeedReader> {
  const sessions = new Map<string, Session>();
  const messageIds = new Set<string>();
  const seqs: number[] = [];
  let cursor = 0;
  let socket: WebSocket | null = null;
  let heartbeats = 0;
  let binaryFrames = 0;
  const closeCodes: number[] = [];
  const waiters: Array<{ seq: number; resolve: () => void }> = [];
  const headers = { authorization: `Bearer ${options.token}` };

  const apply = (e: ChangeEvent) => {
    if (e.seq !== cursor + 1) throw new Error(`gap or duplicate: got seq ${e.seq} after ${cursor}`);
    cursor = e.seq;
    seqs.push(e.seq);
    switch (e.type) {
      case 'session.upserted':
        sessions.set(e.session.id, e.session);
        break;
      case 'session.deleted':
        sessions.delete(e.sessionId);
        break;
      case 'message.created':
        messageIds.add(e.message.id);
        sessions.set(e.session.id, e.session);
        break;
      case 'message.deleted':
        messageIds.delete(e.messageId);
        sessions.set(e.session.id, e.session);
        break;
      case 'messages.read':
        sessions.set(e.session.id, e.session);
        break;
      default:
        break;
    }
    for (const w of waiters.splice(0)) {
      if (cursor >= w.seq) w.resolve();
      else waiters.push(w);
    }
  };

  let baseUrl = options.url;
  if (options.snapshot) {
    let next: string | null = null;
    let seq = 0;
    do {
      const response = await fetch(
        `${baseUrl}/api/v1/admin/snapshot/sessions?limit=1000${next ? `&cursor=${next}` : ''}`,
        { headers },
      );
      const page = (await response.json()) as { items: Session[]; nextCursor: string | null; seq: number };
      for (const s of page.items) sessions.set(s.id, s);
      next = page.nextCursor;
      seq = page.seq;
    } while (next);
    cursor = seq;
  }
  if (options.usePaging) {
    for (;;) {
      const response = await fetch(`${baseUrl}/api/v1/admin/changes?after=${cursor}&limit=50`, { headers });
      const page = (await response.json()) as { events: ChangeEvent[]; hasMore: boolean };
      for (const e of page.events) apply(e);
      if (!page.hasMore) break;
    }
  }

  const connect = () =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/v1/admin/events?after=${cursor}`, {
        headers: { authorization: `Bearer ${options.token}` },
      });
      socket = ws;
      ws.on('open', () => resolve());
      ws.on('error', reject);
      ws.on('message', (data, isBinary) => {
        if (isBinary) binaryFrames++;
        const frame = FeedFrame.parse(JSON.parse(String(data)));
        if (frame.kind === 'heartbeat') heartbeats++;
        else apply(frame.event);
      });
      ws.on('close', (code) => closeCodes.push(code));
    });
  await connect();

  return {
    seqs,
    sessions,
    messageIds,
    get heartbeats() {
      return heartbeats;
    },
    get binaryFrames() {
      return binaryFrames;
    },
    closeCodes,
    cursor: () => cursor,
    async reconnect(url?: string) {
      const old = socket;
      old?.terminate();
      await new Promise((r) => setTimeout(r, 30));
      if (url) baseUrl = url;
      await connect();
    },
    waitFor(seq, timeoutMs = 20_000) {
      if (cursor >= seq) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`feed reader stuck at ${cursor}, waiting for ${seq}`)),
          timeoutMs,
        );
        waiters.push({
          seq,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    close() {
      socket?.close();
    },
  };
}
