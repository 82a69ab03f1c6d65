// B9 in the conversation pane and the message page: a removed message is struck through with the moderator's
// reason (staff still read it; the participants read a placeholder) and moderators and admins restore it from there;
// a participant's mute or ban in force is shown beside their name ("Muted until 14:30").
import { Badge, Button, Group, Text, Tooltip } from '@mantine/core';
import type { Message, Sanction, Session } from '@shared/domain.ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callBridge, errorMessage, hasPermission, useAccount, useBridgeEvent } from '../../bridge/bridgeHooks.ts';
import { showToast } from '../../ui/toast.ts';
import { NS } from './strings.ts';

/** The time a sanction ends: the time of day when it is today, else the date too. */
export function untilText(instant: string, locale: string, now: Date = new Date()): string {
  const at = new Date(instant);
  const sameDay = at.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(locale, {
    ...(sameDay ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

/** Under a removed message: why it was removed, and Restore for those who decide on the review queue. */
export function RemovedNote({ message }: { message: Message }) {
  const { t } = useTranslation(NS);
  const account = useAccount();
  const [busy, setBusy] = useState(false);
  if (!message.removed) return null;
  const canRestore = hasPermission(account, 'moderation.decide');
  const restore = async () => {
    setBusy(true);
    try {
      await callBridge('moderation.restoreMessage', { messageId: message.id });
      showToast('teal', t('moderation.restoreQueued'));
    } catch (error) {
      showToast('red', errorMessage(error));
      setBusy(false);
    }
  };
  return (
    <Group gap="xs" mt={4} wrap="wrap" data-testid="message-removed">
      <Tooltip label={t('moderation.hiddenFromParticipants')}>
        <Text size="xs" c="red" fw={500}>
          {message.removedReason
            ? t('moderation.removed', { reason: message.removedReason })
            : t('moderation.removedNoReason')}
        </Text>
      </Tooltip>
      {canRestore && (
        <Button
          size="compact-xs"
          variant="light"
          loading={busy}
          onClick={() => void restore()}
          data-testid="message-restore"
        >
          {t('moderation.restore')}
        </Button>
      )}
    </Group>
  );
}

/** The body's style: struck through once removed. */
export const removedStyle = (message: Message) =>
  message.removed ? { textDecoration: 'line-through', opacity: 0.7 } : undefined;

/** Mutes and bans in force for the session's customer and seller, asked again when the feed says sanctions changed. */
export function useActiveSanctions(session: Pick<Session, 'customer' | 'seller'> | null): Map<string, Sanction> {
  const [byUser, setByUser] = useState<Map<string, Sanction>>(new Map());
  const customer = session?.customer.id;
  const seller = session?.seller.id;
  const latest = useRef(0);
  const ask = useCallback(() => {
    if (!customer || !seller) return;
    const mine = ++latest.current;
    callBridge('moderation.activeSanctions', { userIds: [customer, seller] })
      .then(({ items }) => {
        if (mine !== latest.current) return;
        const next = new Map<string, Sanction>();
        // The longest-lasting first for each participant (the core's order).
        for (const s of items) if (!next.has(s.userId)) next.set(s.userId, s);
        setByUser(next);
      })
      // Without an answer the names show no sanction, as before.
      .catch(() => {});
  }, [customer, seller]);
  useEffect(() => {
    setByUser(new Map());
    ask();
  }, [ask]);
  useBridgeEvent('sessions.changed', (changes) => {
    if (changes.moderationChanged || changes.all) ask();
  });
  // A mute ends by itself: the badge goes when its time comes.
  useEffect(() => {
    const ends = [...byUser.values()].flatMap((s) => (s.endsAt ? [Date.parse(s.endsAt)] : []));
    if (ends.length === 0) return;
    const wait = Math.min(...ends) - Date.now();
    const timer = setTimeout(ask, Math.max(1000, Math.min(wait + 500, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [byUser, ask]);
  return byUser;
}

/** "Muted until 14:30", "Banned until 12 Dec, 09:00", "Banned until lifted", with the reason on hover. */
export function SanctionBadge({ sanction }: { sanction: Sanction | undefined }) {
  const { t, i18n } = useTranslation(NS);
  if (!sanction) return null;
  const locale = i18n.language || 'en';
  const label =
    sanction.kind === 'mute'
      ? t('moderation.muted', { time: sanction.endsAt ? untilText(sanction.endsAt, locale) : '—' })
      : sanction.endsAt
        ? t('moderation.banned', { time: untilText(sanction.endsAt, locale) })
        : t('moderation.bannedUntilLifted');
  return (
    <Tooltip label={t('moderation.sanctionReason', { reason: sanction.reason })}>
      <Badge
        size="sm"
        color={sanction.kind === 'ban' ? 'red' : 'orange'}
        variant="light"
        tt="none"
        data-testid="participant-sanction"
        data-kind={sanction.kind}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}
