// The search columns and the LIKE pattern both sides write (src/shared/search.ts). The pattern is tried on real
// SQLite with the desk's `ESCAPE '\'`, so "50%" and "a_b" mean those characters there.
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { foldArabic } from '../../../src/shared/arabicFold.ts';
import { likeContains, sessionSearchText, userSearchText } from '../../../src/shared/search.ts';

describe('likeContains', () => {
  it('wraps the text in % and escapes %, _ and backslash', () => {
    expect(likeContains('phone')).toBe('%phone%');
    expect(likeContains('50%_x\\')).toBe('%50\\%\\_x\\\\%');
    expect(likeContains('')).toBe('%%');
  });

  const db = new DatabaseSync(':memory:');
  afterAll(() => db.close());
  const matches = (text: string, search: string) =>
    Number(
      (db.prepare(`SELECT ? LIKE ? ESCAPE '\\' AS m`).get(text, likeContains(search)) as { m: number | bigint }).m,
    ) === 1;

  it('on SQLite, matches the characters typed, not a pattern', () => {
    expect(matches('save 50% today', '50%')).toBe(true);
    expect(matches('save 500 today', '50%')).toBe(false);
    expect(matches('a_b', 'a_b')).toBe(true);
    expect(matches('axb', 'a_b')).toBe(false);
    expect(matches('c:\\dir', ':\\d')).toBe(true);
    expect(matches('c:/dir', ':\\d')).toBe(false);
  });
});

describe('search columns', () => {
  it('a session’s: product, customer and seller names folded, joined by " | "', () => {
    expect(sessionSearchText('عطر أحمد', 'فاطمة', 'Tech Haven')).toBe('عطر احمد | فاطمه | tech haven');
    // A search never spans two names: the desk resolves a search containing "|" without its name lists.
    expect(sessionSearchText('A', 'B', 'C').split(' | ')).toEqual(['a', 'b', 'c']);
  });
  it('a user’s: name and e-mail folded, so either finds them', () => {
    const text = userSearchText('نورة الشمري', 'Noura@Example.test');
    expect(text).toBe('نوره الشمري noura@example.test');
    expect(text).toContain(foldArabic('نورة'));
    expect(text).toContain('noura@example');
  });
});
