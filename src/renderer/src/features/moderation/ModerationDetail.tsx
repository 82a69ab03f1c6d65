// The review queue's detail pane (B9): the item in its conversation (a few messages before and after), why it is
// there, the sender's sanctions (given from SanctionActions), and the decisions with their keys and reason presets.
import { Alert, Badge, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import type { SanctionCreateBody } from '@shared/api.ts';
import type { ModerationItemDetail } from '@shared/bridge.ts';
import type { Message, ModerationAction, ModerationItem, Sanction } from '@shared/domain.ts';
import { formatDateTime } from '@shared/relativeTime.ts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callBridge, errorMessage } from '../../bridge/bridgeHooks.ts';
import { showToast } from '../../ui/toast.ts';
import { shortcutOf, typingIn } from '../shortcuts/shortcuts.ts';
import { SanctionActions } from './SanctionActions.tsx';
import { NS } from './strings.ts';

export const REMOVE_PRESETS = ['contact', 'offPlatform', 'abuse', 'spam', 'scam'] as const;

export function Why({ item }: { item: ModerationItem }) {
  const { t } = useTranslation(NS);
  const categories = [...new Set(item.reports.map((r) => r.category))];
  return (
    <Group gap={4}>
      {item.flags.map((f) => (
        <Badge key={`f-${f}`} size="sm" variant="light" color="orange" tt="none">
          {t(`flags.${f}`)}
        </Badge>
      ))}
      {categories.map((c) => (
        <Badge key={`c-${c}`} size="sm" variant="light" color="red" tt="none">
          {t(`categories.${c}`)}
        </Badge>
      ))}
      {item.reasons.includes('escalated') && (
        <Badge size="sm" variant="light" color="grape" tt="none">
          {t('reasons.escalated')}
        </Badge>
      )}
    </Group>
  );
}

function Bubble({ message, current }: { message: Message; current?: boolean }) {
  const { t, i18n } = useTranslation(NS);
  return (
    <Paper
      withBorder
      p="xs"
      radius="md"
      bg={current ? 'var(--mantine-color-yellow-light)' : undefined}
      data-testid={current ? 'moderation-current-message' : 'moderation-context-message'}
    >
      <Group justify="space-between" gap="xs">
        <Text size="xs" fw={600} dir="auto">
          {message.senderName}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(message.createdAt, i18n.language)}
        </Text>
      </Group>
      <Text size="sm" dir="auto" td={message.removed ? 'line-through' : undefined} style={{ whiteSpace: 'pre-wrap' }}>
        {message.body}
      </Text>
      {message.removed && (
        <Text size="xs" c="red" data-testid="moderation-removed">
          {message.removedReason ? t('removed', { reason: message.removedReason }) : t('removedNoReason')}
        </Text>
      )}
    </Paper>
  );
}

function Sanctions({
  name,
  sanctions,
  actions,
}: {
  name: string;
  sanctions: Sanction[];
  /** Moderators and admins: warn, mute, ban (SanctionActions), lift a mute or ban in force. */
  actions?: { give(sanction: SanctionCreateBody, label: string): void; lift(id: string): void; pending: boolean };
}) {
  const { t, i18n } = useTranslation(NS);
  return (
    <Stack gap={4} data-testid="moderation-sanctions">
      <Text size="sm" fw={600} dir="auto">
        {t('sanctions', { name })}
      </Text>
      {sanctions.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('noSanctions')}
        </Text>
      )}
      {sanctions.map((s) => (
        <Group key={s.id} gap={6} data-testid="moderation-sanction">
          <Badge size="sm" color={s.kind === 'warn' ? 'yellow' : 'red'} variant={s.active ? 'filled' : 'light'}>
            {t(`sanctionKinds.${s.kind}`)}
          </Badge>
          <Text size="sm" dir="auto">
            {s.reason}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(s.startsAt, i18n.language)}
            {s.endsAt ? ` · ${t('until', { time: formatDateTime(s.endsAt, i18n.language) })}` : ''}
          </Text>
          {s.active && (
            <Badge size="xs" color="red" variant="outline">
              {t('sanctionActive')}
            </Badge>
          )}
          {s.active && actions && (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => actions.lift(s.id)}
              disabled={actions.pending}
              data-testid="moderation-lift"
            >
              {t('lift')}
            </Button>
          )}
        </Group>
      ))}
      {actions && <SanctionActions name={name} pending={actions.pending} onGive={actions.give} />}
    </Stack>
  );
}

export function Detail({
  detail,
  canDecide,
  role,
  pending,
  onDecide,
}: {
  detail: ModerationItemDetail;
  canDecide: boolean;
  role: string;
  pending: boolean;
  onDecide(action: ModerationAction, reason?: string): void;
}) {
  const { t } = useTranslation(NS);
  const { item } = detail;
  const [preset, setPreset] = useState<string>(REMOVE_PRESETS[0]);
  const reasonText = t(`presets.${preset}`);
  const removed = item.message.removed === true;
  const [sanctioning, setSanctioning] = useState(false);
  /** A sanction or its lifting goes through the core's outbox; the pane reloads when the feed brings it. */
  const sanction = async (run: () => Promise<unknown>, what: string) => {
    setSanctioning(true);
    try {
      await run();
      showToast('teal', t('queued', { action: what }));
    } catch (error) {
      showToast('red', errorMessage(error));
    } finally {
      setSanctioning(false);
    }
  };
  // Single keys on the item in view (the shortcut table says which), unless typing in a field or a dialog is open.
  const latest = useRef({ canDecide, pending, removed, reasonText, onDecide });
  latest.current = { canDecide, pending, removed, reasonText, onDecide };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = latest.current;
      if (!s.canDecide || s.pending || typingIn(e.target) || document.querySelector('[role="dialog"]')) return;
      const id = shortcutOf(e, ['moderationDismiss', 'moderationRemove', 'moderationRestore'] as const);
      if (!id) return;
      e.preventDefault();
      if (id === 'moderationDismiss' && !s.removed) s.onDecide('dismiss');
      else if (id === 'moderationRemove' && !s.removed) s.onDecide('remove', s.reasonText);
      else if (id === 'moderationRestore' && s.removed) s.onDecide('restore');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const reports = item.reports.filter((r) => r.note);
  return (
    <Stack gap="sm" data-testid="moderation-detail" data-item-id={item.id}>
      <Text size="sm" c="dimmed" dir="auto">
        {t('product')}: {item.session.product.name} · {t('customer')}: {item.session.customer.name} · {t('seller')}:{' '}
        {item.session.seller.name}
      </Text>
      <Why item={item} />
      {reports.map((r) => (
        <Text key={r.at} size="sm" dir="auto" fs="italic">
          {t(`categories.${r.category}`)}: {t('reportNote', { note: r.note })}
        </Text>
      ))}
      <Text size="sm" fw={600}>
        {t('conversation')}
      </Text>
      <Stack gap={6}>
        {detail.before.map((m) => (
          <Bubble key={m.id} message={m} />
        ))}
        <Bubble message={item.message} current />
        {detail.after.map((m) => (
          <Bubble key={m.id} message={m} />
        ))}
      </Stack>
      {item.decision && (
        <Text size="xs" c="dimmed" data-testid="moderation-last-decision">
          {t('decision', { action: t(`actions.${item.decision.action}`), staff: item.decision.staff?.name ?? '—' })}
        </Text>
      )}
      {item.message.senderRole !== 'staff' && (
        <Sanctions
          name={item.message.senderName}
          sanctions={detail.sanctions}
          {...(canDecide
            ? {
                actions: {
                  pending: sanctioning,
                  give: (body: SanctionCreateBody, label: string) =>
                    void sanction(
                      () => callBridge('moderation.sanction', { userId: item.message.senderId, sanction: body }),
                      label,
                    ),
                  lift: (id: string) => void sanction(() => callBridge('moderation.liftSanction', { id }), t('lift')),
                },
              }
            : {})}
        />
      )}
      {canDecide ? (
        <Stack gap="xs">
          {!removed && (
            <Select
              label={t('removeReason')}
              data={REMOVE_PRESETS.map((p) => ({ value: p, label: t(`presets.${p}`) }))}
              value={preset}
              onChange={(v) => v && setPreset(v)}
              allowDeselect={false}
              data-testid="moderation-reason"
            />
          )}
          <Group gap="xs">
            {removed ? (
              <Button
                variant="light"
                onClick={() => onDecide('restore')}
                loading={pending}
                rightSection={<Kbd k="U" />}
                data-testid="moderation-restore"
              >
                {t('actions.restore')}
              </Button>
            ) : (
              <>
                <Button
                  variant="default"
                  onClick={() => onDecide('dismiss')}
                  loading={pending}
                  rightSection={<Kbd k="D" />}
                  data-testid="moderation-dismiss"
                >
                  {t('actions.dismiss')}
                </Button>
                <Button
                  color="red"
                  onClick={() => onDecide('remove', reasonText)}
                  loading={pending}
                  rightSection={<Kbd k="X" />}
                  data-testid="moderation-remove"
                >
                  {t('actions.remove')}
                </Button>
              </>
            )}
          </Group>
        </Stack>
      ) : (
        <Alert color="gray" data-testid="moderation-read-only">
          {t('readOnly', { role })}
        </Alert>
      )}
    </Stack>
  );
}

function Kbd({ k }: { k: string }) {
  return (
    <Text span size="xs" ff="monospace" opacity={0.7} aria-hidden>
      {k}
    </Text>
  );
}
