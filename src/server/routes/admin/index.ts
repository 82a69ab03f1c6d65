// Staff routes (`/admin/...`), one file per area. Registered in this order, which is also the order of the
// OpenAPI document's paths.
import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../../http/route.ts';
import { adminAuditRoutes } from './audit.ts';
import { adminCannedReplyRoutes } from './cannedReplies.ts';
import { adminDirectoryRoutes } from './directory.ts';
import { adminMessageRoutes } from './messages.ts';
import { adminModerationRoutes } from './moderation.ts';
import { adminSanctionRoutes } from './sanctions.ts';
import { adminSessionSnoozeRoutes } from './sessionSnooze.ts';
import { adminSessionRoutes } from './sessions.ts';
import { adminSettingsRoutes } from './settings.ts';
import { adminStaffRoutes } from './staff.ts';

export function adminRoutes(app: FastifyInstance, deps: ServerDeps): void {
  adminSessionRoutes(app, deps);
  adminSessionSnoozeRoutes(app, deps);
  adminMessageRoutes(app, deps);
  adminCannedReplyRoutes(app, deps);
  adminModerationRoutes(app, deps);
  adminSanctionRoutes(app, deps);
  adminDirectoryRoutes(app, deps);
  adminSettingsRoutes(app, deps);
  adminStaffRoutes(app, deps);
  adminAuditRoutes(app, deps);
}
