// What the core tells the window after each batch it applied (the bridge's 'sessions.changed' event), kept apart
// from bridge.ts, which re-exports it: the notice grows with each feature that needs the window to look again.
import { z } from 'zod';
import { Id, Message } from './domain.ts';
import { ReviewNotice } from './moderationDesk.ts';

/** B10: a session assigned to the signed-in account by someone else (byName null: a name the desk does not know). */
export const AssignedNotice = z.object({
  sessionId: Id,
  productName: z.string(),
  customerName: z.string(),
  byName: z.string().nullable(),
});
export type AssignedNotice = z.infer<typeof AssignedNotice>;

/** After each applied batch: which sessions changed, the new unread total, which incoming messages notify. */
export const SessionsChangedNotice = z.object({
  sessionIds: z.array(Id),
  /** True when so much changed (a resync, a bulk action) that every loaded row should be refreshed. */
  all: z.boolean(),
  deletedIds: z.array(Id),
  unreadTotal: z.number().int(),
  notify: z.array(Message.extend({ productName: z.string() })),
  /** Sessions whose unread count fell to zero in this batch (read here or elsewhere): their toasts are withdrawn. */
  readSessionIds: z.array(Id).optional(),
  /** The marketplace settings (F12) changed in this batch (by another staff member, or a refused change put back). */
  settingsChanged: z.boolean().optional(),
  /** B9: the review queue changed in this batch (an item, a removed or restored message, a sanction). */
  moderationChanged: z.boolean().optional(),
  /** B9: queue items that opened in this batch (the core tells moderators of them through 'moderation.review'). */
  review: z.array(ReviewNotice).optional(),
  /** B10: sessions someone else assigned to the signed-in account in this batch (each notifies it). */
  assigned: z.array(AssignedNotice).optional(),
  /** B10: the canned replies changed in this batch (written elsewhere, or a refused change put back). */
  cannedRepliesChanged: z.boolean().optional(),
  /**
   * B9: the moderation rules changed in this batch (edited elsewhere, or an edit made here refused). A desk whose
   * role reads them has fetched them before this notice; no other role is told what they are.
   */
  rulesChanged: z.boolean().optional(),
});
export type SessionsChangedNotice = z.infer<typeof SessionsChangedNotice>;
