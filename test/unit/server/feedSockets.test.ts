// The token check of open feed sockets (FeedSockets.recheck): a check that cannot read the tokens is reported to the
// backend's log (app.ts passes app.log.warn) and leaves the sockets open for the next check; a check that reads them
// closes the sockets whose token no longer signs anyone in, with the code and reason.
import { describe, expect, it } from 'vitest';
import type { Queryable } from '../../../src/server/db/db.ts';
import { FeedSockets } from '../../../src/server/feed.ts';

class Socket {
  closed: { code?: number; reason?: string } | null = null;
  close(code?: number, reason?: string): void {
    this.closed = { code, reason };
  }
}

const failing: Queryable = {
  query: () => Promise.reject(new Error('connection to the database lost')),
};
const noLiveTokens: Queryable = {
  query: <R>() => Promise.resolve({ rows: [] as R[], rowCount: 0 }) as never,
};

describe('FeedSockets.recheck', () => {
  it('reports a check that could not read the tokens and keeps the sockets open for the next one', async () => {
    const failures: unknown[] = [];
    const sockets = new FeedSockets<Socket>((error) => failures.push(error));
    const socket = new Socket();
    sockets.add(socket);
    sockets.identify(socket, 'hash-1');

    await sockets.recheck(failing, 'signed out: token revoked', 4401);
    expect(failures).toHaveLength(1);
    expect(String(failures[0])).toContain('connection to the database lost');
    expect(socket.closed).toBeNull();
    expect(sockets.size).toBe(1);

    await sockets.recheck(noLiveTokens, 'signed out: token revoked', 4401);
    expect(socket.closed).toEqual({ code: 4401, reason: 'signed out: token revoked' });
    expect(sockets.size).toBe(0);
    expect(failures).toHaveLength(1);
  });
});
