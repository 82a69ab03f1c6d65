// 'account.*' and 'sync.*': sign-in, sign-out, the connection state.
import type { HandlerGroup } from '../context.ts';

export const accountHandlers: HandlerGroup = (ctx) => ({
  'account.state': () => ctx.accounts.state(),
  'account.signIn': ({ backendUrl, email, password }) => ctx.accounts.signIn(backendUrl, email, password),
  'account.signOut': () => ctx.accounts.signOut(),
  'sync.state': () => ctx.syncState(),
  'sync.resync': () => {
    ctx.runtime().sync.resync();
    return ctx.syncState();
  },
});
