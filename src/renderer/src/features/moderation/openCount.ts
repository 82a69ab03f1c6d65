// The review queue's open count (B9), the Moderation section's badge: asked of the core at first, again each time
// a batch of the feed says the queue changed, and when the desk is back online. Null while unknown (offline at
// first, or not permitted).
import { useCallback, useEffect, useRef, useState } from 'react';
import { callBridge, useBridgeEvent } from '../../bridge/bridgeHooks.ts';

export function useModerationOpenCount(enabled: boolean): number | null {
  const [count, setCount] = useState<number | null>(null);
  const latest = useRef(0);
  const ask = useCallback(() => {
    const mine = ++latest.current;
    callBridge('moderation.counts', {})
      .then(({ open }) => mine === latest.current && setCount(open))
      // Offline or refused: the badge keeps what it showed; the next change in the queue asks again.
      .catch(() => {});
  }, []);
  useEffect(() => {
    if (enabled) ask();
  }, [enabled, ask]);
  useBridgeEvent('sessions.changed', (changes) => {
    if (enabled && (changes.moderationChanged || changes.all)) ask();
  });
  const lastStatus = useRef<string | null>(null);
  useBridgeEvent('sync.state', (state) => {
    const was = lastStatus.current;
    lastStatus.current = state.status;
    if (enabled && state.status === 'online' && was !== 'online') ask();
  });
  return enabled ? count : null;
}
