// B9: what moderators and admins are told about the review queue — its open count (the tray's "Review queue (3)"
// and tooltip, the web edition's title) and the items that opened, which notify. Worked out here from the cache's
// change notices, so the desktop shell and the web edition hear the same thing; an account that may not decide on
// the queue (agents, managers) is never sent a count or a notice: they are not disturbed by moderation.
import { ModerationCounts } from '../../../shared/api.ts';
import type { ReviewNotice, ReviewState } from '../../../shared/moderationDesk.ts';
import type { AccountRuntime } from '../account.ts';
import type { SessionsChanged } from '../cache/actions.ts';

export interface ReviewWatchOptions {
  /** The open account's runtime while signed in, else null. */
  runtime: () => AccountRuntime | null;
  online: () => boolean;
  emit: (state: ReviewState) => void;
  log: (message: string) => void;
}

export interface ReviewWatch {
  /** A batch of the cache's changes: items that opened notify; the count is asked again when the queue changed. */
  onChanges(changes: SessionsChanged): void;
  /** Signed in, out, or as someone else; or back online: the count is asked again (or cleared for other roles). */
  refresh(): void;
  /** What was last sent (the shell's first tray menu). */
  current(): ReviewState;
}

export function createReviewWatch(options: ReviewWatchOptions): ReviewWatch {
  let state: ReviewState = { open: null, notify: [] };
  let who: string | null = null;
  let queue: Promise<void> = Promise.resolve();

  const allowed = (runtime: AccountRuntime | null): runtime is AccountRuntime =>
    runtime?.record.permissions.includes('moderation.decide') === true;

  const send = (notify: ReviewNotice[]) => {
    queue = queue
      .then(async () => {
        const runtime = options.runtime();
        if (!allowed(runtime)) {
          const had = state.open !== null;
          state = { open: null, notify: [] };
          who = null;
          if (had) options.emit(state);
          return;
        }
        if (who !== runtime.record.staff.id) {
          who = runtime.record.staff.id;
          state = { open: null, notify: [] };
        }
        let open = state.open;
        if (options.online()) {
          try {
            open = (await runtime.client.request('GET', '/admin/moderation/counts', { schema: ModerationCounts })).data
              .open;
          } catch (error) {
            // The count stays as it was; the notices still go out.
            options.log(`[core] the review queue's count could not be read: ${String(error)}`);
          }
        }
        if (notify.length === 0 && open === state.open) return;
        state = { open, notify };
        options.emit(state);
      })
      .catch((error: unknown) => options.log(`[core] review notice failed: ${String(error)}`));
  };

  return {
    onChanges(changes) {
      if (!changes.moderationChanged && !changes.all) return;
      if (!allowed(options.runtime())) return;
      send(changes.review ?? []);
    },
    refresh: () => send([]),
    current: () => ({ open: state.open, notify: [] }),
  };
}
