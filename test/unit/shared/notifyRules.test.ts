// Which messages notify (D4): the rule the web edition's notifier applies, and the quiet hours' schema.
import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFY_RULES, inQuietHours, messagesToNotify, QuietHours } from '../../../src/shared/notifyRules.ts';

const at = (hh: number, mm: number) => new Date(2026, 11, 5, hh, mm);
const messages = [
  { id: 'a', sessionId: 's1', flags: [] },
  { id: 'b', sessionId: 's2', flags: ['phone'] },
  { id: 'c', sessionId: 's1', flags: [] },
];

describe('notification rules', () => {
  it('quiet hours include their start, exclude their end, and may span midnight', () => {
    const night = { from: '22:00', to: '07:00' };
    expect([at(21, 59), at(22, 0), at(3, 0), at(6, 59), at(7, 0)].map((d) => inQuietHours(night, d))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    const lunch = { from: '12:00', to: '13:30' };
    expect([at(11, 59), at(12, 0), at(13, 29), at(13, 30)].map((d) => inQuietHours(lunch, d))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(inQuietHours(null, at(3, 0))).toBe(false);
  });

  it('picks every message, only flagged ones, or only those of sessions that were all read; none in quiet hours', () => {
    const ids = (rules: Partial<typeof DEFAULT_NOTIFY_RULES>, now = at(12, 0)) =>
      messagesToNotify({ ...DEFAULT_NOTIFY_RULES, ...rules }, messages, now, (id) => id === 's2').map((m) => m.id);
    expect(ids({})).toEqual(['a', 'b', 'c']);
    expect(ids({ notifyWhich: 'flagged' })).toEqual(['b']);
    expect(ids({ notifyWhich: 'newlyUnread' })).toEqual(['b']);
    expect(ids({ quietHours: { from: '11:00', to: '13:00' } })).toEqual([]);
    expect(ids({ quietHours: { from: '13:00', to: '11:00' } })).toEqual(['a', 'b', 'c']);
  });

  it('refuses quiet hours that are not two different times of day, naming the field', () => {
    expect(QuietHours.safeParse({ from: '22:00', to: '07:00' }).success).toBe(true);
    const bad = QuietHours.safeParse({ from: '24:00', to: '07:00' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['from']);
    expect(QuietHours.safeParse({ from: '07:00', to: '07:00' }).error?.issues[0]?.path).toEqual(['to']);
    expect(QuietHours.safeParse({ from: '07:00', to: '08:00', extra: 1 }).success).toBe(false);
  });
});
