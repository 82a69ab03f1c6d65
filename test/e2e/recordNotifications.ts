// The web edition's notifications as a test sees them: `context.addInitScript(recordNotifications)` makes every
// Notification the page creates (the real one is still created) land in `window.__notes` — title, body, tag, whether
// silent and whether it was closed since — and the objects in `window.__noteObjects`, to click or close them. It
// lives beside the e2e tests, not in test/support: it runs in the page and needs the DOM types of tsconfig.e2e.json.
import type { Page } from 'playwright-core';

export interface RecordedNote {
  title: string;
  body: string;
  tag: string;
  silent: boolean;
  closed: boolean;
}

/** Runs in the page (an init script): self-contained. */
export const recordNotifications = () => {
  const Real = window.Notification;
  const log: RecordedNote[] = [];
  const objects: Notification[] = [];
  (window as unknown as { __notes: typeof log }).__notes = log;
  (window as unknown as { __noteObjects: typeof objects }).__noteObjects = objects;
  class Recording extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      const entry = {
        title,
        body: options?.body ?? '',
        tag: options?.tag ?? '',
        silent: options?.silent === true,
        closed: false,
      };
      log.push(entry);
      objects.push(this);
      const close = this.close.bind(this);
      this.close = () => {
        entry.closed = true;
        close();
      };
    }
  }
  Object.defineProperty(window, 'Notification', { value: Recording, configurable: true, writable: true });
};

/** What the page has recorded so far. */
export const recordedNotes = (page: Page): Promise<RecordedNote[]> =>
  page.evaluate(() => (window as unknown as { __notes: RecordedNote[] }).__notes);
