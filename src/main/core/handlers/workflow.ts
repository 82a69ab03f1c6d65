// The agent workflow (B10): status, assignment and snooze through the outbox (shown at once, sent once), the staff
// one can assign to and the canned replies (the backend's when online, kept in the cache for offline use), and the
// reply box's drafts, kept per account in the account's cache (they survive switching sessions, sign-out, restart).
import { type Assignee, AssigneeList, CannedReplyPage, MAX_PAGE_SIZE } from '../../../shared/api.ts';
import type { Draft } from '../../../shared/bridge.ts';
import type { CannedReply } from '../../../shared/domain.ts';
import { AppError } from '../../../shared/errors.ts';
import type { CoreContext, HandlerGroup } from '../context.ts';
import { checkConfirmed } from './sessions.ts';

const EMPTY_DRAFT: Draft = { body: '', note: false };

/** Offline, or the backend failing: the cache answers with what it last had. */
function isUnreachable(error: unknown): boolean {
  return error instanceof AppError && (error.code === 'offline' || error.status >= 500);
}

/** The assignable staff, fetched when online and kept for offline use. */
async function assignees(ctx: CoreContext, refresh: boolean): Promise<Assignee[]> {
  const { cache, client } = ctx.runtime();
  const known = await cache.call('getValue', 'assignees');
  if (!refresh && Array.isArray(known)) return known as Assignee[];
  try {
    const { data } = await client.request('GET', '/admin/assignees', { schema: AssigneeList });
    await cache.call('setValue', 'assignees', data.items);
    return data.items;
  } catch (error) {
    if (!isUnreachable(error)) throw error;
    return Array.isArray(known) ? (known as Assignee[]) : [];
  }
}

/** The name shown for a new assignee until the backend's echo: oneself, or from the list of assignable staff. */
export async function assigneeName(ctx: CoreContext, assigneeId: string | null): Promise<string | null> {
  if (assigneeId === null) return null;
  const { record } = ctx.runtime();
  if (assigneeId === record.staff.id) return record.staff.name;
  let found = (await assignees(ctx, false)).find((a) => a.id === assigneeId);
  if (!found) found = (await assignees(ctx, true)).find((a) => a.id === assigneeId);
  if (!found) {
    throw new AppError('not_found', `No staff account ${assigneeId} to assign to`, {
      assigneeId: 'no such active staff account',
    });
  }
  return found.name;
}

/** Every canned reply of the backend (a few hundred at most), paged. */
async function fetchCannedReplies(ctx: CoreContext): Promise<CannedReply[]> {
  const { client } = ctx.runtime();
  const all: CannedReply[] = [];
  for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
    const { data } = await client.request('GET', '/admin/canned-replies', {
      params: { offset, limit: MAX_PAGE_SIZE },
      schema: CannedReplyPage,
    });
    all.push(...data.items);
    if (all.length >= data.total || data.items.length === 0) return all;
  }
}

export const workflowHandlers: HandlerGroup = (ctx) => ({
  'sessions.triage': async ({ id, patch }) => {
    const name = patch.assigneeId === undefined ? {} : { assigneeName: await assigneeName(ctx, patch.assigneeId) };
    const clean = {
      ...patch,
      ...(patch.snoozedUntil ? { snoozedUntil: new Date(patch.snoozedUntil).toISOString() } : {}),
    };
    return ctx.enqueue({ kind: 'sessions.triage', id, patch: clean, ...name });
  },
  'sessions.assign': async ({ target, assigneeId }) => {
    await checkConfirmed(ctx, target);
    const name = await assigneeName(ctx, assigneeId);
    return ctx.enqueue({ kind: 'sessions.assign', target, assigneeId, assigneeName: name });
  },
  'sessions.resolve': async ({ target }) => {
    await checkConfirmed(ctx, target);
    return ctx.enqueue({ kind: 'sessions.resolve', target });
  },
  'sessions.reopen': async ({ target }) => {
    await checkConfirmed(ctx, target);
    return ctx.enqueue({ kind: 'sessions.reopen', target });
  },
  'sessions.snooze': async ({ target, snoozedUntil }) => {
    await checkConfirmed(ctx, target);
    const until = snoozedUntil === null ? null : new Date(snoozedUntil).toISOString();
    return ctx.enqueue({ kind: 'sessions.snooze', target, snoozedUntil: until });
  },
  'assignees.list': async () => ({ items: await assignees(ctx, true) }),
  'cannedReplies.list': async ({ language, search }) => {
    const { cache } = ctx.runtime();
    // The whole list once per call without a search (opening the picker); typing searches the cache.
    if (!search && ctx.accounts.signedIn) {
      try {
        await cache.call('putCannedReplies', await fetchCannedReplies(ctx));
      } catch (error) {
        if (!isUnreachable(error)) throw error;
      }
    }
    return { items: await cache.call('cannedReplies', { language, search }) };
  },
  'drafts.get': async ({ sessionId }) => {
    const draft = await ctx.runtime().cache.call('getValue', `draft:${sessionId}`);
    return (draft as Draft | undefined) ?? EMPTY_DRAFT;
  },
  'drafts.set': async ({ sessionId, body, note }) => {
    const draft: Draft = body.trim() ? { body, note } : EMPTY_DRAFT;
    await ctx.runtime().cache.call('setValue', `draft:${sessionId}`, body.trim() ? draft : null);
    return draft;
  },
});
