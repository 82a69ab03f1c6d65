// Pieces of the database layer that do not need a database: the migration splitter, value parsing, and two tables'
// rows read as one (columns prefixed).
import { describe, expect, it } from 'vitest';
import { beginStatement, parseTimestamptz } from '../../../src/server/db/db.ts';
import { loadMigrations, splitStatements } from '../../../src/server/db/migrate.ts';
import { prefixed, unprefixed } from '../../../src/server/store/rows.ts';

describe('migrations', () => {
  it('are numbered without gaps and split into statements, keeping $$ blocks whole', () => {
    const migrations = loadMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    const statements = splitStatements(migrations[0]?.sql ?? '');
    expect(statements[0]).toMatch(/^DO \$\$[\s\S]*END\n\$\$;$/);
    expect(statements.some((s) => s.startsWith('CREATE TABLE chat_sessions'))).toBe(true);
    expect(statements.every((s) => s.endsWith(';'))).toBe(true);
  });
});

describe('values', () => {
  it('turns PostgreSQL timestamptz text into ISO-8601 UTC', () => {
    expect(parseTimestamptz('2026-11-24 21:35:10.323+00')).toBe('2026-11-24T21:35:10.323Z');
    expect(parseTimestamptz('2026-11-24 23:35:10+02')).toBe('2026-11-24T21:35:10.000Z');
    expect(parseTimestamptz('2026-11-24 21:35:10.5+05:30')).toBe('2026-11-24T16:05:10.500Z');
    // UTC, the common case, without a Date: the same answer as through one, whatever the milliseconds.
    for (const text of ['2026-11-24 21:35:10+00', '2026-11-24 21:35:10.3+00', '2026-11-24 21:35:10.03+00']) {
      expect(parseTimestamptz(text)).toBe(new Date(`${text.replace(' ', 'T')}:00`).toISOString());
    }
    expect(parseTimestamptz('2026-02-28 23:59:59.999+00')).toBe('2026-02-28T23:59:59.999Z');
    // Outside four-digit years (and BC), through a Date or as sent.
    expect(parseTimestamptz('0099-01-01 00:00:00+00')).toBe(new Date('0099-01-01T00:00:00Z').toISOString());
    expect(parseTimestamptz('infinity')).toBe('infinity');
  });
  it('builds BEGIN with isolation and read-only', () => {
    expect(beginStatement()).toBe('BEGIN');
    expect(beginStatement({ isolation: 'repeatable read', readOnly: true })).toBe(
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  });
});

describe('two rows in one', () => {
  it('names each column with its prefix and takes a row back by it, leaving the other table’s columns out', () => {
    expect(prefixed('m.id, m.body,\n  m.created_at', 'm_')).toBe(
      'm.id AS m_id, m.body AS m_body, m.created_at AS m_created_at',
    );
    const row = { m_id: 'a', m_body: 'hi', s_id: 'b', s_unread_count: 2 };
    expect(unprefixed(row, 'm_')).toEqual({ id: 'a', body: 'hi' });
    expect(unprefixed(row, 's_')).toEqual({ id: 'b', unread_count: 2 });
  });
});
