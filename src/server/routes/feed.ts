// Desk sync: `changes` (paged replay of the feed), `snapshot` (keyset pages consistent with a feed position) and
// the WebSocket `/admin/events` (replay after N, then live, with heartbeats).
import type { WebSocket } from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  API_PREFIX,
  ChangesQuery,
  ChangesResult,
  SnapshotKind,
  SnapshotPage,
  SnapshotQuery,
  WsClose,
} from '../../shared/api.ts';
import { can, Id } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import type { ChangeEvent, FeedFrame } from '../../shared/events.ts';
import { principalForToken, tokenHash } from '../auth.ts';
import { checkCursor, feedPosition, readEvents } from '../feed.ts';
import { bearerToken } from '../http/authenticate.ts';
import { isSecretParam } from '../http/redact.ts';
import { defineRoute, type ServerDeps } from '../http/route.ts';
import {
  ORDER_COLUMNS,
  PRODUCT_COLUMNS,
  SESSION_COLUMNS,
  type SessionRow,
  toOrder,
  toProduct,
  toSession,
  toUser,
  USER_COLUMNS,
} from '../store/rows.ts';

const SNAPSHOT_SQL: Record<SnapshotKind, { table: string; columns: string; map: (row: never) => unknown }> = {
  users: { table: 'users u', columns: USER_COLUMNS, map: toUser },
  products: { table: 'products p', columns: PRODUCT_COLUMNS, map: toProduct },
  orders: { table: 'orders o', columns: ORDER_COLUMNS, map: toOrder },
  sessions: { table: 'chat_sessions s', columns: SESSION_COLUMNS, map: (r: SessionRow) => toSession(r) },
};

export interface FeedSocketOptions {
  heartbeatMs: number;
}

export function feedRoutes(app: FastifyInstance, deps: ServerDeps, options: FeedSocketOptions): void {
  defineRoute(app, deps, {
    method: 'GET',
    path: '/admin/changes',
    summary: 'Events after `after`, in seq order; 410 cursor_too_old when they are no longer kept',
    auth: 'staff',
    permission: 'sessions.read',
    query: ChangesQuery,
    response: ChangesResult,
    async handler({ query }) {
      return deps.db.transaction(
        async (tx) => {
          checkCursor(query.after, await feedPosition(tx));
          const events = await readEvents(tx, query.after, query.limit + 1);
          const hasMore = events.length > query.limit;
          const page = events.slice(0, query.limit);
          return { events: page, lastSeq: page.at(-1)?.seq ?? query.after, hasMore };
        },
        { isolation: 'repeatable read', readOnly: true },
      );
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    path: '/admin/snapshot/:kind',
    summary: 'One page of users, products, orders or sessions by id, with the feed seq it is consistent with',
    auth: 'staff',
    permission: 'sessions.read',
    params: z.strictObject({ kind: SnapshotKind }),
    query: SnapshotQuery,
    response: SnapshotPage,
    async handler({ params, query }) {
      if (query.cursor !== undefined && !Id.safeParse(query.cursor).success) {
        throw new AppError('bad_request', 'Invalid query: cursor must be the nextCursor of a previous page', {
          cursor: 'must be a UUID (a nextCursor)',
        });
      }
      const spec = SNAPSHOT_SQL[params.kind];
      const alias = spec.table.split(' ')[1];
      return deps.db.transaction(
        async (tx) => {
          const { lastSeq } = await feedPosition(tx);
          // Counted for the first page only (a client's progress); sessions from the kept counter (migration 008).
          const counting =
            query.cursor !== undefined
              ? null
              : params.kind === 'sessions'
                ? 'SELECT coalesce(sum(sessions), 0)::int AS n FROM session_totals'
                : `SELECT count(*)::int AS n FROM ${spec.table}`;
          const { rows: count } = counting ? await tx.query<{ n: number }>(counting) : { rows: [] };
          const { rows } = await tx.query<never>(
            `SELECT ${spec.columns} FROM ${spec.table} WHERE ($1::uuid IS NULL OR ${alias}.id > $1::uuid)
              ORDER BY ${alias}.id LIMIT $2`,
            [query.cursor ?? null, query.limit],
          );
          const items = rows.map(spec.map);
          const last = rows.at(-1) as { id: string } | undefined;
          return {
            items,
            nextCursor: rows.length === query.limit && last ? last.id : null,
            seq: lastSeq,
            ...(counting ? { total: count[0]?.n ?? 0 } : {}),
          };
        },
        { isolation: 'repeatable read', readOnly: true },
      );
    },
  });

  const sockets = deps.sockets;
  app.get(`${API_PREFIX}/admin/events`, { websocket: true }, (socket, request) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    void serveFeed(deps, options, socket, request).catch((error) => {
      request.log.warn({ err: error }, 'feed socket failed');
      if (socket.readyState === socket.OPEN) socket.close(1011, 'internal error');
    });
  });
}

function send(socket: WebSocket, frame: FeedFrame | string): Promise<void> {
  return new Promise((resolve) => {
    if (socket.readyState !== socket.OPEN) return resolve();
    socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame), () => resolve());
  });
}

/**
 * A live event's frame, made once however many sockets it goes to: the hub hands every subscriber the same event
 * object, so fan-out to N desks costs one JSON.stringify and one UTF-8 encoding, not N (a text given to a socket is
 * encoded again for each; the bytes are sent as they are, as a text frame).
 */
const liveFrames = new WeakMap<ChangeEvent, Buffer>();
function liveFrame(event: ChangeEvent): Buffer {
  let bytes = liveFrames.get(event);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify({ kind: 'event', event } satisfies FeedFrame));
    liveFrames.set(event, bytes);
  }
  return bytes;
}

/**
 * Replays events after the client's cursor from the table, then switches to live delivery from the hub. Events
 * that arrive while replaying wait in `pending`; each event is sent only when it is exactly cursor + 1, so the
 * client sees every seq once and in order. A gap (never expected, but cheap to guard) goes back to replaying.
 */
async function serveFeed(deps: ServerDeps, options: FeedSocketOptions, socket: WebSocket, request: FastifyRequest) {
  const url = new URL(request.url, 'http://x');
  // The token goes in the Authorization header only: a URL ends up in the logs of every proxy on the way.
  if ([...url.searchParams.keys()].some((name) => isSecretParam(encodeURIComponent(name)))) {
    socket.close(WsClose.unauthenticated, 'send the token in the Authorization header, not in the URL');
    return;
  }
  const token = bearerToken(request);
  const principal = token ? await principalForToken(deps.db, token) : null;
  if (principal?.kind !== 'staff' || !can(principal.staff.role, 'sessions.read')) {
    socket.close(WsClose.unauthenticated, 'sign in first: missing, expired or revoked token');
    return;
  }
  // From here the token is checked again whenever tokens are revoked, and every so often (FeedSockets).
  deps.sockets.identify(socket, tokenHash(token as string));
  const afterText = url.searchParams.get('after') ?? '0';
  const after = /^\d{1,15}$/.test(afterText) ? Number(afterText) : Number.NaN;
  if (!Number.isSafeInteger(after)) {
    socket.close(1008, 'after must be a non-negative integer');
    return;
  }
  try {
    checkCursor(after, await feedPosition(deps.db));
  } catch (error) {
    socket.close(WsClose.cursorTooOld, error instanceof AppError ? error.message.slice(0, 120) : 'cursor too old');
    return;
  }

  let cursor = after;
  let live = false;
  let catchingUp = false;
  let closed = false;
  const pending: ChangeEvent[] = [];

  const catchUp = async (): Promise<void> => {
    if (catchingUp) return;
    catchingUp = true;
    live = false;
    try {
      for (;;) {
        const events = await readEvents(deps.db, cursor, 500);
        if (closed) return;
        if (events.length > 0 && (events[0]?.seq ?? 0) !== cursor + 1) {
          socket.close(WsClose.cursorTooOld, 'events after the cursor are no longer kept');
          return;
        }
        for (const event of events) {
          await send(socket, { kind: 'event', event });
          cursor = event.seq;
        }
        if (events.length < 500) break;
      }
      // Anything the hub delivered meanwhile: drop what was replayed, send the rest in order.
      live = true;
      const queued = pending.splice(0).sort((a, b) => a.seq - b.seq);
      catchingUp = false;
      for (const event of queued) deliver(event);
    } finally {
      catchingUp = false;
    }
  };

  const deliver = (event: ChangeEvent) => {
    if (closed) return;
    if (!live) {
      pending.push(event);
      return;
    }
    if (event.seq <= cursor) return;
    if (event.seq !== cursor + 1) {
      pending.push(event);
      void catchUp();
      return;
    }
    cursor = event.seq;
    if (socket.bufferedAmount > 16 * 1024 * 1024) {
      // A reader this slow would hold the whole feed in memory: let it reconnect with its cursor instead.
      socket.close(4429, 'too slow: reconnect with after=<last seq>');
      return;
    }
    // Nothing waits on a live frame: a socket that closes meanwhile drops it, and its desk resumes from its cursor.
    if (socket.readyState === socket.OPEN) socket.send(liveFrame(event), { binary: false });
  };

  // A page of live events goes to the socket in one write: the connection under the WebSocket (the upgraded request's)
  // is corked while the hub delivers the page, so its frames leave together. One system call per frame to each of
  // hundreds of desks was what held live delivery back.
  // (A request made without a connection, as in injected tests, has none to cork.)
  const connection = request.raw.socket as typeof request.raw.socket | undefined;
  // Closed while its token and cursor were read: nothing to follow (the close handler below would never run).
  if (socket.readyState !== socket.OPEN) return;
  const unsubscribe = deps.hub.subscribe({
    deliver,
    beginPage: () => connection?.cork(),
    endPage: () => connection?.uncork(),
  });
  const heartbeat = setInterval(() => {
    void send(socket, { kind: 'heartbeat', lastSeq: Math.max(deps.hub.lastSeq, cursor), at: new Date().toISOString() });
  }, options.heartbeatMs);
  socket.on('close', () => {
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
  });
  await catchUp();
  // First heartbeat right away: the client learns the head even when there is nothing to replay.
  await send(socket, { kind: 'heartbeat', lastSeq: Math.max(deps.hub.lastSeq, cursor), at: new Date().toISOString() });
}
