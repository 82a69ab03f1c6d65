// The core's bridge handlers, by group. A part of the core with its own calls (export) adds its group to this
// list (export, bulk jobs). A call answered by two groups is a mistake: the core refuses to start.
import { bulkHandlers } from '../bulk/handlers.ts';
import type { HandlerGroup } from '../context.ts';
import { exportHandlers } from '../export/handlers.ts';
import { accountHandlers } from './account.ts';
import { adminHandlers } from './admin.ts';
import { appHandlers } from './app.ts';
import { cannedReplyHandlers } from './cannedReplies.ts';
import { lookupHandlers } from './lookups.ts';
import { messageSearchHandlers } from './messageSearch.ts';
import { messageHandlers } from './messages.ts';
import { moderationHandlers } from './moderation.ts';
import { sessionHandlers } from './sessions.ts';
import { settingsHandlers } from './settings.ts';
import { workflowHandlers } from './workflow.ts';

export const handlerGroups: HandlerGroup[] = [
  appHandlers,
  accountHandlers,
  sessionHandlers,
  messageHandlers,
  lookupHandlers,
  settingsHandlers,
  exportHandlers,
  bulkHandlers,
  messageSearchHandlers,
  adminHandlers,
  workflowHandlers,
  cannedReplyHandlers,
  moderationHandlers,
];
