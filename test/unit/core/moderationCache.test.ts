// B9 in the desk cache, on its own file: which queue items notify (opened now: new, or open again after a decision;
// not a second report on an open item, not a first replay), the cached queue's filters, sorts and the items decided
// here, a removed message as staff read it, and the sanctions in force by the desk's clock.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheStore } from '../../../src/main/core/cache/store.ts';
import { type Message, type ModerationItem, NEW_SESSION_WORKFLOW, type Sanction } from '../../../src/shared/domain.ts';
import type { ChangeEvent } from '../../../src/shared/events.ts';

let dir: string;
let store: CacheStore;
let seq = 0;
const T = (minutes: number) => new Date(Date.UTC(2026, 11, 5, 12, 0) + minutes * 60_000).toISOString();
const ev = (type: ChangeEvent['type'], body: object): ChangeEvent =>
  ({ seq: ++seq, at: T(0), actor: { kind: 'system', id: null }, type, ...body }) as ChangeEvent;
const sessionId = randomUUID();

function message(over: Partial<Message> = {}): Message {
  return {
    id: randomUUID(),
    sessionId,
    kind: 'message',
    senderRole: 'seller',
    senderId: randomUUID(),
    senderName: 'Store One',
    body: 'call me',
    flags: ['phone'],
    readAt: null,
    createdAt: T(0),
    ...over,
  };
}
function item(over: Partial<ModerationItem> = {}): ModerationItem {
  const m = message();
  return {
    id: randomUUID(),
    status: 'open',
    reasons: ['flag'],
    message: m,
    session: {
      id: sessionId,
      product: { id: randomUUID(), name: 'Phone case' },
      customer: { id: randomUUID(), name: 'Reem' },
      seller: { id: m.senderId, name: m.senderName },
    },
    flags: ['phone'],
    reports: [],
    reportsCount: 0,
    escalations: [],
    firstSeenAt: T(0),
    decision: null,
    ...over,
  };
}
const upserted = (i: ModerationItem, notify = true) =>
  store.applyEvents([ev('moderation.item.upserted', { item: i })], { notify }).changes;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chatdesk-moderation-cache-'));
  store = new CacheStore(join(dir, 'cache.sqlite'));
  seq = 0;
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('review-queue items in the desk cache (B9)', () => {
  it('notices an item when it opens, not again while open, again once reopened after a decision', () => {
    const first = item();
    const opened = upserted(first);
    expect(opened.moderationChanged).toBe(true);
    expect(opened.review).toEqual([
      {
        itemId: first.id,
        messageId: first.message.id,
        sessionId,
        senderName: 'Store One',
        body: 'call me',
        productName: 'Phone case',
        reasons: ['flag'],
      },
    ]);
    // A report on the open item: changed, no new notice.
    const reported = upserted({ ...first, reasons: ['flag', 'report'], reportsCount: 1 });
    expect(reported.moderationChanged).toBe(true);
    expect(reported.review).toBeUndefined();
    // Decided, then reported again: it opens again and notifies.
    const decision = { action: 'dismiss' as const, reason: null, staff: null, at: T(1) };
    expect(upserted({ ...first, status: 'resolved', decision }).review).toBeUndefined();
    expect(upserted({ ...first, status: 'open', reportsCount: 2 }).review?.map((r) => r.itemId)).toEqual([first.id]);
    // A first replay (notify off) keeps the item but tells no one.
    expect(upserted(item(), false).review).toBeUndefined();
  });

  it('answers the queue with the backend’s filters and sorts; an item decided here leaves the open list', () => {
    const a = item({ firstSeenAt: T(1), reasons: ['flag'] });
    const b = item({
      firstSeenAt: T(2),
      reasons: ['report'],
      reportsCount: 3,
      reports: [{ category: 'scam', note: null, at: T(2) }],
    });
    const c = item({ firstSeenAt: T(3), status: 'resolved' });
    store.putModerationItems([a, b, c]);
    const ids = (q: Parameters<CacheStore['cachedQueue']>[0]) => store.cachedQueue(q).items.map((i) => i.id);
    const base = { status: 'open' as const, sort: 'firstSeen' as const, offset: 0, limit: 50 };
    expect(ids(base)).toEqual([a.id, b.id]);
    expect(store.cachedQueue(base).total).toBe(2);
    expect(ids({ ...base, sort: 'reportsCount' })).toEqual([b.id, a.id]);
    expect(ids({ ...base, reason: 'report' })).toEqual([b.id]);
    expect(ids({ ...base, category: 'scam' })).toEqual([b.id]);
    expect(ids({ ...base, category: 'spam' })).toEqual([]);
    expect(ids({ ...base, limit: 1, offset: 1 })).toEqual([b.id]);
    expect(ids({ ...base, status: 'resolved' })).toEqual([c.id]);
    store.enqueue({ kind: 'moderation.decide', id: a.id, action: 'dismiss' }, randomUUID(), T(4));
    expect(ids(base)).toEqual([b.id]);
    expect(ids({ ...base, status: 'resolved' })).toEqual([a.id, c.id]);
    expect(store.moderationItemOfMessage(b.message.id)).toBe(b.id);
    expect(store.moderationItemOfMessage(randomUUID())).toBeNull();
  });

  it('keeps a removed message as staff read it, and puts it back when restored', () => {
    const m = message();
    const session = {
      id: sessionId,
      product: { id: randomUUID(), name: 'Phone case' },
      customer: { id: randomUUID(), name: 'Reem' },
      seller: { id: m.senderId, name: m.senderName },
      messagesCount: 1,
      unreadCount: 1,
      flaggedCount: 1,
      lastMessageAt: T(0),
      createdAt: T(0),
      updatedAt: T(0),
      ...NEW_SESSION_WORKFLOW,
    };
    store.applyEvents([ev('message.created', { message: m, session })]);
    const removed = { ...m, removed: true as const, removedReason: 'Contact details', removedAt: T(1) };
    store.applyEvents([ev('message.updated', { message: removed, session })]);
    expect(store.messagesList(sessionId, undefined, 10).items[0]).toEqual(removed);
    store.applyEvents([ev('message.updated', { message: m, session })]);
    expect(store.messagesList(sessionId, undefined, 10).items[0]).toEqual(m);
  });

  it('says which mutes and bans are in force by the desk’s clock', () => {
    const userId = randomUUID();
    const sanction = (over: Partial<Sanction>): Sanction => ({
      id: randomUUID(),
      userId,
      kind: 'mute',
      reason: 'contact details',
      startsAt: T(0),
      endsAt: T(60),
      active: true,
      staff: null,
      liftedAt: null,
      liftedBy: null,
      ...over,
    });
    const mute = sanction({});
    const warning = sanction({ kind: 'warn', endsAt: null, active: false });
    const lifted = sanction({ kind: 'ban', endsAt: null, liftedAt: T(5) });
    store.putSanctions([mute, warning, lifted]);
    expect(store.activeSanctions([userId], T(30)).map((s) => s.id)).toEqual([mute.id]);
    // Ended by the clock, whatever the backend said when it answered.
    expect(store.activeSanctions([userId], T(61))).toEqual([]);
    // A ban until lifted, from the feed, goes first.
    const ban = sanction({ kind: 'ban', endsAt: null, startsAt: T(10) });
    store.applyEvents([ev('sanction.upserted', { sanction: ban })]);
    expect(store.activeSanctions([userId], T(30)).map((s) => s.kind)).toEqual(['ban', 'mute']);
    const all = store.sanctionsOf(userId, T(30));
    expect(all[0]?.id).toBe(ban.id);
    expect(all.map((x) => `${x.kind}:${x.active}`).sort()).toEqual([
      'ban:false',
      'ban:true',
      'mute:true',
      'warn:false',
    ]);
  });
});
