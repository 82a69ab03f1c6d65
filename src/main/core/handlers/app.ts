// 'app.info': who and what the window is talking to.
import type { HandlerGroup } from '../context.ts';

export const appHandlers: HandlerGroup = (ctx) => ({
  'app.info': () => ({
    name: 'Chat Desk',
    version: ctx.options.version,
    edition: ctx.options.edition,
    platform: ctx.options.platform ?? process.platform,
    coreStartedAt: ctx.startedAt,
    systemLocale: ctx.options.systemLocale ?? Intl.DateTimeFormat().resolvedOptions().locale,
    defaultBackendUrl: ctx.options.defaultBackendUrl ?? null,
    demoAccount: ctx.options.demoAccount ?? null,
  }),
});
