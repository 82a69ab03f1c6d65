// The connection state, always visible in the frame's header (D1): online, syncing with its progress, offline since
// when (a relative time that keeps itself current), and the staff actions still waiting for the backend (B1).
import { Badge, Group, Progress, Text, Tooltip } from '@mantine/core';
import type { SyncState } from '@shared/bridge.ts';
import { refreshDelayMs, relativeTime } from '@shared/relativeTime.ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NS } from './strings.ts';

const COLOR: Record<SyncState['status'], string> = {
  online: 'green',
  syncing: 'blue',
  connecting: 'blue',
  offline: 'red',
  signedOut: 'gray',
};

/** Re-renders when a relative time can change its text. */
function useTicking(instant: string | null): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!instant) return;
    const timer = setTimeout(() => setTick((n) => n + 1), refreshDelayMs(instant));
    return () => clearTimeout(timer);
  });
}

export function connectionText(
  state: SyncState,
  t: (key: string, values?: Record<string, unknown>) => string,
  locale: string,
): string {
  switch (state.status) {
    case 'online':
      return t('connection.online');
    case 'connecting':
      return t('connection.connecting');
    case 'syncing':
      return state.progress === null
        ? t('connection.syncing')
        : t('connection.syncingProgress', { percent: Math.floor(state.progress * 100) });
    case 'offline':
      if (!state.offlineSince) return t('connection.offline');
      // Under a minute the relative time is "now", which reads badly after "since".
      return Date.now() - new Date(state.offlineSince).getTime() < 45_000
        ? t('connection.offlineJustNow')
        : t('connection.offlineSince', { since: relativeTime(state.offlineSince, locale) });
    case 'signedOut':
      return t('connection.signedOut');
  }
}

export function ConnectionStatus({ state }: { state: SyncState | null }) {
  const { t, i18n } = useTranslation(NS);
  const locale = i18n.language || 'en';
  useTicking(state?.status === 'offline' ? state.offlineSince : (state?.lastSyncedAt ?? null));
  if (!state) return null;
  const text = connectionText(state, (key, values) => t(key, values ?? {}), locale);
  const tip = state.lastSyncedAt
    ? t('connection.lastSynced', { when: relativeTime(state.lastSyncedAt, locale) })
    : text;
  return (
    <Group
      gap="xs"
      wrap="nowrap"
      role="status"
      aria-label={t('connection.label')}
      data-testid="connection-state"
      data-status={state.status}
    >
      <Tooltip label={tip}>
        <Badge color={COLOR[state.status]} variant="dot" size="lg" tt="none" data-testid="connection-text">
          {text}
        </Badge>
      </Tooltip>
      {state.status === 'syncing' && state.progress !== null && (
        <Progress value={state.progress * 100} w={80} size="sm" aria-label={text} data-testid="sync-progress" />
      )}
      {state.pendingActions > 0 && (
        <Text size="sm" c="orange" data-testid="pending-actions">
          {t('connection.pending', { count: state.pendingActions })}
        </Text>
      )}
    </Group>
  );
}
