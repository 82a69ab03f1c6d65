// The session list and its actions (F2–F9, F1): pages for AG Grid's infinite row model straight from the cache;
// every action queued through the outbox and shown at once.
import { randomUUID } from 'node:crypto';
import type { BulkTarget } from '../../../shared/api.ts';
import { type NamedRef, NEW_SESSION_WORKFLOW, type Session } from '../../../shared/domain.ts';
import { moreThanConfirmed } from '../../../shared/errors.ts';
import type { CoreContext, HandlerGroup } from '../context.ts';

const now = () => new Date().toISOString();

/**
 * "All matching" acts only on what the person confirmed: when the cache's list now holds more sessions for the
 * filter than they confirmed, the action is refused at once (nothing queued, nothing changed), with the count now.
 * The backend checks again with the same rule, bounded by `asOf`, when the action reaches it.
 */
export async function checkConfirmed(ctx: CoreContext, target: BulkTarget): Promise<void> {
  if (!('allMatching' in target)) return;
  const { filter, confirmedCount } = target.allMatching;
  const { total } = await ctx
    .runtime()
    .cache.call('page', { filter, sort: 'lastMessageAt', order: 'desc', offset: 0, limit: 1 }, Date.now());
  if (total > confirmedCount) throw moreThanConfirmed(total, confirmedCount, 'target.allMatching.confirmedCount');
}
const utc = (instant: string) => new Date(instant).toISOString();

export const sessionHandlers: HandlerGroup = (ctx) => ({
  'sessions.page': (input) => ctx.runtime().cache.call('page', input, Date.now()),
  'sessions.get': ({ id }) => ctx.runtime().cache.call('requireSession', id, 'id'),
  'unread.total': async () => {
    const runtime = ctx.accounts.runtime;
    return { total: runtime ? await runtime.cache.call('unreadTotal') : 0 };
  },
  'sessions.create': async (input) => {
    const { cache } = ctx.runtime();
    const parties = await cache.call('resolveParties', input.productId, input.customerId, input.sellerId);
    const at = now();
    const session: Session = {
      id: randomUUID(),
      ...parties,
      messagesCount: 0,
      unreadCount: 0,
      flaggedCount: 0,
      lastMessageAt: utc(input.lastMessageAt),
      createdAt: at,
      updatedAt: at,
      ...NEW_SESSION_WORKFLOW,
    };
    return ctx.enqueue({ kind: 'sessions.create', session });
  },
  'sessions.update': async ({ id, patch }) => {
    const { cache } = ctx.runtime();
    const current = await cache.call('requireSession', id, 'id');
    const refs: { product?: NamedRef; customer?: NamedRef; seller?: NamedRef } = {};
    if (patch.productId || patch.customerId || patch.sellerId) {
      const parties = await cache.call(
        'resolveParties',
        patch.productId ?? current.product.id,
        patch.customerId ?? current.customer.id,
        patch.sellerId ?? current.seller.id,
      );
      if (patch.productId) refs.product = parties.product;
      if (patch.customerId) refs.customer = parties.customer;
      if (patch.sellerId) refs.seller = parties.seller;
    }
    const cleanPatch = Object.fromEntries(
      Object.entries({ ...patch, ...(patch.lastMessageAt ? { lastMessageAt: utc(patch.lastMessageAt) } : {}) }).filter(
        ([, v]) => v !== undefined,
      ),
    );
    if (Object.keys(cleanPatch).length === 0) return current;
    return ctx.enqueue({ kind: 'sessions.update', id, patch: cleanPatch, refs });
  },
  'sessions.delete': ({ id }) => ctx.enqueue({ kind: 'sessions.delete', id }),
  'sessions.markRead': async ({ target }) => {
    await checkConfirmed(ctx, target);
    return ctx.enqueue({ kind: 'sessions.markRead', target });
  },
  'sessions.deleteMany': async ({ target }) => {
    await checkConfirmed(ctx, target);
    return ctx.enqueue({ kind: 'sessions.deleteMany', target });
  },
});
