// What every badge shows for an unread total: one pure function, so the tray, the dock, the taskbar overlay and the
// launcher can never disagree with each other or with the core's total. The words are the interface language's.
import type { Locale } from '../../../shared/bridge.ts';
import { reviewWords } from './reviewWords.ts';
import { shellStrings } from './shellStrings.ts';

export type TrayIconName = `tray-${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}` | 'tray-9plus';

export interface BadgeState {
  /** The unread total, never negative. */
  count: number;
  /** Text for the dock/launcher badge: '' when nothing is unread, capped at '99+'. */
  text: string;
  /** The pre-rendered tray image for this total (0–9, then 9+). */
  trayIcon: TrayIconName;
  /** The tray tooltip. */
  tooltip: string;
  /** The accessible description of the Windows taskbar overlay ('' when there is no overlay). */
  description: string;
  /** B9: the review queue's open count for moderators and admins (the tray's entry), null for everyone else. */
  review: number | null;
}

export function badgeFor(
  total: number,
  paused = false,
  locale: Locale = 'en',
  review: number | null = null,
): BadgeState {
  const words = shellStrings(locale);
  const count = Number.isFinite(total) && total > 0 ? Math.floor(total) : 0;
  const text = count === 0 ? '' : count > 99 ? '99+' : String(count);
  const trayIcon: TrayIconName = count > 9 ? 'tray-9plus' : (`tray-${count}` as TrayIconName);
  const reviewing = review !== null && review > 0 ? ` · ${reviewWords(locale).toReview(review)}` : '';
  const tooltip = words.tooltip(`${words.unread(count)}${reviewing}`, paused);
  const description = count === 0 ? '' : count > 99 ? words.unreadCapped : words.unread(count);
  return { count, text, trayIcon, tooltip, description, review };
}
