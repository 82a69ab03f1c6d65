// Full-text search inside message bodies (B2). The backend searches every message; when it cannot be reached (the
// sync is offline, or the request fails for want of a network or a working backend) the cache answers from the
// messages it holds, and says so (`source: 'cache'`): the interface tells the user the search was local and partial.
// Online, the backend's answer is laid over with what waits in the outbox: messages and sessions deleted here are left
// out, and replies sent here that match come first on the first page.
import { MessageSearchPage } from '../../../shared/api.ts';
import { foldArabic } from '../../../shared/arabicFold.ts';
import { AppError } from '../../../shared/errors.ts';
import { isTransient } from '../client.ts';
import type { HandlerGroup } from '../context.ts';

export const messageSearchHandlers: HandlerGroup = (ctx) => ({
  'messages.search': async ({ q, before, limit }) => {
    const folded = foldArabic(q);
    if (folded.length === 0) {
      throw new AppError('bad_request', 'Invalid input: q holds no letters to search for', {
        q: 'holds no letters to search for (only marks or spaces)',
      });
    }
    const { cache, client } = ctx.runtime();
    if (ctx.syncState().status !== 'offline') {
      try {
        const params: Record<string, unknown> = { q, limit };
        if (before) params.before = before;
        const { data } = await client.request('GET', '/admin/messages/search', { params, schema: MessageSearchPage });
        const deleted = await cache.call(
          'messageSearchDeleted',
          data.items.map((m) => ({ id: m.id, sessionId: m.sessionId })),
        );
        const gone = new Set([...deleted.messageIds, ...deleted.sessionIds]);
        let items = data.items.filter((m) => !gone.has(m.id) && !gone.has(m.sessionId));
        if (!before) {
          const queued = await cache.call('messageSearch', { folded, limit, pendingOnly: true });
          const known = new Set(items.map((m) => m.id));
          items = [...queued.items.filter((m) => !known.has(m.id)), ...items];
        }
        return { ...data, items, source: 'backend' as const };
      } catch (error) {
        // Refusals (bad input, roles) are the caller's to see; an unreachable or failing backend falls back.
        if (!isTransient(error)) throw error;
      }
    }
    const page = await cache.call('messageSearch', { folded, before, limit });
    return { ...page, source: 'cache' as const };
  },
});
