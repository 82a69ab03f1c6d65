// The core's change notices ('sessions.changed') as the shell's tests hand them to the tray and notifications: an
// incoming message of a session, and a notice with only the named parts filled in.
import type { SessionsChanged } from '../../../src/main/core/notify/policy.ts';

let seq = 0;

/** A customer's message in `sessionId`, one second after the previous one made here. */
export function incoming(
  sessionId: string,
  body: string,
  names: { sender: string; product: string } = { sender: 'Mona', product: 'Lamp' },
): SessionsChanged['notify'][number] {
  seq += 1;
  return {
    id: `m${seq}`,
    sessionId,
    kind: 'message' as const,
    senderRole: 'customer',
    senderId: 'u',
    senderName: names.sender,
    body,
    flags: [],
    readAt: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    productName: names.product,
  };
}

export const changed = (p: Partial<SessionsChanged>): SessionsChanged => ({
  sessionIds: [],
  all: false,
  deletedIds: [],
  unreadTotal: 1,
  notify: [],
  ...p,
});
