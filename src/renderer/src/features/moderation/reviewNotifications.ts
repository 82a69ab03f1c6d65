// B9 in the web edition: the moderators' notifications of queue items that opened, from the core's
// 'moderation.review' (sent to moderators and admins only, so agents and managers are never disturbed by them). One
// notification at a time: one item names who wrote what about which product, and a click opens that item; several
// say "3 messages to review", and a click opens the queue. Paused, quiet hours or without the browser's permission,
// nothing is shown. Opening the Moderation section on an item is also what the desktop's toast and tray ask for.
import type { ReviewState } from '@shared/moderationDesk.ts';
import { inQuietHours, type NotifyRules } from '@shared/notifyRules.ts';
import i18next from 'i18next';
import { useNavigation } from '../../app/navigation.ts';
import type { NotificationFactory, NotificationLike } from '../notifications/webNotifier.ts';
import { NS } from './strings.ts';

export const REVIEW_TAG = 'chatdesk:review';

/** Opens the Moderation section on an item (null: the queue), the window forward. */
export function openModeration(itemId: string | null): void {
  window.focus();
  useNavigation.getState().navigate({ name: 'moderation', ...(itemId ? { itemId } : {}) });
}

export interface ReviewNotifierOptions {
  create: NotificationFactory;
  allowed(): boolean;
  paused(): boolean;
  rules(): NotifyRules;
  onOpen(itemId: string | null): void;
  icon?: () => string | undefined;
}

function clip(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export class ReviewNotifier {
  readonly #options: ReviewNotifierOptions;
  #live: NotificationLike | null = null;

  constructor(options: ReviewNotifierOptions) {
    this.#options = options;
  }

  get shown(): boolean {
    return this.#live !== null;
  }

  handle(state: ReviewState, now = new Date()): void {
    const newest = state.notify[state.notify.length - 1];
    if (!newest) {
      // Nothing left to review (or no longer a moderator): the notification is no longer true.
      if (state.open === 0 || state.open === null) this.withdraw();
      return;
    }
    const o = this.#options;
    if (o.paused() || !o.allowed() || inQuietHours(o.rules().quietHours, now)) return;
    const t = i18next.getFixedT(null, NS);
    const one = state.notify.length === 1;
    const title = one
      ? t('review.one', { sender: newest.senderName, product: newest.productName })
      : t('review.many', { count: Math.max(state.notify.length, state.open ?? 0) });
    const body = clip(one ? newest.body : `${newest.senderName}: ${newest.body}`);
    const itemId = one ? newest.itemId : null;
    this.withdraw();
    const icon = o.icon?.();
    const notification = o.create(title, {
      body,
      tag: REVIEW_TAG,
      silent: !o.rules().notifySound,
      ...(icon ? { icon } : {}),
    });
    notification.onclick = () => {
      this.withdraw();
      o.onOpen(itemId);
    };
    notification.onclose = () => {
      if (this.#live === notification) this.#live = null;
    };
    this.#live = notification;
  }

  withdraw(): void {
    const live = this.#live;
    this.#live = null;
    live?.close();
  }
}
