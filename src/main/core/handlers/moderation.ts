// The moderation workspace (B9): the review queue, its badge and an item with its conversation and its sender's
// sanctions are read from the backend and kept in the cache; without the backend the queue and its items are
// answered from the cache (marked `cached`), the badge says 'offline'. Decisions, sanctions and escalations are
// queued through the outbox like every staff action, so they wait out a lost connection and reach the backend
// exactly once (the action's id is the idempotency key); an item decided offline leaves the cached open queue at once.
import { ModerationCounts, ModerationQueuePage, type ModerationRules, SanctionPage } from '../../../shared/api.ts';
import { type Message, ModerationItem, type Permission, type Sanction } from '../../../shared/domain.ts';
import { AppError } from '../../../shared/errors.ts';
import type { HandlerGroup } from '../context.ts';
import { fetchRules } from '../moderationRules.ts';

/** How many messages of the conversation are shown before and after the item's message. */
export const CONTEXT_MESSAGES = 3;

/** The backend could not be reached (or failed): the cache answers instead. */
const unreachable = (error: unknown): boolean =>
  error instanceof AppError && (error.code === 'offline' || error.status >= 500);

export const moderationHandlers: HandlerGroup = (ctx) => {
  const mayOrThrow = (permission: Permission, what: string) => {
    const runtime = ctx.runtime();
    if (!runtime.record.permissions.includes(permission)) {
      throw new AppError('forbidden', `The role ${runtime.record.staff.role} may not ${what}`);
    }
    return runtime;
  };
  const offline = () => ctx.syncState().status === 'offline';

  /** A few messages before and after `message`, from the cache after fetching the conversation's latest page. */
  const around = async (message: Message): Promise<{ before: Message[]; after: Message[] }> => {
    const { cache, client } = ctx.runtime();
    if (!offline()) {
      try {
        const page = await client.messages(message.sessionId, undefined, 100);
        await cache.call('putMessages', message.sessionId, page.items, !page.hasMore, undefined);
      } catch (error) {
        // The cache answers with what it has (offline, or the session gone meanwhile).
        if (!(error instanceof AppError)) throw error;
      }
    }
    try {
      const before = await cache.call('messagesList', message.sessionId, message.id, CONTEXT_MESSAGES);
      const latest = await cache.call('messagesList', message.sessionId, undefined, 200);
      const after = latest.items
        .filter((m) => m.createdAt > message.createdAt || (m.createdAt === message.createdAt && m.id > message.id))
        .slice(0, CONTEXT_MESSAGES);
      return { before: before.items, after };
    } catch (error) {
      // Not in the cache (an older message than the pages kept): the item alone.
      if (error instanceof AppError && error.code === 'not_found') return { before: [], after: [] };
      throw error;
    }
  };

  /** A participant's sanctions from the backend, kept in the cache. */
  const fetchSanctions = async (userId: string): Promise<Sanction[]> => {
    const { client, cache } = ctx.runtime();
    const { data } = await client.request('GET', `/admin/participants/${userId}/sanctions`, { schema: SanctionPage });
    await cache.call('putSanctions', data.items);
    return data.items;
  };

  return {
    'moderation.queue': async (query) => {
      const { client, cache } = mayOrThrow('moderation.read', 'read the review queue');
      if (!offline()) {
        try {
          const params = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
          const { data } = await client.request('GET', '/admin/moderation/queue', {
            params,
            schema: ModerationQueuePage,
          });
          await cache.call('putModerationItems', data.items);
          return data;
        } catch (error) {
          if (!unreachable(error)) throw error;
        }
      }
      return { ...(await cache.call('cachedQueue', query)), cached: true };
    },
    'moderation.counts': async () => {
      const { client } = mayOrThrow('moderation.read', 'read the review queue');
      if (offline())
        throw new AppError('offline', 'The review queue’s count needs the backend, which cannot be reached now');
      return (await client.request('GET', '/admin/moderation/counts', { schema: ModerationCounts })).data;
    },
    'moderation.item': async ({ id }) => {
      const { client, cache } = mayOrThrow('moderation.read', 'read the review queue');
      let item: ModerationItem | null = null;
      if (!offline()) {
        try {
          item = (await client.request('GET', `/admin/moderation/items/${id}`, { schema: ModerationItem })).data;
          await cache.call('putModerationItems', [item]);
        } catch (error) {
          if (!unreachable(error)) throw error;
        }
      }
      item ??= await cache.call('cachedModerationItem', id);
      if (!item) throw new AppError('not_found', `No review-queue item with id ${id}`, { id: 'no such item' });
      const sender = item.message.senderRole === 'staff' ? null : item.message.senderId;
      const [context, sanctions] = await Promise.all([
        around(item.message),
        sender
          ? fetchSanctions(sender).catch(async (error: unknown) => {
              if (!unreachable(error)) throw error;
              return cache.call('sanctionsOf', sender, new Date().toISOString());
            })
          : Promise.resolve([]),
      ]);
      return { item, ...context, sanctions };
    },
    'moderation.decide': async ({ id, action, reason }) => {
      mayOrThrow('moderation.decide', 'decide on the review queue');
      return ctx.enqueue({ kind: 'moderation.decide', id, action, ...(reason ? { reason } : {}) });
    },
    'moderation.restoreMessage': async ({ messageId }) => {
      const { cache } = mayOrThrow('moderation.decide', 'restore removed messages');
      const id = await cache.call('moderationItemOfMessage', messageId);
      if (!id) {
        throw new AppError(
          'not_found',
          'This desk has not seen the review item of this message: restore it from the Moderation section',
          { messageId: 'no review item known here' },
        );
      }
      return ctx.enqueue({ kind: 'moderation.decide', id, action: 'restore' });
    },
    'moderation.activeSanctions': async ({ userIds }) => {
      const { record, cache } = ctx.runtime();
      // Moderators, admins and managers ask the backend (kept in the cache); everyone reads what the feed brought.
      if (record.permissions.includes('moderation.read') && !offline()) {
        await Promise.all(
          userIds.map((userId) =>
            fetchSanctions(userId).catch((error: unknown) => {
              if (!(error instanceof AppError)) throw error;
            }),
          ),
        );
      }
      return { items: await cache.call('activeSanctions', userIds, new Date().toISOString()) };
    },
    'moderation.rules': async () => {
      const { client, cache, record } = mayOrThrow('moderation.read', 'read the moderation rules');
      if (!offline()) {
        try {
          const data = (await fetchRules(record, client, cache)) as ModerationRules;
          // An edit still queued here is shown as made.
          return (await cache.call('cachedRules')) ?? data;
        } catch (error) {
          if (!unreachable(error)) throw error;
        }
      }
      const kept = await cache.call('cachedRules');
      if (!kept) throw new AppError('offline', 'The moderation rules need the backend, which cannot be reached now');
      return { ...kept, cached: true };
    },
    // Made from the revision the editor showed (`rules.revision`): the backend refuses it when the rules changed since,
    // and the outbox drops it with 'action.failed' (code conflict, field revision) — it never undoes another's edit.
    'moderation.updateRules': async (rules) => {
      mayOrThrow('moderation.decide', 'change the moderation rules');
      return ctx.enqueue({ kind: 'moderation.updateRules', rules });
    },
    'moderation.sanction': async ({ userId, sanction }) => {
      mayOrThrow('moderation.decide', 'sanction participants');
      return ctx.enqueue({ kind: 'moderation.sanction', userId, sanction });
    },
    'moderation.liftSanction': async ({ id }) => {
      mayOrThrow('moderation.decide', 'lift sanctions');
      return ctx.enqueue({ kind: 'moderation.liftSanction', id });
    },
    'moderation.escalate': async ({ messageId, note }) => {
      mayOrThrow('moderation.escalate', 'send messages to the review queue');
      return ctx.enqueue({ kind: 'moderation.escalate', messageId, note });
    },
  };
};
