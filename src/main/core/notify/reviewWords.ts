// B9: the desktop shell's words for the review queue (the moderators' toasts, the tray's "Review queue (3)" and the
// tooltip's count) in English and Arabic, with the language's plural forms (shellStrings.ts) and the renderer's words
// («قائمة المراجعة», «رسائل للمراجعة»).
import type { Locale } from '../../../shared/bridge.ts';
import { plural } from './shellStrings.ts';

export interface ReviewWords {
  /** '1 message to review', '3 messages to review'. */
  toReview(count: number): string;
  /** One item's toast title: who wrote it, about which product. */
  one(sender: string, product: string): string;
  /** The tray menu's entry. */
  trayItem(count: number): string;
}

const en: ReviewWords = {
  toReview: (count) => plural('en', count, { one: '1 message to review', other: '{n} messages to review' }),
  one: (sender, product) => `To review: ${sender} — ${product}`,
  trayItem: (count) => `Review queue (${count})`,
};

const ar: ReviewWords = {
  toReview: (count) =>
    plural('ar', count, {
      one: 'رسالة واحدة للمراجعة',
      two: 'رسالتان للمراجعة',
      few: '{n} رسائل للمراجعة',
      many: '{n} رسالة للمراجعة',
      other: '{n} رسالة للمراجعة',
    }),
  one: (sender, product) => `للمراجعة: ${sender} — ${product}`,
  trayItem: (count) => `قائمة المراجعة (${count})`,
};

export function reviewWords(locale: Locale): ReviewWords {
  return locale === 'ar' ? ar : en;
}
