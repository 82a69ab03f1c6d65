// The bridge's call and event names, without their schemas: the preload checks names with these, so its bundle
// carries no zod (the schemas live in bridge.ts, which the core validates with). A test keeps both lists equal to
// the keys of bridge.ts's bridgeCalls and bridgeEvents.

export const CALL_NAMES = [
  'app.info',
  'app.pendingLink',
  'app.startup',
  'app.setStartup',
  'account.state',
  'account.signIn',
  'account.signOut',
  'sync.state',
  'sync.resync',
  'sessions.page',
  'sessions.get',
  'sessions.create',
  'sessions.update',
  'sessions.delete',
  'sessions.markRead',
  'sessions.deleteMany',
  'sessions.triage',
  'sessions.assign',
  'sessions.resolve',
  'sessions.reopen',
  'sessions.snooze',
  'assignees.list',
  'cannedReplies.list',
  'cannedReplies.create',
  'cannedReplies.update',
  'cannedReplies.delete',
  'drafts.get',
  'drafts.set',
  'unread.total',
  'messages.list',
  'messages.send',
  'messages.delete',
  'messages.markRead',
  'messages.search',
  'options.users',
  'options.products',
  'users.list',
  'orders.list',
  'orders.forSession',
  'products.get',
  'settings.get',
  'settings.update',
  'staff.list',
  'staff.create',
  'staff.update',
  'staff.enable',
  'audit.list',
  'prefs.get',
  'prefs.update',
  'export.start',
  'export.cancel',
  'export.open',
  'bulk.start',
  'bulk.cancel',
  'moderation.queue',
  'moderation.counts',
  'moderation.item',
  'moderation.decide',
  'moderation.sanction',
  'moderation.liftSanction',
  'moderation.escalate',
  'moderation.restoreMessage',
  'moderation.activeSanctions',
  'moderation.rules',
  'moderation.updateRules',
  'notifications.setPaused',
] as const;

export const EVENT_NAMES = [
  'sync.state',
  'account.state',
  'sessions.changed',
  'action.failed',
  'export.progress',
  'bulk.progress',
  'navigate.session',
  'navigate.moderation',
  'moderation.review',
  'notifications.state',
  'locale.state',
  'notify.rules',
  'colorScheme.state',
] as const;

const calls: ReadonlySet<string> = new Set(CALL_NAMES);
const events: ReadonlySet<string> = new Set(EVENT_NAMES);

export function isKnownCall(name: unknown): name is (typeof CALL_NAMES)[number] {
  return typeof name === 'string' && calls.has(name);
}

export function isKnownEvent(name: unknown): name is (typeof EVENT_NAMES)[number] {
  return typeof name === 'string' && events.has(name);
}

/** IPC channel names of the Electron adapter, the same as bridge.ts's (a test checks). */
export const IPC_INVOKE = 'desk:invoke';
export const IPC_EVENT = 'desk:event';
