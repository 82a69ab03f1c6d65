// The backend's change feed: every change appends one event with a gapless, increasing `seq` in the same
// transaction. Events carry the full new state of what they touch, so applying one is an idempotent upsert or
// delete and a client that replays an event twice ends in the same state.
import { z } from 'zod';
import {
  CannedReply,
  Id,
  Instant,
  Message,
  ModerationItem,
  Order,
  Product,
  Sanction,
  Session,
  Settings,
  User,
} from './domain.ts';
import { ModerationRulesRevision } from './moderationRules.ts';

export const Actor = z.object({ kind: z.enum(['staff', 'user', 'system']), id: Id.nullable() });
export type Actor = z.infer<typeof Actor>;

const base = { seq: z.number().int().positive(), at: Instant, actor: Actor };

export const ChangeEvent = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('session.upserted'), session: Session }),
  z.object({ ...base, type: z.literal('session.deleted'), sessionId: Id }),
  z.object({ ...base, type: z.literal('message.created'), message: Message, session: Session }),
  z.object({ ...base, type: z.literal('message.deleted'), messageId: Id, session: Session }),
  /** Messages of one session marked read (by staff or by the participant they were sent to). */
  z.object({ ...base, type: z.literal('messages.read'), messageIds: z.array(Id), readAt: Instant, session: Session }),
  z.object({ ...base, type: z.literal('user.upserted'), user: User }),
  z.object({ ...base, type: z.literal('product.upserted'), product: Product }),
  z.object({ ...base, type: z.literal('order.upserted'), order: Order }),
  z.object({ ...base, type: z.literal('settings.updated'), settings: Settings }),
  /** B10: a canned reply created or edited, or deleted. */
  z.object({ ...base, type: z.literal('cannedReply.upserted'), cannedReply: CannedReply }),
  z.object({ ...base, type: z.literal('cannedReply.deleted'), cannedReplyId: Id }),
  /** B9: a message removed or restored by a moderator, with its session's new counters. */
  z.object({ ...base, type: z.literal('message.updated'), message: Message, session: Session }),
  /** B9: a review-queue item entered, changed (a report, an escalation) or was decided. */
  z.object({ ...base, type: z.literal('moderation.item.upserted'), item: ModerationItem }),
  /** B9: a sanction on a participant given or lifted. */
  z.object({ ...base, type: z.literal('sanction.upserted'), sanction: Sanction }),
  /**
   * B9: the moderation rules changed (they apply to the messages written from then on). Only the new revision: the
   * feed reaches every staff member, the rules only those who may read them (they fetch them on this event).
   */
  z.object({ ...base, type: z.literal('moderation.rules.updated'), ...ModerationRulesRevision.shape }),
]);
export type ChangeEvent = z.infer<typeof ChangeEvent>;
export type ChangeEventType = ChangeEvent['type'];

/** Frames the backend sends on the WebSocket `/admin/events`. */
export const FeedFrame = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), event: ChangeEvent }),
  z.object({ kind: z.literal('heartbeat'), lastSeq: z.number().int(), at: Instant }),
]);
export type FeedFrame = z.infer<typeof FeedFrame>;
