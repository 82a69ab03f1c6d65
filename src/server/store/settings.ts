// The one-row settings table (F12): whether chat in the mobile app is on.
import type { z } from 'zod';
import type { SettingsBody } from '../../shared/api.ts';
import type { Settings } from '../../shared/domain.ts';
import type { Queryable } from '../db/db.ts';
import type { WriteCtx } from './context.ts';

export async function readSettings(db: Queryable): Promise<Settings> {
  const { rows } = await db.query<{ chat_mobile_enabled: boolean }>('SELECT chat_mobile_enabled FROM settings');
  return { chatMobileEnabled: rows[0]?.chat_mobile_enabled ?? true };
}

/** Stores the settings and emits and audits their new state. */
export async function updateSettings(ctx: WriteCtx, body: z.infer<typeof SettingsBody>): Promise<Settings> {
  await ctx.tx.query('UPDATE settings SET chat_mobile_enabled = $1, updated_at = now()', [body.chatMobileEnabled]);
  const settings = await readSettings(ctx.tx);
  ctx.events.push({ type: 'settings.updated', settings });
  ctx.audits.push({ action: 'settings.update', targetKind: 'settings', targetId: null, details: { ...body } });
  return settings;
}
