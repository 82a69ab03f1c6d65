// Staff routes for sanctions on participants (B9): moderators and admins give and lift them, managers read them.
import type { FastifyInstance } from 'fastify';
import { IdParams, SanctionCreateBody, SanctionListQuery, SanctionPage, UserIdParams } from '../../../shared/api.ts';
import { Sanction } from '../../../shared/domain.ts';
import { defineRoute, type ServerDeps } from '../../http/route.ts';
import { createSanction, liftSanction, listSanctions } from '../../store/sanctions.ts';

export function adminSanctionRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const route = <P, Q, B, R>(spec: Parameters<typeof defineRoute<P, Q, B, R>>[2]) => defineRoute(app, deps, spec);

  route({
    method: 'POST',
    path: '/admin/participants/:userId/sanctions',
    summary:
      'Sanction a customer or seller: warn (recorded, and a system message in their open and pending sessions, the ' +
      '100 most recently active, or with none open in their latest), mute for ' +
      '`minutes` (cannot send), or ban (cannot sign in or use the chat, and every token they hold stops working at ' +
      'once; for `minutes`, or until lifted without)',
    auth: 'staff',
    permission: 'moderation.decide',
    params: UserIdParams,
    body: SanctionCreateBody,
    response: Sanction,
    status: 201,
    handler: ({ params, body, write }) => createSanction(write, params.userId, body, deps.now()),
  });
  route({
    method: 'GET',
    path: '/admin/participants/:userId/sanctions',
    summary: 'A customer’s or seller’s sanctions, newest first, each saying whether it is in force',
    auth: 'staff',
    permission: 'moderation.read',
    params: UserIdParams,
    query: SanctionListQuery,
    response: SanctionPage,
    handler: ({ params, query, db }) => listSanctions(db, params.userId, query, deps.now()),
  });
  route({
    method: 'DELETE',
    path: '/admin/sanctions/:id',
    summary: 'Lift a mute or ban in force (kept in the history as lifted); returns it',
    auth: 'staff',
    permission: 'moderation.decide',
    params: IdParams,
    response: Sanction,
    handler: ({ params, write }) => liftSanction(write, params.id, deps.now()),
  });
}
