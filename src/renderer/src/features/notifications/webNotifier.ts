// The web edition's notifications (D4 in a browser tab), from the core's 'sessions.changed' batches: one for a single
// new incoming message, one grouped notification for several arriving together; a click goes to the conversation of
// the newest; a notification is withdrawn (close()) once every session it speaks for is read, deleted, or the unread
// total is zero. Paused: nothing new is shown, what is shown stays true and stays.
import type { EventPayload } from '@shared/bridge.ts';
import { DEFAULT_NOTIFY_RULES, inQuietHours, messagesToNotify, type NotifyRules } from '@shared/notifyRules.ts';
import i18next from 'i18next';
import { NS } from './strings.ts';

type Batch = EventPayload<'sessions.changed'>;
type Incoming = Batch['notify'][number];

/** What the notifier needs of the browser's Notification (a test passes a fake). */
export interface NotificationLike {
  onclick: ((ev: Event) => unknown) | null;
  onclose: ((ev: Event) => unknown) | null;
  close(): void;
}
export type NotificationFactory = (title: string, options: NotificationOptions) => NotificationLike;

export interface WebNotifierOptions {
  create: NotificationFactory;
  /** Bring the tab forward and open the conversation. */
  onOpen(sessionId: string): void;
  /** Whether the page may show notifications now (permission granted). */
  allowed(): boolean;
  icon?: () => string | undefined;
  bodyLength?: number;
}

interface Live {
  notification: NotificationLike;
  sessionIds: Set<string>;
}

export const GROUP_TAG = 'chatdesk:group';
/** B10: sessions someone assigned to the person (replaced by the next assignment; reading does not withdraw it). */
export const ASSIGNED_TAG = 'chatdesk:assigned';
export const sessionTag = (sessionId: string): string => `chatdesk:session:${sessionId}`;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export class WebNotifier {
  readonly #options: WebNotifierOptions;
  readonly #live = new Map<string, Live>();
  #paused = false;
  #rules: NotifyRules = DEFAULT_NOTIFY_RULES;

  constructor(options: WebNotifierOptions) {
    this.#options = options;
  }

  get paused(): boolean {
    return this.#paused;
  }

  setPaused(paused: boolean): void {
    this.#paused = paused;
  }

  get rules(): NotifyRules {
    return this.#rules;
  }

  /** Which messages notify, with sound or not, quiet hours (Settings). */
  setRules(rules: NotifyRules): void {
    this.#rules = rules;
  }

  /** Tags of the notifications on screen. */
  get liveTags(): string[] {
    return [...this.#live.keys()];
  }

  /** Sessions that a live notification speaks for. */
  liveSessions(): string[] {
    const ids = new Set<string>();
    for (const live of this.#live.values()) for (const id of live.sessionIds) ids.add(id);
    return [...ids];
  }

  /** `newlyUnread(id)`: the session had nothing unread before this batch (for the 'newlyUnread' rule). */
  handle(batch: Batch, newlyUnread: (sessionId: string) => boolean = () => true, now = new Date()): void {
    if (batch.unreadTotal <= 0) this.withdrawAll();
    else this.withdraw([...(batch.readSessionIds ?? []), ...batch.deletedIds]);
    if (this.#paused || !this.#options.allowed()) return;
    if (batch.assigned?.length && !inQuietHours(this.#rules.quietHours, now)) this.#showAssigned(batch.assigned);
    if (batch.notify.length === 0) return;
    const wanted = messagesToNotify(this.#rules, batch.notify, now, newlyUnread);
    if (wanted.length > 0) this.#show(wanted);
  }

  /** These sessions were read (or deleted): close what speaks only for read sessions. */
  withdraw(sessionIds: readonly string[]): void {
    if (sessionIds.length === 0) return;
    for (const [tag, live] of [...this.#live]) {
      if (tag === ASSIGNED_TAG) continue;
      for (const id of sessionIds) live.sessionIds.delete(id);
      if (live.sessionIds.size === 0) this.#close(tag);
    }
  }

  withdrawAll(): void {
    for (const tag of [...this.#live.keys()]) if (tag !== ASSIGNED_TAG) this.#close(tag);
  }

  #close(tag: string): void {
    const live = this.#live.get(tag);
    if (!live) return;
    this.#live.delete(tag);
    live.notification.onclose = null;
    live.notification.close();
  }

  #showAssigned(assigned: NonNullable<Batch['assigned']>): void {
    const newest = assigned[assigned.length - 1] as (typeof assigned)[number];
    const count = new Set(assigned.map((a) => a.sessionId)).size;
    const by = new Set(assigned.map((a) => a.byName)).size === 1 ? newest.byName : null;
    const title = i18next.t(by ? 'assigned' : 'assignedAnon', { ns: NS, count, by });
    this.#close(ASSIGNED_TAG);
    const icon = this.#options.icon?.();
    const notification = this.#options.create(title, {
      body: clip(`${newest.productName} — ${newest.customerName}`, this.#options.bodyLength ?? 140),
      tag: ASSIGNED_TAG,
      silent: !this.#rules.notifySound,
      ...(icon ? { icon } : {}),
    });
    notification.onclick = () => {
      this.#options.onOpen(newest.sessionId);
      this.#close(ASSIGNED_TAG);
    };
    notification.onclose = () => {
      if (this.#live.get(ASSIGNED_TAG)?.notification === notification) this.#live.delete(ASSIGNED_TAG);
    };
    // Speaks for no session, and withdraw/withdrawAll pass it by: an assignment is news until dismissed or replaced.
    this.#live.set(ASSIGNED_TAG, { notification, sessionIds: new Set() });
  }

  #show(messages: Incoming[]): void {
    const ordered = [...messages].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const newest = ordered[ordered.length - 1] as Incoming;
    const sessionIds = [...new Set(ordered.map((m) => m.sessionId))];
    const max = this.#options.bodyLength ?? 140;
    const t = (key: string, values: Record<string, unknown>) => i18next.t(key, { ns: NS, ...values });
    let tag: string;
    let title: string;
    let body: string;
    if (ordered.length === 1) {
      tag = sessionTag(newest.sessionId);
      title = t('one', { sender: newest.senderName, product: newest.productName });
      body = clip(newest.body, max);
    } else if (sessionIds.length === 1) {
      tag = sessionTag(newest.sessionId);
      title = t('sameSession', { count: ordered.length, product: newest.productName });
      body = clip(t('latest', { sender: newest.senderName, body: newest.body }), max);
    } else {
      tag = GROUP_TAG;
      title = t('group', { count: ordered.length, sessions: sessionIds.length });
      body = clip(t('latest', { sender: newest.senderName, body: newest.body }), max);
    }
    // The previous notification under the same tag is replaced: close it first so it cannot linger.
    const previous = this.#live.get(tag);
    const speaksFor = new Set(sessionIds);
    if (previous && tag === GROUP_TAG) for (const id of previous.sessionIds) speaksFor.add(id);
    this.#close(tag);
    const icon = this.#options.icon?.();
    const notification = this.#options.create(title, {
      body,
      tag,
      silent: !this.#rules.notifySound,
      ...(icon ? { icon } : {}),
    });
    const target = newest.sessionId;
    notification.onclick = () => {
      this.#options.onOpen(target);
      this.#close(tag);
    };
    notification.onclose = () => {
      if (this.#live.get(tag)?.notification === notification) this.#live.delete(tag);
    };
    this.#live.set(tag, { notification, sessionIds: speaksFor });
  }
}
