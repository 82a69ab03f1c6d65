// B9: the moderators' toast for queue items that opened — one item: who wrote what, about which product, and a click
// opens that item; several: "3 messages to review" (the open count when known), and a click opens the queue. One such
// toast at a time: a new one replaces it. Only moderators and admins are sent these items (core/notify/review.ts).
import type { Locale } from '../../../shared/bridge.ts';
import type { ReviewNotice } from '../../../shared/moderationDesk.ts';
import { reviewWords } from './reviewWords.ts';

export const REVIEW_KEY = 'review';

export interface ReviewToast {
  key: typeof REVIEW_KEY;
  title: string;
  body: string;
  /** Where a click goes: the item, or the queue (null) when the toast speaks for several. */
  itemId: string | null;
  /** The session of the newest item (the toast plan's session). */
  sessionId: string;
}

export function reviewToast(
  notify: readonly ReviewNotice[],
  open: number | null,
  locale: Locale,
  bodyLength = 140,
): ReviewToast | null {
  const newest = notify[notify.length - 1];
  if (!newest) return null;
  const words = reviewWords(locale);
  const clip = (text: string) => {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > bodyLength ? `${flat.slice(0, bodyLength - 1)}…` : flat;
  };
  if (notify.length === 1) {
    return {
      key: REVIEW_KEY,
      title: words.one(newest.senderName, newest.productName),
      body: clip(newest.body),
      itemId: newest.itemId,
      sessionId: newest.sessionId,
    };
  }
  return {
    key: REVIEW_KEY,
    title: words.toReview(Math.max(notify.length, open ?? 0)),
    body: clip(`${newest.senderName}: ${newest.body}`),
    itemId: null,
    sessionId: newest.sessionId,
  };
}
