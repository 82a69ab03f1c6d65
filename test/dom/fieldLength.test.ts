// A text field over its limit is named on the field, in the interface language, counted as the contract counts
// (trimmed); one that fits has no error. The fields themselves never cut what is typed (see the escalate, reply and
// saved-view tests).
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from '../../src/renderer/src/i18n/index.ts';
import { tooLongError } from '../../src/renderer/src/ui/fieldLength.ts';

afterEach(() => initI18n('en'));

describe('tooLongError', () => {
  it('names the limit and the length now, and nothing for a text that fits once trimmed', () => {
    initI18n('en');
    expect(tooLongError('x'.repeat(101), 100)).toBe('must be at most 100 characters (101 now)');
    expect(tooLongError(`  ${'x'.repeat(100)}  `, 100)).toBeNull();
    expect(tooLongError('', 100)).toBeNull();
    expect(tooLongError('x'.repeat(1200), 1000)).toBe('must be at most 1,000 characters (1,200 now)');
  });

  it('speaks Arabic when the interface does', () => {
    initI18n('ar');
    const error = tooLongError('x'.repeat(1200), 1000) as string;
    expect(error).toContain('يجب ألا يتجاوز');
    expect(error).not.toMatch(/[A-Za-z]/);
  });
});
