// B2: `GET /admin/messages/search`, full-text search inside message bodies for every staff role that may read
// sessions.
import type { FastifyInstance } from 'fastify';
import { MessageSearchPage, MessageSearchQuery } from '../../shared/api.ts';
import { defineRoute, type ServerDeps } from '../http/route.ts';
import { searchMessages } from '../store/messageSearch.ts';

export function messageSearchRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    path: '/admin/messages/search',
    summary:
      'Messages whose body contains q (Arabic-aware: case, diacritics, tatweel, alef/yaa/taa-marbuta forms folded; ' +
      '% and _ are plain characters), newest first; `before` = the previous page’s nextBefore',
    tags: ['admin'],
    auth: 'staff',
    permission: 'sessions.read',
    query: MessageSearchQuery,
    response: MessageSearchPage,
    handler: ({ query, db }) => searchMessages(db, query),
  });
}
