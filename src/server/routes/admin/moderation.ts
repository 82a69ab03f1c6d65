// Staff routes of the moderation workspace (B9): the review queue and its badge, moderators' decisions, the rules
// of B3's flags, and escalations by any staff member who reads sessions.
import type { FastifyInstance } from 'fastify';
import {
  EscalateBody,
  IdParams,
  ModerationCounts,
  ModerationDecisionBody,
  ModerationQueuePage,
  ModerationQueueQuery,
  ModerationRules,
  ModerationRulesBody,
} from '../../../shared/api.ts';
import { ModerationItem } from '../../../shared/domain.ts';
import { AppError } from '../../../shared/errors.ts';
import { defineRoute, type ServerDeps } from '../../http/route.ts';
import { decide, escalateMessage, getItem, listQueue, openCount } from '../../store/moderation.ts';
import { readRules, updateRules } from '../../store/moderationRules.ts';

export function adminModerationRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const route = <P, Q, B, R>(spec: Parameters<typeof defineRoute<P, Q, B, R>>[2]) => defineRoute(app, deps, spec);

  route({
    method: 'GET',
    path: '/admin/moderation/queue',
    summary:
      'The review queue: one item per message flagged, reported or escalated; open items by default, oldest first ' +
      '(sort=reportsCount: most reported first); reason and category narrow it',
    auth: 'staff',
    permission: 'moderation.read',
    query: ModerationQueueQuery,
    response: ModerationQueuePage,
    handler: ({ query, db }) => listQueue(db, query),
  });
  route({
    method: 'GET',
    path: '/admin/moderation/counts',
    summary: 'How many review-queue items are open (the badge)',
    auth: 'staff',
    permission: 'moderation.read',
    response: ModerationCounts,
    handler: async ({ db }) => ({ open: await openCount(db) }),
  });
  route({
    method: 'GET',
    path: '/admin/moderation/items/:id',
    summary: 'One review-queue item',
    auth: 'staff',
    permission: 'moderation.read',
    params: IdParams,
    response: ModerationItem,
    async handler({ params, db }) {
      const item = await getItem(db, params.id);
      if (!item) throw new AppError('not_found', `No review-queue item with id ${params.id}`, { id: 'no such item' });
      return item;
    },
  });
  route({
    method: 'POST',
    path: '/admin/moderation/items/:id/decision',
    summary:
      'Decide on an item, which resolves it: dismiss (the message stays), remove (hidden from the participants with ' +
      'the reason, out of the session’s counters; restorable for 30 days) or restore (a removal undone)',
    auth: 'staff',
    permission: 'moderation.decide',
    params: IdParams,
    body: ModerationDecisionBody,
    response: ModerationItem,
    handler: ({ params, body, write }) => decide(write, params.id, body.action, body.reason ?? null),
  });
  route({
    method: 'POST',
    path: '/admin/messages/:id/escalate',
    summary: 'Send a message to the review queue with a note (reason escalated); opens its item again if resolved',
    auth: 'staff',
    permission: 'moderation.escalate',
    params: IdParams,
    body: EscalateBody,
    response: ModerationItem,
    status: 201,
    handler: ({ params, body, write }) => escalateMessage(write, params.id, body.note),
  });
  route({
    method: 'GET',
    path: '/admin/moderation/rules',
    summary:
      'The rules new messages are flagged by (B3): blocked words and phrases (matched after Arabic folding), domains ' +
      'whose links are not flagged, and whether phone numbers, e-mail addresses and links are looked for',
    auth: 'staff',
    permission: 'moderation.read',
    response: ModerationRules,
    handler: ({ db }) => readRules(db),
  });
  route({
    method: 'PUT',
    path: '/admin/moderation/rules',
    summary:
      'Replace the rules: every message written from then on is flagged by them, on every backend instance; ' +
      'messages already written keep their flags. The body names the `revision` it was made from (as GET gave it): ' +
      'when the rules changed since, the edit is refused with 409 `conflict` naming `revision` and nothing changes',
    auth: 'staff',
    permission: 'moderation.decide',
    body: ModerationRulesBody,
    refusals: {
      409: '`conflict`: `revision` is not the current one (the rules were changed since); nothing changed',
    },
    response: ModerationRules,
    handler: ({ body, write }) => updateRules(write, body),
  });
}
