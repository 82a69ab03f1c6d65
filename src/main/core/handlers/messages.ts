// A conversation (F10, D3): its messages from the backend when it can be reached (kept in the cache), from the
// cache when not; replies, deletions and read marks queued through the outbox.
import { randomUUID } from 'node:crypto';
import type { Message } from '../../../shared/domain.ts';
import { AppError } from '../../../shared/errors.ts';
import type { HandlerGroup } from '../context.ts';

export const messageHandlers: HandlerGroup = (ctx) => ({
  'messages.list': async ({ sessionId, before, limit }) => {
    const { cache, client } = ctx.runtime();
    await cache.call('requireSession', sessionId, 'sessionId');
    let remoteHasMore = false;
    if (ctx.accounts.signedIn) {
      try {
        const page = await client.messages(sessionId, before, limit);
        remoteHasMore = page.hasMore;
        await cache.call('putMessages', sessionId, page.items, !page.hasMore, before);
      } catch (error) {
        // Offline, or a session made here that the backend does not have yet: the cache answers.
        const known = error instanceof AppError && (error.code === 'offline' || error.status >= 500);
        const notThereYet = error instanceof AppError && error.code === 'not_found';
        if (!known && !notThereYet) throw error;
      }
    }
    const local = await cache.call('messagesList', sessionId, before, limit);
    return { items: local.items, hasMore: local.hasMore || remoteHasMore };
  },
  'messages.send': async ({ sessionId, body, note }) => {
    const { record, cache } = ctx.runtime();
    const message: Message = {
      id: randomUUID(),
      sessionId,
      kind: note ? 'note' : 'message',
      senderRole: 'staff',
      senderId: record.staff.id,
      senderName: record.staff.name,
      body,
      flags: [],
      readAt: null,
      createdAt: new Date().toISOString(),
    };
    const sent = await ctx.enqueue({ kind: 'messages.send', message });
    // Sent: the reply box's draft of the session is done with (B10).
    await cache.call('setValue', `draft:${sessionId}`, null);
    return sent;
  },
  'messages.delete': ({ id }) => ctx.enqueue({ kind: 'messages.delete', id, sessionId: '' }),
  'messages.markRead': ({ sessionId, ids }) =>
    ctx.enqueue({ kind: 'messages.markRead', sessionId, ...(ids ? { ids } : {}) }),
});
