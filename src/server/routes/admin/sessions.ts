// Staff routes for chat sessions (F2–F9): list, create, read, edit, delete, and the bulk mark-read and delete.
import type { FastifyInstance } from 'fastify';
import {
  BulkResult,
  BulkTarget,
  IdParams,
  Page,
  SessionCreateBody,
  SessionListQuery,
  SessionPatchBody,
} from '../../../shared/api.ts';
import { Session } from '../../../shared/domain.ts';
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

export function adminSessionRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const route = <P, Q, B, R>(spec: Parameters<typeof defineRoute<P, Q, B, R>>[2]) => defineRoute(app, deps, spec);

  route({
    method: 'GET',
    path: '/admin/sessions',
    summary: 'Sessions with search, filters, sort and paging (F2–F6); default sort lastMessageAt desc',
    auth: 'staff',
    permission: 'sessions.read',
    query: SessionListQuery,
    response: Page(Session),
    handler: ({ query, db }) => listSessions(db, query),
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
    summary: 'Edit product, customer, seller or last message time (F7)',
    auth: 'staff',
    permission: 'sessions.write',
    params: IdParams,
    body: SessionPatchBody,
    response: Session,
    handler: ({ params, body, write }) => patchSession(write, params.id, body),
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
}
