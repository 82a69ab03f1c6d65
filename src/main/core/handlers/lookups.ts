// Option lists for the filter and form dropdowns (F6, F9) and the related sections (F13), from the cache.
import type { HandlerGroup } from '../context.ts';

export const lookupHandlers: HandlerGroup = (ctx) => ({
  'options.users': async ({ role, search, limit }) => ({
    items: await ctx.runtime().cache.call('optionsUsers', role, search, limit),
  }),
  'options.products': async ({ search, limit }) => ({
    items: await ctx.runtime().cache.call('optionsProducts', search, limit),
  }),
  'users.list': (input) => ctx.runtime().cache.call('usersList', input),
  'orders.list': (input) => ctx.runtime().cache.call('ordersList', input),
  'orders.forSession': async ({ sessionId }) => ({
    items: await ctx.runtime().cache.call('ordersForSession', sessionId),
  }),
  'products.get': ({ id }) => ctx.runtime().cache.call('productGet', id),
});
