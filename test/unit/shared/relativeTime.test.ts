import { describe, expect, it } from 'vitest';
import { relativeTime } from '../../../src/shared/relativeTime.ts';

const now = new Date('2026-11-24T12:00:00Z');

describe('relativeTime', () => {
  it('speaks English', () => {
    expect(relativeTime('2026-11-24T10:00:00Z', 'en', now)).toBe('2 hours ago');
    expect(relativeTime('2026-11-24T11:59:50Z', 'en', now)).toBe('now');
    expect(relativeTime('2026-11-23T12:00:00Z', 'en', now)).toBe('yesterday');
  });
  it('speaks Arabic', () => {
    expect(relativeTime('2026-11-24T10:00:00Z', 'ar', now)).toBe('قبل ساعتين');
  });
});
