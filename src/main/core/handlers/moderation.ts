// The moderation workspace (B9): the review queue, its badge and an item with its conversation and its sender's
// sanctions are read from the backend (online only for now: the queue is not kept in the cache); decisions,
// sanctions and escalations are queued through the outbox like every staff action, so they wait out a lost
// connection and reach the backend exactly once (the action's id is the idempotency key).
import { ModerationCounts, ModerationQueuePage, SanctionPage } from '../../../shared/api.ts';
import { type Message, ModerationItem, type Permission } from '../../../shared/domain.ts';
import { AppError } from '../../../shared/errors.ts';
import type { HandlerGroup } from '../context.ts';

/** How many messages of the conversation are shown before and after the item's message. */
export const CONTEXT_MESSAGES = 3;

export const moderationHandlers: HandlerGroup = (ctx) => {
  const mayOrThrow = (permission: Permission, what: string) => {
    const runtime = ctx.runtime();
    if (!runtime.record.permissions.includes(permission)) {
      throw new AppError('forbidden', `The role ${runtime.record.staff.role} may not ${what}`);
    }
    return runtime;
  };
  /** The client for a read of the queue, which needs the backend. */
  const reader = () => {
    const runtime = mayOrThrow('moderation.read', 'read the review queue');
    if (ctx.syncState().status === 'offline') {
      throw new AppError('offline', 'The review queue needs the backend, which cannot be reached now');
    }
    return runtime.client;
  };

  /** A few messages before and after `message`, from the cache after fetching the conversation's latest page. */
  const around = async (message: Message): Promise<{ before: Message[]; after: Message[] }> => {
    const { cache, client } = ctx.runtime();
    try {
      const page = await client.messages(message.sessionId, undefined, 100);
      await cache.call('putMessages', message.sessionId, page.items, !page.hasMore, undefined);
    } catch (error) {
      // The cache answers with what it has (offline, or the session gone meanwhile).
      if (!(error instanceof AppError)) throw error;
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

  return {
    'moderation.queue': async (query) => {
      const params = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
      return (await reader().request('GET', '/admin/moderation/queue', { params, schema: ModerationQueuePage })).data;
    },
    'moderation.counts': async () =>
      (await reader().request('GET', '/admin/moderation/counts', { schema: ModerationCounts })).data,
    'moderation.item': async ({ id }) => {
      const client = reader();
      const { data: item } = await client.request('GET', `/admin/moderation/items/${id}`, { schema: ModerationItem });
      const sender = item.message.senderRole === 'staff' ? null : item.message.senderId;
      const [context, sanctions] = await Promise.all([
        around(item.message),
        sender
          ? client.request('GET', `/admin/participants/${sender}/sanctions`, { schema: SanctionPage })
          : Promise.resolve(null),
      ]);
      return { item, ...context, sanctions: sanctions?.data.items ?? [] };
    },
    'moderation.decide': async ({ id, action, reason }) => {
      mayOrThrow('moderation.decide', 'decide on the review queue');
      return ctx.enqueue({ kind: 'moderation.decide', id, action, ...(reason ? { reason } : {}) });
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
