// Staff routes for the audit log (B4): who did what, newest first.
import type { FastifyInstance } from 'fastify';
import { AuditLogQuery, Page } from '../../../shared/api.ts';
import { AuditEntry } from '../../../shared/domain.ts';
import { defineRoute, type ServerDeps } from '../../http/route.ts';
import { listAudit } from '../../store/audit.ts';

export function adminAuditRoutes(app: FastifyInstance, deps: ServerDeps): void {
  defineRoute(app, deps, {
    method: 'GET',
    path: '/admin/audit-log',
    summary: 'Who did what, newest first (B4)',
    auth: 'staff',
    permission: 'audit.read',
    query: AuditLogQuery,
    response: Page(AuditEntry),
    handler: ({ query, db }) => listAudit(db, query),
  });
}
