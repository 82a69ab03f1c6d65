// The two database drivers (db/pg.ts on the local PostgreSQL, db/pglite.ts in memory) answer the same for what the
// write path leans on: a script of several statements in one round trip, all or nothing; prepared statements, the
// same text with other values, next to the same text unprepared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, prepared, textLiteral } from '../../../src/server/db/db.ts';
import { pgDb } from '../../../src/server/db/pg.ts';
import { createPGlite, pgliteDb } from '../../../src/server/db/pglite.ts';
import { createTestDatabase } from '../../support/backend.ts';

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

  it('reads back a text literal exactly as written, whatever it holds', async () => {
    const values = ["it's", 'back\\slash', "'); DROP TABLE notes; --", "E'\\x41'", '$1 $$ $tag$', 'عربي ـ أ', '😀', ''];
    const [result] = await db.script<Record<string, string>>(
      `SELECT ${values.map((v, i) => `${textLiteral(v)} AS v${i}`).join(', ')}`,
    );
    expect(Object.values(result?.rows[0] ?? {})).toEqual(values);
    expect((await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM notes')).rows).toEqual([{ n: 1 }]);
  });

  it('rolls a transaction back when its opening statement fails, and serves on', async () => {
    await expect(
      db.transaction(async () => 'never', { opening: `INSERT INTO notes VALUES (3, 'three', now()) RETURNING 1 / 0` }),
    ).rejects.toThrow(/division by zero/);
    const opened = await db.transaction(
      async (tx, first) => ({
        first: first?.rows,
        inside: (await tx.query('SELECT count(*)::int8 AS n FROM notes')).rows,
      }),
      { opening: `INSERT INTO notes VALUES (4, ${textLiteral("four's")}, now()) RETURNING id` },
    );
    expect(opened).toEqual({ first: [{ id: 4 }], inside: [{ n: 2 }] });
    await db.exec('DELETE FROM notes WHERE id = 4');
    expect((await db.query(prepared('SELECT array_agg(id) AS ids FROM notes'))).rows).toEqual([{ ids: [1] }]);
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
