// A fake bridge for the renderer's component tests (test/dom): it stands in for the desk core behind the bridge calls
// and events of src/shared/bridge.ts, with canned answers per call, every call recorded, events pushed by the test.
// `frameBridge` answers what the app frame asks as it starts, `conversationBridge` a conversation. The real core is
// exercised by the e2e tests (test/e2e).
import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { setBridge } from '../../src/renderer/src/bridge/index.ts';
import { initI18n } from '../../src/renderer/src/i18n/index.ts';
import {
  type AccountState,
  type AppInfo,
  type CallInput,
  type CallName,
  type CallOutput,
  DEFAULT_PREFS,
  type DeskBridge,
  type EventName,
  type EventPayload,
  type Prefs,
  type SyncState,
} from '../../src/shared/bridge.ts';
import {
  type Message,
  type ModerationItem,
  NEW_SESSION_WORKFLOW,
  type Order,
  type Permission,
  rolePermissions,
  type Session,
  type StaffRole,
} from '../../src/shared/domain.ts';
import type { ErrorInfo } from '../../src/shared/errors.ts';
import type { Result } from '../../src/shared/result.ts';

type Handler<K extends CallName> = (
  input: CallInput<K>,
) => CallOutput<K> | ErrorInfo | Promise<CallOutput<K> | ErrorInfo>;

export interface FakeBridge extends DeskBridge {
  calls: Array<{ name: CallName; input: unknown }>;
  handle<K extends CallName>(name: K, handler: Handler<K>): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  callsOf(name: CallName): unknown[];
}

export const refused = (code: string, message: string): ErrorInfo & { refused: true } => ({
  code,
  message,
  refused: true,
});

export function createFakeBridge(): FakeBridge {
  const handlers = new Map<CallName, Handler<CallName>>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const calls: FakeBridge['calls'] = [];
  return {
    calls,
    handle(name, handler) {
      handlers.set(name, handler as unknown as Handler<CallName>);
    },
    async invoke(name, input) {
      calls.push({ name, input });
      const handler = handlers.get(name);
      if (!handler) return { ok: false, error: { code: 'internal', message: `fake bridge: no answer for ${name}` } };
      const value = (await handler(input as never)) as unknown;
      if (value && typeof value === 'object' && 'refused' in value) {
        const { refused: _r, ...error } = value as ErrorInfo & { refused: true };
        return { ok: false, error } as Result<never>;
      }
      return { ok: true, value } as Result<never>;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener as never);
      return () => set.delete(listener as never);
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) (l as (p: typeof payload) => void)(payload);
    },
    callsOf(name) {
      return calls.filter((c) => c.name === name).map((c) => c.input);
    },
  };
}

export function account(role: StaffRole): AccountState {
  return {
    signedIn: true,
    backendUrl: 'http://127.0.0.1:1',
    staff: { id: '00000000-0000-4000-8000-0000000000aa', name: `Test ${role}`, email: `${role}@test`, role },
    permissions: [...rolePermissions[role]] as Permission[],
  };
}

export const SIGNED_OUT: AccountState = {
  signedIn: false,
  backendUrl: 'http://127.0.0.1:4000',
  staff: null,
  permissions: [],
};

/** What 'app.info' answers: the web edition on Linux, an English system, the backend at 127.0.0.1:4000 proposed. */
export function appInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    name: 'Chat Desk',
    version: '1.2.3',
    edition: 'web',
    platform: 'linux',
    coreStartedAt: new Date().toISOString(),
    systemLocale: 'en-US',
    defaultBackendUrl: 'http://127.0.0.1:4000',
    demoAccount: null,
    ...overrides,
  };
}

/** A 'sync.state' online and up to date. */
export const ONLINE: SyncState = {
  status: 'online',
  progress: null,
  offlineSince: null,
  lastSyncedAt: new Date().toISOString(),
  pendingActions: 0,
  cursor: 10,
};

export interface FrameBridgeOptions {
  /** The signed-in staff's role (default manager); `signedIn: false` opens on the sign-in screen. */
  role?: StaffRole;
  signedIn?: boolean;
  systemLocale?: string;
  /** The language saved in the prefs (default none). */
  saved?: Prefs['locale'];
  /** What 'unread.total' answers (default 0). */
  unreadTotal?: number;
}

/**
 * The calls the app frame (App.tsx) makes as it starts and moves between sections, answered on `bridge` (a new one by
 * default): app info, the account and sign-out, prefs (kept, so a language switch is saved), online, the unread
 * total, and empty Users and Orders sections and the Settings page.
 */
export function frameBridge(options: FrameBridgeOptions = {}, bridge: FakeBridge = createFakeBridge()): FakeBridge {
  let prefs: Prefs = { ...DEFAULT_PREFS, locale: options.saved ?? null };
  bridge.handle('app.info', () => appInfo({ systemLocale: options.systemLocale ?? 'en-US' }));
  bridge.handle('account.state', () => (options.signedIn === false ? SIGNED_OUT : account(options.role ?? 'manager')));
  bridge.handle('account.signOut', () => SIGNED_OUT);
  bridge.handle('prefs.get', () => prefs);
  bridge.handle('prefs.update', (patch) => {
    prefs = { ...prefs, ...patch } as Prefs;
    return prefs;
  });
  bridge.handle('sync.state', () => ONLINE);
  bridge.handle('unread.total', () => ({ total: options.unreadTotal ?? 0 }));
  bridge.handle('users.list', () => ({ items: [], total: 0 }));
  bridge.handle('orders.list', () => ({ items: [], total: 0 }));
  bridge.handle('settings.get', () => ({ chatMobileEnabled: true }));
  return bridge;
}

export const SESSION_ID = '11111111-1111-4111-8111-111111111111';
export const OTHER_SESSION_ID = '22222222-2222-4222-8222-222222222222';
const CUSTOMER = { id: '33333333-3333-4333-8333-333333333333', name: 'Salma Customer' };
const SELLER = { id: '44444444-4444-4444-8444-444444444444', name: 'Omar Seller' };
const PRODUCT = { id: '55555555-5555-4555-8555-555555555555', name: 'Espresso machine' };

export function session(overrides: Partial<Session> = {}): Session {
  return {
    id: SESSION_ID,
    product: PRODUCT,
    customer: CUSTOMER,
    seller: SELLER,
    messagesCount: 3,
    unreadCount: 2,
    flaggedCount: 1,
    lastMessageAt: new Date(Date.now() - 60_000).toISOString(),
    createdAt: new Date(Date.now() - 86_400_000).toISOString(),
    updatedAt: new Date(Date.now() - 60_000).toISOString(),
    ...NEW_SESSION_WORKFLOW,
    ...overrides,
  };
}

/**
 * A review-queue item (B9) of message `m`, numbered `n`: open, reported, in SESSION_ID's session about a football
 * that Reem asked its seller (the message's sender) about; `overrides` change the rest.
 */
export function moderationItem(m: Message, n = 1, overrides: Partial<ModerationItem> = {}): ModerationItem {
  return {
    id: `99999999-9999-4999-8999-${String(n).padStart(12, '0')}`,
    status: 'open',
    reasons: ['report'],
    message: m,
    session: {
      id: SESSION_ID,
      product: { id: '33333333-3333-4333-8333-333333333333', name: 'Football' },
      customer: { id: '44444444-4444-4444-8444-444444444444', name: 'Reem' },
      seller: { id: m.senderId, name: m.senderName },
    },
    flags: m.flags,
    reports: [],
    reportsCount: 0,
    escalations: [],
    firstSeenAt: m.createdAt,
    decision: null,
    ...overrides,
  };
}

let seq = 0;
export function message(overrides: Partial<Message> = {}): Message {
  seq += 1;
  const role = overrides.senderRole ?? 'customer';
  return {
    id: `66666666-6666-4666-8666-${String(seq).padStart(12, '0')}`,
    sessionId: SESSION_ID,
    kind: 'message',
    senderRole: role,
    senderId:
      role === 'customer' ? CUSTOMER.id : role === 'seller' ? SELLER.id : '00000000-0000-4000-8000-0000000000aa',
    senderName: role === 'customer' ? CUSTOMER.name : role === 'seller' ? SELLER.name : 'Support Sam',
    body: `message ${seq}`,
    flags: [],
    readAt: null,
    createdAt: new Date(Date.now() - (100 - seq) * 1000).toISOString(),
    ...overrides,
  };
}

export function order(overrides: Partial<Order> = {}): Order {
  return {
    id: '77777777-7777-4777-8777-777777777777',
    customerId: CUSTOMER.id,
    productId: PRODUCT.id,
    status: 'paid',
    quantity: 2,
    total: 199.5,
    currency: 'USD',
    createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    ...overrides,
  };
}

/** A bridge answering a session with three messages (customer unread, seller read with a flag, support). */
export function conversationBridge(role: StaffRole = 'agent'): { bridge: FakeBridge; messages: Message[] } {
  const bridge = createFakeBridge();
  const messages = [
    message({ senderRole: 'customer', body: 'Is it still available?' }),
    message({
      senderRole: 'seller',
      body: 'Yes, call me on +966 55 123 4567',
      flags: ['phone'],
      readAt: new Date().toISOString(),
    }),
    message({ senderRole: 'staff', body: 'Please keep the conversation here.' }),
  ];
  bridge.handle('account.state', () => account(role));
  bridge.handle('sessions.get', () => session());
  bridge.handle('messages.list', () => ({ items: messages, hasMore: false }));
  bridge.handle('orders.forSession', () => ({ items: [order()] }));
  bridge.handle('products.get', () => ({
    id: PRODUCT.id,
    name: PRODUCT.name,
    sellerId: SELLER.id,
    price: 450,
    currency: 'USD',
    createdAt: new Date().toISOString(),
  }));
  bridge.handle('settings.get', () => ({ chatMobileEnabled: true }));
  bridge.handle('messages.markRead', () => ({ affected: 1 }));
  bridge.handle('messages.delete', () => ({ affected: 1 }));
  return { bridge, messages };
}

// happy-dom has no FontFaceSet; Mantine's autosize textarea listens on document.fonts (every browser has it).
if (!(document as { fonts?: unknown }).fonts) {
  Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });
}

export function renderWithBridge(bridge: FakeBridge, ui: ReactNode) {
  setBridge(bridge);
  initI18n('en');
  return render(<MantineProvider>{ui}</MantineProvider>);
}

export function changed(overrides: Partial<EventPayload<'sessions.changed'>> = {}): EventPayload<'sessions.changed'> {
  return { sessionIds: [], all: false, deletedIds: [], unreadTotal: 0, notify: [], ...overrides };
}
