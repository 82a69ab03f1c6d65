// The two database drivers (db/pg.ts on the local PostgreSQL, db/pglite.ts in memory) answer the same for what the
// write path leans on: a script of several statements in one round trip, all or nothing; a transaction's opening
// statements and its closing one, sent with BEGIN and COMMIT; prepared statements, the same text with other values,
// next to the same text unprepared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, prepared } from '../../../src/server/db/db.ts';
import { pgDb } from '../../../src/server/db/pg.ts';
import { createPGlite, pgliteDb } from '../../../src/server/db/pglite.ts';
import { createTestDatabase } from '../../support/backend.ts';
import { socketWrites } from '../../support/socketWrites.ts';

const drivers: Array<{ name: string; open: () => Promise<{ db: Db; close: () => Promise<void> }> }> = [
  {
    name: 'PGlite',
    open: async () => {
      const db = pgliteDb(await createPGlite(), true);
      return { db, close: () => db.close() };
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const database = await createTestDatabase('chatdesk_drivers');
      // One connection: what a failed script or transaction leaves behind, the next call meets.
      const db = pgDb(database.url, { max: 1 });
      return {
        db,
        close: async () => {
          await db.close();
          await database.drop();
        },
      };
    },
  },
];

describe.each(drivers)('the $name driver', ({ open }) => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await open());
    await db.exec('CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL, at timestamptz(3) NOT NULL)');
  });
  afterAll(async () => close?.());

  it('runs a script in one go and answers the rows of each statement', async () => {
    const results = await db.script<{ n: number }>(
      `INSERT INTO notes VALUES (1, 'one', '2026-12-05 10:00:00+00'); SELECT count(*)::int8 AS n FROM notes`,
    );
    expect(results).toHaveLength(2);
    expect(results[0]?.rowCount).toBe(1);
    expect(results[1]?.rows).toEqual([{ n: 1 }]);
  });

  it('applies none of a script whose statement fails, and goes on serving', async () => {
    await expect(db.script(`INSERT INTO notes VALUES (2, 'two', now()); SELECT 1 / 0`)).rejects.toThrow(
      /division by zero/,
    );
    for (let i = 0; i < 3; i++) {
      const { rows } = await db.query<{ ids: number[] }>('SELECT array_agg(id ORDER BY id) AS ids FROM notes');
      expect(rows[0]?.ids).toEqual([1]);
    }
  });

  it('rolls a transaction back when an opening statement fails, and serves on', async () => {
    await expect(
      db.transaction(async () => 'never', {
        opening: [
          { sql: `INSERT INTO notes VALUES (3, 'three', now())` },
          { sql: 'SELECT 1 / $1::int AS x', params: [0] },
          { sql: `INSERT INTO notes VALUES (5, 'five', now())` },
        ],
      }),
    ).rejects.toThrow(/division by zero/);
    const quoted = "four's '); DROP TABLE notes; --";
    const opened = await db.transaction(
      async (tx, [first, second]) => ({
        first: first?.rows,
        second: second?.rows,
        inside: (await tx.query('SELECT count(*)::int8 AS n FROM notes')).rows,
      }),
      {
        opening: [
          { sql: prepared('INSERT INTO notes VALUES ($1, $2, now()) RETURNING id, body'), params: [4, quoted] },
          { sql: 'SELECT count(*)::int8 AS n FROM notes' },
        ],
      },
    );
    // The second opening statement saw the first one's row: they ran in order, in the same transaction.
    expect(opened).toEqual({ first: [{ id: 4, body: quoted }], second: [{ n: 2 }], inside: [{ n: 2 }] });
    await db.exec('DELETE FROM notes WHERE id = 4');
    expect((await db.query(prepared('SELECT array_agg(id) AS ids FROM notes'))).rows).toEqual([{ ids: [1] }]);
  });

  it('runs the statement given to atCommit last, committed with the rest', async () => {
    const value = await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO notes VALUES (6, 'six', now())`);
      tx.atCommit(prepared('UPDATE notes SET body = body || $2 WHERE id = $1'), [6, ' (closed)']);
      // Not run yet: it goes with the COMMIT.
      return (await tx.query<{ body: string }>('SELECT body FROM notes WHERE id = 6')).rows[0]?.body;
    });
    expect(value).toBe('six');
    expect((await db.query('SELECT body FROM notes WHERE id = 6')).rows).toEqual([{ body: 'six (closed)' }]);
    await db.exec('DELETE FROM notes WHERE id = 6');
  });

  it('commits nothing when the statement given to atCommit fails, and throws its error', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO notes VALUES (7, 'seven', now())`);
        tx.atCommit('UPDATE notes SET id = id / $1 WHERE id = 7', [0]);
        return 'resolved';
      }),
    ).rejects.toThrow(/division by zero/);
    // The connection serves on (the PostgreSQL copy has one), outside any transaction: nothing of it stayed.
    for (let i = 0; i < 3; i++) {
      expect((await db.query('SELECT array_agg(id ORDER BY id) AS ids FROM notes')).rows).toEqual([{ ids: [1] }]);
    }
    await db.transaction(async (tx) => tx.query(`INSERT INTO notes VALUES (8, 'eight', now())`));
    expect((await db.query('SELECT array_agg(id ORDER BY id) AS ids FROM notes')).rows).toEqual([{ ids: [1, 8] }]);
    await db.exec('DELETE FROM notes WHERE id = 8');
  });

  it('refuses atCommit a value it could not send as is, before anything is sent; nothing is written', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO notes VALUES (9, 'nine', now())`);
        tx.atCommit('UPDATE notes SET body = $2 WHERE id = $1', [9, { not: 'text' }]);
        return 'resolved';
      }),
    ).rejects.toThrow(TypeError);
    expect((await db.query('SELECT array_agg(id ORDER BY id) AS ids FROM notes')).rows).toEqual([{ ids: [1] }]);
  });

  it('throws when its function went on after a failed statement (COMMIT answers ROLLBACK): nothing written', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO notes VALUES (10, 'ten', now())`);
        await tx.query('SELECT 1 / 0').catch(() => {});
        return 'resolved';
      }),
    ).rejects.toThrow(/nothing was committed|rolled back instead of committed/);
    expect((await db.query('SELECT array_agg(id ORDER BY id) AS ids FROM notes')).rows).toEqual([{ ids: [1] }]);
  });

  it('answers a prepared statement like the same text unprepared, value after value', async () => {
    const text = 'SELECT id, body, at FROM notes WHERE id = $1';
    const statement = prepared(text);
    expect(statement.text).toBe(text);
    expect(prepared(text).name).toBe(statement.name);
    expect(prepared(`${text} `).name).not.toBe(statement.name);
    for (const id of [1, 2, 1, 1, 3, 1, 1, 1]) {
      expect((await db.query(statement, [id])).rows).toEqual((await db.query(text, [id])).rows);
    }
    expect((await db.query(statement, [1])).rows).toEqual([{ id: 1, body: 'one', at: '2026-12-05T10:00:00.000Z' }]);
    // Inside a transaction too, on whichever connection it runs.
    const inTx = await db.transaction(async (tx) => (await tx.query(statement, [1])).rows);
    expect(inTx).toEqual([{ id: 1, body: 'one', at: '2026-12-05T10:00:00.000Z' }]);
  });
});

describe('the PostgreSQL driver on the wire', () => {
  it('writes BEGIN with its opening statements to the socket at once, and the closing statement with COMMIT', async () => {
    const database = await createTestDatabase('chatdesk_drivers_wire');
    const db = pgDb(database.url, { max: 1 });
    try {
      await db.exec('CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)');
      // The socket writes to the server while the transaction runs.
      const port = Number(new URL(database.url).port || 5432);
      const writes = await socketWrites(
        (socket) => socket.remotePort === port,
        () =>
          db.transaction(
            async (tx) => {
              await tx.query(prepared('INSERT INTO notes VALUES ($1, $2)'), [2, 'two']);
              tx.atCommit(prepared('UPDATE notes SET body = $2 WHERE id = $1'), [1, 'one, closed']);
            },
            {
              opening: [
                { sql: prepared('INSERT INTO notes VALUES ($1, $2)'), params: [1, 'one'] },
                { sql: 'SELECT count(*) FROM notes' },
              ],
            },
          ),
      );
      // Three writes: BEGIN and two statements; the one in between; the closing statement and COMMIT.
      expect(writes).toHaveLength(3);
      expect((await db.query('SELECT id, body FROM notes ORDER BY id')).rows).toEqual([
        { id: 1, body: 'one, closed' },
        { id: 2, body: 'two' },
      ]);
    } finally {
      await db.close();
      await database.drop();
    }
  });
});
