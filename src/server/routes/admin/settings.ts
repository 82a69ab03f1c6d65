// Staff routes for the settings (F12): read them, and switch chat in the mobile app on or off.
import type { FastifyInstance } from 'fastify';
import { SettingsBody } from '../../../shared/api.ts';
import { Settings } from '../../../shared/domain.ts';
import { defineRoute, type ServerDeps } from '../../http/route.ts';
import { readSettings, updateSettings } from '../../store/settings.ts';

export function adminSettingsRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const route = <P, Q, B, R>(spec: Parameters<typeof defineRoute<P, Q, B, R>>[2]) => defineRoute(app, deps, spec);

  route({
    method: 'GET',
    path: '/admin/settings',
    summary: 'Settings (F12)',
    auth: 'staff',
    permission: 'sessions.read',
    response: Settings,
    handler: ({ db }) => readSettings(db),
  });
  route({
    method: 'PUT',
    path: '/admin/settings',
    summary: 'Switch chat in the mobile app on or off (F12)',
    auth: 'staff',
    permission: 'settings.write',
    body: SettingsBody,
    response: Settings,
    handler: ({ body, write }) => updateSettings(write, body),
  });
}
