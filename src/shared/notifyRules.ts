// Which incoming messages notify (D4), as the person set it under Settings: all of them, only those that make a
// session unread again (a session already waiting does not notify on every further message), or only flagged ones
// (B3); with or without sound; and quiet hours (local time, possibly across midnight) in which nothing new notifies.
// Pure, so the web edition's notifier and the desktop's policy (src/main/core/notify/policy.ts) apply the same rule.
import { z } from 'zod';

export const NotifyWhich = z.enum(['all', 'newlyUnread', 'flagged']);
export type NotifyWhich = z.infer<typeof NotifyWhich>;

/**
 * B10: whose sessions notify — all, or only those assigned to the person or to nobody (the core leaves the others'
 * messages out of the notice, src/main/core/cache/notifyScope.ts). An assignment to the person always notifies.
 */
export const NotifyScope = z.enum(['all', 'mineOrUnassigned']);
export type NotifyScope = z.infer<typeof NotifyScope>;

export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (00:00–23:59)');

export const QuietHours = z
  .strictObject({ from: ClockTime, to: ClockTime })
  .refine((q) => q.from !== q.to, { message: 'from and to must differ', path: ['to'] });
export type QuietHours = z.infer<typeof QuietHours>;

export interface NotifyRules {
  notifySound: boolean;
  notifyWhich: NotifyWhich;
  quietHours: QuietHours | null;
}

export const DEFAULT_NOTIFY_RULES: NotifyRules = { notifySound: true, notifyWhich: 'all', quietHours: null };

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Whether `now` (local time) falls in the quiet hours: from included, to excluded; 22:00–07:00 spans midnight. */
export function inQuietHours(quiet: QuietHours | null, now: Date): boolean {
  if (!quiet) return false;
  const at = now.getHours() * 60 + now.getMinutes();
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  return from < to ? at >= from && at < to : at >= from || at < to;
}

/**
 * The messages of a batch that may notify under `rules` at `now`. `newlyUnread(sessionId)` says whether the session
 * had nothing unread before this batch (asked only for the 'newlyUnread' rule).
 */
export function messagesToNotify<M extends { sessionId: string; flags: readonly string[] }>(
  rules: NotifyRules,
  messages: readonly M[],
  now: Date,
  newlyUnread: (sessionId: string) => boolean,
): M[] {
  if (inQuietHours(rules.quietHours, now)) return [];
  if (rules.notifyWhich === 'flagged') return messages.filter((m) => m.flags.length > 0);
  if (rules.notifyWhich === 'newlyUnread') return messages.filter((m) => newlyUnread(m.sessionId));
  return [...messages];
}
