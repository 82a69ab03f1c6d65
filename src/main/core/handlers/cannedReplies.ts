// Managing canned replies from the desk (B10): managers and admins create, edit and delete them through the outbox
// like every staff action (shown at once in every list and in the reply box's picker, sent once, put back when the
// backend refuses). The core refuses at once what it can tell is wrong: a role without cannedReplies.manage, a reply
// it does not have, a shortcut another reply of the same language already uses (whatever its case), each naming the
// field; the contract has already checked the fields themselves (shortcut letters, placeholders, lengths).
import { randomUUID } from 'node:crypto';
import { foldArabic } from '../../../shared/arabicFold.ts';
import type { CannedReply, CannedReplyLanguage } from '../../../shared/domain.ts';
import { AppError } from '../../../shared/errors.ts';
import type { CoreContext, HandlerGroup } from '../context.ts';

function requireManage(ctx: CoreContext): void {
  const { record } = ctx.runtime();
  if (!record.permissions.includes('cannedReplies.manage')) {
    throw new AppError('forbidden', `The role ${record.staff.role} may use canned replies but not change them`);
  }
}

/** Every canned reply as the desk shows it (the cache's list with queued changes laid over it). */
async function shownReplies(ctx: CoreContext): Promise<CannedReply[]> {
  return ctx.runtime().cache.call('cannedReplies', {});
}

async function requireReply(ctx: CoreContext, id: string): Promise<CannedReply> {
  const found = (await shownReplies(ctx)).find((r) => r.id === id);
  if (!found) throw new AppError('not_found', `No canned reply with id ${id}`, { id: 'no such canned reply' });
  return found;
}

/** 409 naming `shortcut` when another reply of the language has it (compared as the backend does: folded). */
async function checkShortcut(ctx: CoreContext, shortcut: string, language: CannedReplyLanguage, self?: string) {
  const key = foldArabic(shortcut.trim());
  const taken = (await shownReplies(ctx)).find(
    (r) => r.id !== self && r.language === language && foldArabic(r.shortcut) === key,
  );
  if (taken) {
    throw new AppError('conflict', `The shortcut #${taken.shortcut} is already used in this language`, {
      shortcut: `is already used by “${taken.title}”`,
    });
  }
}

export const cannedReplyHandlers: HandlerGroup = (ctx) => ({
  'cannedReplies.create': async (input) => {
    requireManage(ctx);
    await checkShortcut(ctx, input.shortcut, input.language);
    const now = new Date().toISOString();
    const reply: CannedReply = { id: randomUUID(), ...input, createdAt: now, updatedAt: now };
    return ctx.enqueue({ kind: 'cannedReplies.create', reply });
  },
  'cannedReplies.update': async ({ id, patch }) => {
    requireManage(ctx);
    const current = await requireReply(ctx, id);
    const shown: CannedReply = { ...current, ...patch, updatedAt: new Date().toISOString() };
    if (patch.shortcut !== undefined || patch.language !== undefined) {
      await checkShortcut(ctx, shown.shortcut, shown.language, id);
    }
    return ctx.enqueue({ kind: 'cannedReplies.update', id, patch, shown });
  },
  'cannedReplies.delete': async ({ id }) => {
    requireManage(ctx);
    const current = await requireReply(ctx, id);
    return ctx.enqueue({ kind: 'cannedReplies.delete', id, shortcut: current.shortcut });
  },
});
