// Carries out the notification policy with native toasts. Live Notification objects are kept in a map: a toast
// whose object was garbage-collected no longer reports its click. That includes a Windows toast that timed out
// ('close' with reason 'timedOut'): it stays in Action Center, clickable, so it is kept until it is clicked,
// withdrawn (its session read) or replaced. A click opens the session first, then shows and focuses the window, so
// the window never flashes the previous screen.
// macOS shows toasts (and the dock badge) only for a signed app the user has allowed notifications for (System
// Settings → Notifications, asked at the first toast); its Focus modes hold toasts back by themselves, so the shell
// reads no do-not-disturb state (the app's own defaults, read before, never said the system's).
import type { App, Notification, NotificationConstructorOptions } from 'electron';
import type { NotifyDecision, ToastPlan } from '../core/notify/policy.ts';

/** The installer's Start-menu shortcut carries this AppUserModelID (electron-builder's appId). */
export const APP_USER_MODEL_ID = 'com.chatdesk.desk';

/**
 * Windows shows toasts only for an AppUserModelID that a Start-menu shortcut carries. Installed, that is the
 * installer's (the appId); under `npm start` no shortcut has it, so the running executable's path is used (the id
 * Windows gives a program without one), which is what lets toasts show during development. Elsewhere: nothing to do.
 */
export function setWindowsAppId(
  app: { setAppUserModelId?: App['setAppUserModelId'] },
  run: { isPackaged: boolean; execPath: string },
): void {
  app.setAppUserModelId?.(run.isPackaged ? APP_USER_MODEL_ID : run.execPath);
}

export type ToastLike = Pick<Notification, 'show' | 'close' | 'on'>;

export interface NotificationServiceOptions {
  create: (options: NotificationConstructorOptions) => ToastLike;
  isSupported: () => boolean;
  navigate: (sessionId: string) => void;
  /** B9: a moderator's review toast opens the Moderation section on its item (null: the queue). */
  navigateReview?: (itemId: string | null) => void;
  reveal: () => void;
  /** The toast went away by itself or was dismissed: the policy forgets it. */
  forget: (key: string) => void;
  icon?: NotificationConstructorOptions['icon'];
}

export class NotificationService {
  readonly #options: NotificationServiceOptions;
  readonly #live = new Map<string, ToastLike>();

  constructor(options: NotificationServiceOptions) {
    this.#options = options;
  }

  get liveKeys(): string[] {
    return [...this.#live.keys()];
  }

  apply(decision: Pick<NotifyDecision, 'show' | 'close'>): void {
    for (const key of decision.close) this.#close(key);
    if (!this.#options.isSupported()) return;
    for (const plan of decision.show) this.#show(plan);
  }

  closeAll(): void {
    for (const key of [...this.#live.keys()]) this.#close(key);
  }

  #close(key: string): void {
    const toast = this.#live.get(key);
    if (!toast) return;
    this.#live.delete(key);
    toast.close();
  }

  #show(plan: ToastPlan): void {
    this.#close(plan.key);
    const toast = this.#options.create({
      title: plan.title,
      body: plan.body,
      silent: plan.silent,
      ...(this.#options.icon ? { icon: this.#options.icon } : {}),
    });
    const drop = () => {
      if (this.#live.get(plan.key) === toast) {
        this.#live.delete(plan.key);
        this.#options.forget(plan.key);
      }
    };
    toast.on('click', () => {
      drop();
      if (plan.review && this.#options.navigateReview) this.#options.navigateReview(plan.review.itemId);
      else this.#options.navigate(plan.sessionId);
      this.#options.reveal();
    });
    // A time-out only moves a Windows toast to Action Center; close() still removes it from there later.
    toast.on('close', (event: { reason?: string } | undefined) => {
      if (event?.reason !== 'timedOut') drop();
    });
    this.#live.set(plan.key, toast);
    toast.show();
  }
}
