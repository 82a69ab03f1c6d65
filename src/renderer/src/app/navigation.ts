// Where the interface is: one small store, so a notification click, a deep link or a row action can all move the
// window to a session (route by session id).
import type { SessionFilter } from '@shared/api.ts';
import { create } from 'zustand';

export type Route =
  /** `filter` opens the list already filtered (a user's sessions from the Users section, F13). */
  | { name: 'sessions'; filter?: Partial<SessionFilter> }
  /** `messageId`: the message to scroll to and highlight (opened from message search). */
  | { name: 'session'; sessionId: string; messageId?: string }
  | { name: 'users'; userId?: string }
  | { name: 'orders'; customerId?: string; productId?: string }
  | { name: 'settings' }
  /** Full-text search inside message bodies (B2). */
  | { name: 'messageSearch' }
  /** Staff accounts and the audit log (B4). */
  | { name: 'staff' }
  | { name: 'audit' }
  /** The review queue (B9); `itemId`: the item to open (a moderator's notification or the tray). */
  | { name: 'moderation'; itemId?: string };

interface NavigationState {
  route: Route;
  /** The session shown in the conversation pane beside the table (D3). */
  selectedSessionId: string | null;
  navigate(route: Route): void;
  selectSession(sessionId: string | null): void;
}

export const useNavigation = create<NavigationState>((set) => ({
  route: { name: 'sessions' },
  selectedSessionId: null,
  navigate: (route) => set({ route }),
  selectSession: (selectedSessionId) => set({ selectedSessionId }),
}));
