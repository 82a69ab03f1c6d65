// Staff routes for chat sessions (F2–F9): list, create, read, edit, delete, and the bulk mark-read and delete; B10's
// workflow: status, assignment and snooze by PATCH, and the bulk assign, resolve and reopen.
import type { FastifyInstance } from 'fastify';
import {
  AssigneeList,
  AssignTarget,
  BulkResult,
  BulkTarget,
  IdParams,
  SessionCreateBody,
  SessionListPage,
  SessionListQuery,
  SessionPatchBody,
} from '../../../shared/api.ts';
import { can, Session } from '../../../shared/domain.ts';
import { AppError } from '../../../shared/errors.ts';
import { defineRoute, type ServerDeps } from '../../http/route.ts';
import {
  createSession,
  deleteSessions,
  listSessions,
  markSessionsRead,
  patchSession,
  requireSession,
} from '../../store/sessions.ts';
import { assignSessions, setSessionsStatus, updateWorkflow } from '../../store/sessionWorkflow.ts';
import { listAssignees } from '../../store/staff.ts';

export function adminSessionRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const route = <P, Q, B, R>(spec: Parameters<typeof defineRoute<P, Q, B, R>>[2]) => defineRoute(app, deps, spec);

  route({
    method: 'GET',
    path: '/admin/sessions',
    summary:
      'Sessions with search, filters, sort and paging (F2–F6); default sort lastMessageAt desc. B10: status, ' +
      'assignee (me, none or a staff id) and snoozed; the open view is status=open&snoozed=false',
    auth: 'staff',
    permission: 'sessions.read',
    query: SessionListQuery,
    response: SessionListPage,
    handler: ({ query, db, staff }) => listSessions(db, query, staff.id),
  });
  route({
    method: 'POST',
    path: '/admin/sessions',
    summary: 'Create a session by hand (F9); the seller defaults to the product’s owner; a client-made id is kept',
    auth: 'staff',
    permission: 'sessions.write',
    body: SessionCreateBody,
    response: Session,
    status: 201,
    handler: async ({ body, write }) => (await createSession(write, body)).session,
  });
  route({
    method: 'GET',
    path: '/admin/sessions/:id',
    summary: 'One session with its counters',
    auth: 'staff',
    permission: 'sessions.read',
    params: IdParams,
    response: Session,
    handler: ({ params, db }) => requireSession(db, params.id),
  });
  route({
    method: 'PATCH',
    path: '/admin/sessions/:id',
    summary:
      'Edit product, customer, seller or last message time (F7: sessions.write); status, assigneeId and snoozedUntil ' +
      '(B10: sessions.triage; assigning someone else or unassigning them: sessions.assign)',
    auth: 'staff',
    permission: 'sessions.triage',
    params: IdParams,
    body: SessionPatchBody,
    response: Session,
    async handler({ params, body, write, staff }) {
      const { status, assigneeId, snoozedUntil, ...parties } = body;
      const editing = Object.keys(parties) as Array<keyof typeof parties>;
      const [first] = editing;
      if (first && !can(staff.role, 'sessions.write')) {
        throw new AppError('forbidden', `Your role (${staff.role}) may not edit a session's ${editing.join(', ')}`, {
          [first]: 'your role may not edit this',
        });
      }
      let session = first ? await patchSession(write, params.id, parties) : null;
      if (status !== undefined || assigneeId !== undefined || snoozedUntil !== undefined) {
        session = await updateWorkflow(write, params.id, { status, assigneeId, snoozedUntil }, staff);
      }
      return session ?? requireSession(write.tx, params.id);
    },
  });
  route({
    method: 'DELETE',
    path: '/admin/sessions/:id',
    summary: 'Delete a session and all its messages, for good (F7)',
    auth: 'staff',
    permission: 'sessions.delete',
    params: IdParams,
    response: BulkResult,
    async handler({ params, write }) {
      const affected = await deleteSessions(write, { ids: [params.id] });
      if (affected === 0)
        throw new AppError('not_found', `No chat session with id ${params.id}`, { id: 'no such session' });
      return { affected };
    },
  });
  route({
    method: 'POST',
    path: '/admin/sessions/mark-read',
    summary:
      'Mark every message of the sessions read (F8); `{ids}` or `{allMatching: {filter, confirmedCount, asOf}}` ' +
      '(409 with currentCount when the filter now matches more); affected = messages marked',
    auth: 'staff',
    permission: 'messages.markRead',
    body: BulkTarget,
    response: BulkResult,
    handler: async ({ body, write, request }) => ({ affected: await markSessionsRead(write, body, request.body) }),
  });
  route({
    method: 'POST',
    path: '/admin/sessions/delete',
    summary:
      'Delete sessions with their messages (F8); `{ids}` (unknown ids are skipped) or ' +
      '`{allMatching: {filter, confirmedCount, asOf}}` (409 with currentCount when the filter now matches more)',
    auth: 'staff',
    permission: 'sessions.delete',
    body: BulkTarget,
    response: BulkResult,
    handler: async ({ body, write, request }) => ({ affected: await deleteSessions(write, body, request.body) }),
  });
  route({
    method: 'GET',
    path: '/admin/assignees',
    summary: 'The active staff accounts a session can be assigned to (id, name, role), by name (B10)',
    auth: 'staff',
    permission: 'sessions.read',
    response: AssigneeList,
    handler: async ({ db }) => ({ items: await listAssignees(db) }),
  });
  route({
    method: 'POST',
    path: '/admin/sessions/assign',
    summary:
      'Assign sessions to a staff account, or unassign them with assigneeId null (B10); `{ids, assigneeId}` or ' +
      '`{allMatching: {filter, confirmedCount, asOf}, assigneeId}` (409 with currentCount when the filter now matches ' +
      'more). Without sessions.assign only oneself, on sessions nobody or oneself has (403 otherwise); ' +
      'affected = sessions changed',
    auth: 'staff',
    permission: 'sessions.triage',
    body: AssignTarget,
    response: BulkResult,
    handler: async ({ body, write, staff, request }) => ({
      affected: await assignSessions(write, staff, body, request.body),
    }),
  });
  route({
    method: 'POST',
    path: '/admin/sessions/resolve',
    summary:
      'Resolve sessions (B10); `{ids}` or `{allMatching: {filter, confirmedCount, asOf}}` (409 with currentCount ' +
      'when the filter now matches more); affected = sessions that were not resolved',
    auth: 'staff',
    permission: 'sessions.triage',
    body: BulkTarget,
    response: BulkResult,
    handler: async ({ body, write, request }) => ({
      affected: await setSessionsStatus(write, 'resolve', body, request.body),
    }),
  });
  route({
    method: 'POST',
    path: '/admin/sessions/reopen',
    summary:
      'Re-open pending or resolved sessions (B10); `{ids}` or `{allMatching: {filter, confirmedCount, asOf}}` (409 ' +
      'with currentCount when the filter now matches more); affected = sessions that were not open',
    auth: 'staff',
    permission: 'sessions.triage',
    body: BulkTarget,
    response: BulkResult,
    handler: async ({ body, write, request }) => ({
      affected: await setSessionsStatus(write, 'reopen', body, request.body),
    }),
  });
}
