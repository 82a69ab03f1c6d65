// B9's parts of the bridge beyond the backend's contract: the review-queue page as the desk answers it (from the
// cache when offline), the queue items new to review that notify moderators, and the review state the tray shows.
import { z } from 'zod';
import { ModerationQueuePage } from './api.ts';
import { Id, Message, ModerationItem, ModerationReason, Sanction } from './domain.ts';
import { ModerationRules } from './moderationRules.ts';

/** A queue page, `cached` when the backend could not be reached and the desk answered with the items it keeps. */
export const DeskModerationQueuePage = ModerationQueuePage.extend({ cached: z.boolean().optional() });

/** A queue item that opened (new, or reported or escalated again after a decision): it notifies moderators. */
export const ReviewNotice = z.object({
  itemId: Id,
  messageId: Id,
  sessionId: Id,
  senderName: z.string(),
  body: z.string(),
  productName: z.string(),
  reasons: z.array(ModerationReason),
});
export type ReviewNotice = z.infer<typeof ReviewNotice>;

/**
 * Sent to moderators and admins only (never to agents or managers): the open count (null while unknown) and the
 * items that opened in this batch, which notify.
 */
export const ReviewState = z.object({ open: z.number().int().nonnegative().nullable(), notify: z.array(ReviewNotice) });
export type ReviewState = z.infer<typeof ReviewState>;

/**
 * The rules as the desk shows them: `cached` when the backend could not be reached, `pending` while an edit made here
 * waits in the outbox (shown as made).
 */
export const DeskModerationRules = ModerationRules.extend({
  cached: z.boolean().optional(),
  pending: z.boolean().optional(),
});
export type DeskModerationRules = z.infer<typeof DeskModerationRules>;

/** The participants whose mutes and bans in force a conversation shows (its customer and seller). */
export const ActiveSanctionsInput = z.strictObject({ userIds: z.array(Id).min(1).max(20) });
export const ActiveSanctions = z.object({ items: z.array(Sanction) });

/** B9: a queue item with a few messages of its conversation before and after it, and its sender's sanctions. */
export const ModerationItemDetail = z.object({
  item: ModerationItem,
  before: z.array(Message),
  after: z.array(Message),
  /** The sender's sanctions, newest first (none for a staff member's message). */
  sanctions: z.array(Sanction),
});
export type ModerationItemDetail = z.infer<typeof ModerationItemDetail>;
