// One session's conversation for the views: the session row, its messages (oldest first, earlier pages on demand),
// the product and the related orders (F13). Follows 'sessions.changed': refetches when this session is named (or
// everything changed), and says so when the session was deleted.
import type { Message, Order, Product, Session } from '@shared/domain.ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { callBridge, errorMessage, useBridgeEvent } from '../../bridge/bridgeHooks.ts';

const PAGE = 100;
const MAX_PAGE = 500;

export interface Conversation {
  session: Session | null;
  messages: Message[];
  hasMore: boolean;
  product: Product | null;
  orders: Order[];
  loading: boolean;
  error: string | null;
  /** The session was deleted (here or elsewhere). */
  gone: boolean;
  loadEarlier(): Promise<void>;
  refresh(): Promise<void>;
}

/** The newest page replaces what it covers; older messages loaded earlier stay before it. */
export function mergeLatest(previous: Message[], latest: Message[]): Message[] {
  const first = latest[0];
  if (!first) return latest;
  const older = previous.filter(
    (m) => m.createdAt < first.createdAt || (m.createdAt === first.createdAt && m.id < first.id),
  );
  const seen = new Set(latest.map((m) => m.id));
  return [...older.filter((m) => !seen.has(m.id)), ...latest];
}

export function useConversation(sessionId: string | null): Conversation {
  const [session, setSession] = useState<Session | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [product, setProduct] = useState<Product | null>(null);
  const [orders, setOrders] = useState<Order[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [gone, setGone] = useState(false);
  // The id the latest answers belong to: answers for a session no longer shown are dropped.
  const current = useRef(sessionId);
  current.current = sessionId;
  const loaded = useRef(0);
  loaded.current = messages.length;
  const olderLoaded = useRef(false);

  const refresh = useCallback(async () => {
    if (!sessionId) return;
    const limit = Math.min(MAX_PAGE, Math.max(PAGE, loaded.current));
    try {
      const [row, page] = await Promise.all([
        callBridge('sessions.get', { id: sessionId }),
        callBridge('messages.list', { sessionId, limit }),
      ]);
      if (current.current !== sessionId) return;
      setSession(row);
      setMessages((previous) => (olderLoaded.current ? mergeLatest(previous, page.items) : page.items));
      if (!olderLoaded.current) setHasMore(page.hasMore);
      setError(null);
      setGone(false);
    } catch (e) {
      if (current.current !== sessionId) return;
      setError(errorMessage(e));
    } finally {
      if (current.current === sessionId) setLoading(false);
    }
  }, [sessionId]);

  useEffect(() => {
    setSession(null);
    setMessages([]);
    setHasMore(false);
    setProduct(null);
    setOrders([]);
    setError(null);
    setGone(false);
    setLoading(true);
    olderLoaded.current = false;
    if (!sessionId) return;
    void refresh();
    callBridge('orders.forSession', { sessionId })
      .then((r) => current.current === sessionId && setOrders(r.items))
      // Extra details beside the conversation: without them it still shows; its own load reports failures.
      .catch(() => {});
  }, [sessionId, refresh]);

  // The product's details (price) once the session names it.
  const productId = session?.product.id;
  useEffect(() => {
    if (!productId) return;
    callBridge('products.get', { id: productId })
      .then((p) => current.current === sessionId && setProduct(p))
      // Extra details (the price): without them the conversation still shows; its own load reports failures.
      .catch(() => {});
  }, [productId, sessionId]);

  useBridgeEvent('sessions.changed', (change) => {
    if (!sessionId) return;
    if (change.deletedIds.includes(sessionId)) {
      setGone(true);
      return;
    }
    if (change.all || change.sessionIds.includes(sessionId)) void refresh();
  });

  const loadEarlier = useCallback(async () => {
    const first = messages[0];
    if (!sessionId || !first) return;
    try {
      const page = await callBridge('messages.list', { sessionId, before: first.id, limit: PAGE });
      if (current.current !== sessionId) return;
      olderLoaded.current = true;
      setMessages((previous) => {
        const seen = new Set(previous.map((m) => m.id));
        return [...page.items.filter((m) => !seen.has(m.id)), ...previous];
      });
      setHasMore(page.hasMore);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [messages, sessionId]);

  return { session, messages, hasMore, product, orders, loading, error, gone, loadEarlier, refresh };
}
