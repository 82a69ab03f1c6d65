// B10's bulk snooze: POST /admin/sessions/snooze over the bulk target, beside assign, resolve and reopen
// (sessions.ts).
import type { FastifyInstance } from 'fastify';
import { BulkResult, SnoozeTarget } from '../../../shared/api.ts';
import { defineRoute, type ServerDeps } from '../../http/route.ts';
import { snoozeSessions } from '../../store/sessionSnooze.ts';

export function adminSessionSnoozeRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, {
    method: 'POST',
    path: '/admin/sessions/snooze',
    summary:
      'Snooze sessions until a time, or wake them with snoozedUntil null (B10); `{ids, snoozedUntil}` or ' +
      '`{allMatching: {filter, confirmedCount, asOf}, snoozedUntil}` (409 with currentCount when the filter now ' +
      'matches more); a time already past leaves them not snoozed; affected = sessions whose snooze changed',
    auth: 'staff',
    permission: 'sessions.triage',
    body: SnoozeTarget,
    response: BulkResult,
    handler: async ({ body, write, request }) => ({ affected: await snoozeSessions(write, body, request.body) }),
  });
}
