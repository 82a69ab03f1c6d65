// A session's cache row is built by column name (rows.ts sessionRow) and bound by position in SESSION_COLUMNS order
// (faster in node:sqlite than named parameters): this checks the three agree — the object's keys, the column list
// and the tables the migrations make — and that a row written that way reads back as the same session.
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  absentSessionRow,
  type Row,
  SESSION_COLUMN_LIST,
  SESSION_COLUMNS,
  SESSION_PLACEHOLDERS,
  sessionParams,
  sessionRow,
  toSession,
  utc,
} from '../../../src/main/core/cache/rows.ts';
import { migrate } from '../../../src/main/core/cache/schema.ts';
import type { Session } from '../../../src/shared/domain.ts';

const session: Session = {
  id: randomUUID(),
  product: { id: randomUUID(), name: 'عطر عود أصلي' },
  customer: { id: randomUUID(), name: 'فاطمة' },
  seller: { id: randomUUID(), name: 'Tech Haven' },
  messagesCount: 7,
  unreadCount: 2,
  flaggedCount: 1,
  lastMessageAt: '2026-11-24T15:00:00+03:00',
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-24T12:00:00.000Z',
  status: 'pending',
  assigneeId: randomUUID(),
  assigneeName: 'Ahmed',
  snoozedUntil: '2026-11-25T09:00:00+03:00',
  firstResponseAt: '2026-11-21T10:00:00.000Z',
  resolvedAt: null,
};

describe('cache rows of sessions', () => {
  let db: DatabaseSync;
  beforeEach(() => {
    db = new DatabaseSync(':memory:');
    migrate(db);
  });
  afterEach(() => db.close());

  const columnsOf = (table: string) =>
    (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map((c) => c.name);

  it('names every column of `sessions` and `sessions_base`, no more', () => {
    expect(Object.keys(sessionRow(session, 3)).sort()).toEqual([...SESSION_COLUMNS].sort());
    expect(Object.keys(absentSessionRow('x')).sort()).toEqual([...SESSION_COLUMNS].sort());
    expect(columnsOf('sessions').sort()).toEqual([...SESSION_COLUMNS].sort());
    expect(columnsOf('sessions_base').sort()).toEqual([...SESSION_COLUMNS, 'absent'].sort());
  });

  it('binds the row in column order and reads it back as the same session, times in UTC', () => {
    const row = sessionRow(session, 3);
    expect(sessionParams(row)).toEqual(SESSION_COLUMNS.map((c) => row[c]));
    db.prepare(`INSERT INTO sessions (${SESSION_COLUMN_LIST}) VALUES (${SESSION_PLACEHOLDERS})`).run(
      ...sessionParams(row),
    );
    const stored = db.prepare(`SELECT ${SESSION_COLUMN_LIST} FROM sessions WHERE id = ?`).get(session.id) as Row;
    expect(toSession(stored)).toEqual({
      ...session,
      lastMessageAt: '2026-11-24T12:00:00.000Z',
      snoozedUntil: '2026-11-25T06:00:00.000Z',
    });
    expect(stored).toMatchObject({
      product_key: 'عطر عود اصلي',
      customer_key: 'فاطمه',
      seller_key: 'tech haven',
      assignee_key: 'ahmed',
      status: 'pending',
      search_text: 'عطر عود اصلي | فاطمه | tech haven',
      gen: 3,
    });
  });

  it('takes the UTC form as it is and brings every other form of an instant to it', () => {
    expect(utc('2026-11-20T08:00:00.000Z')).toBe('2026-11-20T08:00:00.000Z');
    expect(utc('2026-11-20T08:00:00Z')).toBe('2026-11-20T08:00:00.000Z');
    expect(utc('2026-11-20T08:00:00.5Z')).toBe('2026-11-20T08:00:00.500Z');
    expect(utc('2026-11-20T11:00:00.000+03:00')).toBe('2026-11-20T08:00:00.000Z');
  });

  it('folds names the same on every row that repeats them', () => {
    const rows = [1, 2, 3].map((gen) => sessionRow({ ...session, id: randomUUID() }, gen));
    for (const row of rows) {
      expect(row).toMatchObject({ product_key: 'عطر عود اصلي', customer_key: 'فاطمه', seller_key: 'tech haven' });
    }
  });

  it('keeps an absent session in the base by its id alone', () => {
    db.prepare(`INSERT INTO sessions_base (${SESSION_COLUMN_LIST}, absent) VALUES (${SESSION_PLACEHOLDERS}, 1)`).run(
      ...sessionParams(absentSessionRow(session.id)),
    );
    const stored = db.prepare('SELECT * FROM sessions_base WHERE id = ?').get(session.id) as Row;
    expect(stored).toMatchObject({ id: session.id, absent: 1, product_id: '', unread_count: 0, gen: 0 });
  });
});
