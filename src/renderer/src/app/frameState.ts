// What the frame keeps current from the core: the connection state (the 'sync.state' call, then its event) and the
// unread total of the "Chat Sessions" badge (the 'unread.total' call, then each 'sessions.changed' batch's
// unreadTotal, which the core recomputes from the cache on every read, delete and sync).
import type { SyncState } from '@shared/bridge.ts';
import { useEffect, useRef, useState } from 'react';
import { callBridge, useBridgeEvent } from '../bridge/bridgeHooks.ts';

export function useSyncState(): SyncState | null {
  const [state, setState] = useState<SyncState | null>(null);
  useEffect(() => {
    let alive = true;
    callBridge('sync.state', {})
      .then((s) => alive && setState(s))
      // Unanswered, the state stays unknown until the core's next 'sync.state' event, sent on every change.
      .catch(() => {});
    return () => {
      alive = false;
    };
  }, []);
  useBridgeEvent('sync.state', setState);
  return state;
}

export function useUnreadTotal(): number | null {
  const [total, setTotal] = useState<number | null>(null);
  // A batch that arrives while the first answer is on its way is newer: the answer must not overwrite it.
  const heard = useRef(false);
  useEffect(() => {
    let alive = true;
    callBridge('unread.total', {})
      .then(({ total: first }) => alive && !heard.current && setTotal(first))
      // Unanswered, the badge waits for the next 'sessions.changed' batch, which carries the total.
      .catch(() => {});
    return () => {
      alive = false;
    };
  }, []);
  useBridgeEvent('sessions.changed', (batch) => {
    heard.current = true;
    setTotal(batch.unreadTotal);
  });
  return total;
}
