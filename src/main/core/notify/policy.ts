// The notification policy, free of Electron: from the core's 'sessions.changed' batches decide which toasts to show,
// which to withdraw, and what the badges say, in the interface language. The shell only carries the decisions out
// (src/main/electron).
import type { EventPayload, Locale } from '../../../shared/bridge.ts';
import type { ReviewState } from '../../../shared/moderationDesk.ts';
import { DEFAULT_NOTIFY_RULES, inQuietHours, messagesToNotify, type NotifyRules } from '../../../shared/notifyRules.ts';
import { type BadgeState, badgeFor } from './badge.ts';
import { REVIEW_KEY, reviewToast } from './reviewToast.ts';
import { shellStrings } from './shellStrings.ts';

export type SessionsChanged = EventPayload<'sessions.changed'>;
type Incoming = SessionsChanged['notify'][number];

export interface ToastPlan {
  /** One live toast per key: `session:<id>` for a conversation, `group` for the summary of a busy batch. */
  key: string;
  /** Where a click goes: the conversation of the newest message in the toast. */
  sessionId: string;
  /** Every conversation the toast speaks for (withdrawn when all of them are read). */
  sessionIds: string[];
  messageIds: string[];
  title: string;
  body: string;
  /** Without sound (the person turned notification sounds off). */
  silent: boolean;
  /** B9: a moderator's toast of the review queue; a click opens this item (null: the queue), not the session. */
  review?: { itemId: string | null };
}

export interface NotifyDecision {
  show: ToastPlan[];
  /** Keys of live toasts to close. A toast to be replaced is closed first, then shown anew. */
  close: string[];
  badge: BadgeState;
}

export interface NotifyPolicyOptions {
  /** Above this many conversations in one batch, a single summary toast replaces the per-conversation ones. */
  maxToastsPerBatch?: number;
  bodyLength?: number;
  /** The language of the badges and of new toasts (setLocale changes it). */
  locale?: Locale;
}

export const GROUP_KEY = 'group';
/** B10: the toast of sessions assigned to the person (one at a time: a new assignment replaces it). */
export const ASSIGNED_KEY = 'assigned';
export const sessionKey = (sessionId: string): string => `session:${sessionId}`;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export class NotifyPolicy {
  readonly #max: number;
  readonly #bodyLength: number;
  /** Live toasts: key → the sessions it speaks for. */
  readonly #live = new Map<string, Set<string>>();
  #paused = false;
  #unreadTotal = 0;
  #locale: Locale;
  #rules: NotifyRules = DEFAULT_NOTIFY_RULES;
  #review: number | null = null;
  /** Whether the review toast is on screen (kept apart from #live: reading a session does not withdraw it). */
  #reviewShown = false;
  /** Whether the toast of assigned sessions is on screen (kept apart from #live: reading does not withdraw it). */
  #assignedShown = false;

  constructor(options: NotifyPolicyOptions = {}) {
    this.#max = Math.max(1, options.maxToastsPerBatch ?? 3);
    this.#bodyLength = options.bodyLength ?? 140;
    this.#locale = options.locale ?? 'en';
  }

  get locale(): Locale {
    return this.#locale;
  }

  /** The interface language changed: the badges and new toasts speak it (toasts on screen stay as they are). */
  setLocale(locale: Locale): BadgeState {
    this.#locale = locale;
    return this.badge();
  }

  get paused(): boolean {
    return this.#paused;
  }

  get unreadTotal(): number {
    return this.#unreadTotal;
  }

  get liveKeys(): string[] {
    return [...this.#live.keys()];
  }

  badge(): BadgeState {
    return badgeFor(this.#unreadTotal, this.#paused, this.#locale, this.#review);
  }

  /** B9: the review queue's open count, for moderators and admins (null for everyone else: no tray entry). */
  get review(): number | null {
    return this.#review;
  }

  /**
   * B9, moderators and admins only: the open count and the queue items that opened. One toast speaks for them (a
   * new one replaces it, and it goes when the queue is empty); pause, do-not-disturb and quiet hours hold it back.
   */
  onReview(state: ReviewState, doNotDisturb = false, now = new Date()): NotifyDecision {
    this.#review = state.open;
    const close: string[] = [];
    const show: ToastPlan[] = [];
    const quiet = this.#paused || doNotDisturb || inQuietHours(this.#rules.quietHours, now);
    const toast = quiet ? null : reviewToast(state.notify, state.open, this.#locale, this.#bodyLength);
    if (this.#reviewShown && (toast || state.open === 0 || state.open === null)) {
      close.push(REVIEW_KEY);
      this.#reviewShown = false;
    }
    if (toast) {
      this.#reviewShown = true;
      show.push({
        key: REVIEW_KEY,
        sessionId: toast.sessionId,
        sessionIds: [],
        messageIds: [],
        title: toast.title,
        body: toast.body,
        silent: !this.#rules.notifySound,
        review: { itemId: toast.itemId },
      });
    }
    return { show, close, badge: this.badge() };
  }

  get rules(): NotifyRules {
    return this.#rules;
  }

  /** Which messages notify, with sound or not, and the quiet hours, as set under Settings (shared/notifyRules.ts). */
  setRules(rules: NotifyRules): void {
    this.#rules = { notifySound: rules.notifySound, notifyWhich: rules.notifyWhich, quietHours: rules.quietHours };
  }

  /** Pausing keeps live toasts (they are still true) but shows no new one until resumed. */
  setPaused(paused: boolean): BadgeState {
    this.#paused = paused;
    return this.badge();
  }

  /** The OS or the user dismissed a toast: forget it. */
  forget(key: string): void {
    this.#live.delete(key);
    if (key === ASSIGNED_KEY) this.#assignedShown = false;
    if (key === REVIEW_KEY) this.#reviewShown = false;
  }

  /** Every session a live toast speaks for. */
  liveSessions(): string[] {
    const live = new Set<string>();
    for (const sessions of this.#live.values()) for (const id of sessions) live.add(id);
    return [...live];
  }

  /** Sessions with a live toast among `sessionIds` (to ask the core whether they were read). */
  liveSessionsAmong(sessionIds: readonly string[]): string[] {
    const live = new Set<string>();
    for (const sessions of this.#live.values()) for (const id of sessions) live.add(id);
    return sessionIds.filter((id) => live.has(id));
  }

  /** Sessions found read after the batch (when the core did not say so itself): the keys of toasts to close. */
  withdrawRead(sessionIds: readonly string[]): string[] {
    const close: string[] = [];
    for (const [key, sessions] of this.#live) {
      for (const id of sessionIds) sessions.delete(id);
      if (sessions.size === 0) close.push(key);
    }
    for (const key of close) this.#live.delete(key);
    return close;
  }

  /**
   * A batch from the core; `doNotDisturb` is what the OS says right now (false where Electron cannot tell);
   * `newlyUnread(id)` whether the session had nothing unread before this batch (for the 'newlyUnread' rule).
   */
  onSessionsChanged(
    batch: SessionsChanged,
    doNotDisturb = false,
    newlyUnread: (sessionId: string) => boolean = () => true,
    now = new Date(),
  ): NotifyDecision {
    this.#unreadTotal = Math.max(0, batch.unreadTotal);
    const close = this.#withdrawals(batch);
    for (const key of close) this.#live.delete(key);

    const show: ToastPlan[] = [];
    const quiet = this.#paused || doNotDisturb;
    const assigned = quiet || inQuietHours(this.#rules.quietHours, now) ? [] : (batch.assigned ?? []);
    if (assigned.length > 0) {
      // Not withdrawn when the session is read: the assignment stays news until dismissed or replaced.
      if (this.#assignedShown) close.push(ASSIGNED_KEY);
      this.#assignedShown = true;
      show.push(this.#assignedPlan(assigned));
    }
    const wanted = quiet ? [] : messagesToNotify(this.#rules, batch.notify, now, newlyUnread);
    if (wanted.length > 0) {
      for (const plan of this.#plans(wanted)) {
        // The previous toast of the same conversation (or the previous summary) goes before the new one.
        if (this.#live.has(plan.key) && !close.includes(plan.key)) close.push(plan.key);
        this.#live.set(plan.key, new Set(plan.sessionIds));
        show.push(plan);
      }
    }
    return { show, close, badge: this.badge() };
  }

  #withdrawals(batch: SessionsChanged): string[] {
    const gone = new Set([...(batch.readSessionIds ?? []), ...batch.deletedIds]);
    const close: string[] = [];
    for (const [key, sessions] of this.#live) {
      if (batch.unreadTotal <= 0) {
        close.push(key);
        continue;
      }
      for (const id of gone) sessions.delete(id);
      if (sessions.size === 0) close.push(key);
    }
    return close;
  }

  /** "Session assigned to you by …": the newest assignment, or how many when several came in one batch. */
  #assignedPlan(assigned: NonNullable<SessionsChanged['assigned']>): ToastPlan {
    const words = shellStrings(this.#locale).toast;
    const newest = assigned[assigned.length - 1] as (typeof assigned)[number];
    const by = new Set(assigned.map((a) => a.byName));
    const sessionIds = [...new Set(assigned.map((a) => a.sessionId))];
    return {
      key: ASSIGNED_KEY,
      sessionId: newest.sessionId,
      sessionIds,
      messageIds: [],
      title: words.assigned(sessionIds.length, by.size === 1 ? newest.byName : null),
      body: clip(`${newest.productName} — ${newest.customerName}`, this.#bodyLength),
      silent: !this.#rules.notifySound,
    };
  }

  #plans(messages: Incoming[]): ToastPlan[] {
    const words = shellStrings(this.#locale).toast;
    const bySession = new Map<string, Incoming[]>();
    const ordered = [...messages].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const message of ordered) {
      const list = bySession.get(message.sessionId) ?? [];
      list.push(message);
      bySession.set(message.sessionId, list);
    }
    const newest = ordered[ordered.length - 1] as Incoming;

    if (bySession.size > this.#max) {
      const sessionIds = [...bySession.keys()];
      return [
        {
          key: GROUP_KEY,
          sessionId: newest.sessionId,
          sessionIds,
          messageIds: ordered.map((m) => m.id),
          title: words.group(ordered.length, sessionIds.length),
          body: clip(words.latest(newest.senderName, newest.body), this.#bodyLength),
          silent: !this.#rules.notifySound,
        },
      ];
    }

    return [...bySession.entries()].map(([sessionId, list]) => {
      const last = list[list.length - 1] as Incoming;
      const title =
        list.length === 1
          ? words.one(last.senderName, last.productName)
          : words.sameSession(list.length, last.productName);
      return {
        key: sessionKey(sessionId),
        sessionId,
        sessionIds: [sessionId],
        messageIds: list.map((m) => m.id),
        title,
        body: clip(list.length === 1 ? last.body : words.latest(last.senderName, last.body), this.#bodyLength),
        silent: !this.#rules.notifySound,
      };
    });
  }
}
