// 'app.info': who and what the window is talking to.
import type { CoreContext, HandlerGroup } from '../context.ts';

/** The locale the OS asks for, as the shell or the web host told the core (else the process's). */
export function systemLocaleOf(ctx: CoreContext): string {
  return ctx.options.systemLocale ?? Intl.DateTimeFormat().resolvedOptions().locale;
}

export const appHandlers: HandlerGroup = (ctx) => ({
  'app.info': () => ({
    name: 'Chat Desk',
    version: ctx.options.version,
    edition: ctx.options.edition,
    platform: ctx.options.platform ?? process.platform,
    coreStartedAt: ctx.startedAt,
    systemLocale: systemLocaleOf(ctx),
    defaultBackendUrl: ctx.options.defaultBackendUrl ?? null,
    demoAccount: ctx.options.demoAccount ?? null,
  }),
  // The page asks once its frame listens: a link that launched the app is handed over then, never sent too early.
  'app.pendingLink': () => ({ sessionId: ctx.options.takePendingLink?.() ?? null }),
  // Only where a shell provides them (desktop): elsewhere the calls answer not_implemented.
  ...(ctx.options.startup
    ? {
        'app.startup': () => (ctx.options.startup as NonNullable<typeof ctx.options.startup>).get(),
        'app.setStartup': (next: { openAtLogin: boolean; startHidden: boolean }) =>
          (ctx.options.startup as NonNullable<typeof ctx.options.startup>).set(next),
      }
    : {}),
});
