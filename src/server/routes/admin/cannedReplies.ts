// Staff routes for canned replies (B10): everybody lists them (to answer with them), managers and admins write them.
import type { FastifyInstance } from 'fastify';
import {
  BulkResult,
  CannedReplyCreateBody,
  CannedReplyListQuery,
  CannedReplyPage,
  CannedReplyPatchBody,
  IdParams,
} from '../../../shared/api.ts';
import { CannedReply } from '../../../shared/domain.ts';
import { defineRoute, type ServerDeps } from '../../http/route.ts';
import {
  createCannedReply,
  deleteCannedReply,
  listCannedReplies,
  updateCannedReply,
} from '../../store/cannedReplies.ts';

export function adminCannedReplyRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const route = <P, Q, B, R>(spec: Parameters<typeof defineRoute<P, Q, B, R>>[2]) => defineRoute(app, deps, spec);

  route({
    method: 'GET',
    path: '/admin/canned-replies',
    summary: 'Canned replies by shortcut; `language` and `search` (shortcut, title and body, folded) narrow them',
    auth: 'staff',
    permission: 'sessions.read',
    query: CannedReplyListQuery,
    response: CannedReplyPage,
    handler: ({ query, db }) => listCannedReplies(db, query),
  });
  route({
    method: 'POST',
    path: '/admin/canned-replies',
    summary:
      'Create a canned reply; its body may hold {{customer}}, {{seller}}, {{product}} and {{agent}} only; the ' +
      'shortcut is unique per language (409); a client-made id is kept',
    auth: 'staff',
    permission: 'cannedReplies.manage',
    body: CannedReplyCreateBody,
    response: CannedReply,
    status: 201,
    handler: async ({ body, write }) => (await createCannedReply(write, body)).reply,
  });
  route({
    method: 'PATCH',
    path: '/admin/canned-replies/:id',
    summary: 'Edit a canned reply’s shortcut, title, body or language',
    auth: 'staff',
    permission: 'cannedReplies.manage',
    params: IdParams,
    body: CannedReplyPatchBody,
    response: CannedReply,
    handler: ({ params, body, write }) => updateCannedReply(write, params.id, body),
  });
  route({
    method: 'DELETE',
    path: '/admin/canned-replies/:id',
    summary: 'Delete a canned reply',
    auth: 'staff',
    permission: 'cannedReplies.manage',
    params: IdParams,
    response: BulkResult,
    async handler({ params, write }) {
      await deleteCannedReply(write, params.id);
      return { affected: 1 };
    },
  });
}
