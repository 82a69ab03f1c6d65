// Bulk decisions on the checked items of the open review queue (B9): the bar says how many are checked and what each
// button does to them; Dismiss resolves them (the messages stay), Remove asks first, with the reason the participants
// will read. Each decision is queued through the core's outbox like a single one (offline, exactly once).
import { Button, Group, Modal, Paper, Select, Stack, Text } from '@mantine/core';
import type { ModerationAction, ModerationItem } from '@shared/domain.ts';
import { MODERATION_RESTORE_DAYS } from '@shared/domain.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callBridge, errorMessage } from '../../bridge/bridgeHooks.ts';
import { showToast } from '../../ui/toast.ts';
import { REMOVE_PRESETS } from './ModerationDetail.tsx';
import { NS } from './strings.ts';

export interface ModerationBulkBarProps {
  /** The checked items, in the queue's order. */
  items: ModerationItem[];
  /** The decisions were queued for these item ids (the rest failed and stay checked). */
  onDecided(action: ModerationAction, ids: string[]): void;
  onClear(): void;
}

/** Queues one decision per item; answers the ids queued and the first refusal, if any. */
export async function decideEach(
  items: ModerationItem[],
  action: 'dismiss' | 'remove',
  reason?: string,
): Promise<{ done: string[]; error: string | null }> {
  const done: string[] = [];
  let error: string | null = null;
  for (const item of items) {
    try {
      await callBridge('moderation.decide', { id: item.id, action, ...(reason ? { reason } : {}) });
      done.push(item.id);
    } catch (e) {
      error ??= errorMessage(e);
    }
  }
  return { done, error };
}

export function ModerationBulkBar({ items, onDecided, onClear }: ModerationBulkBarProps) {
  const { t } = useTranslation(NS);
  const [confirming, setConfirming] = useState(false);
  const [preset, setPreset] = useState<string>(REMOVE_PRESETS[0]);
  const [busy, setBusy] = useState(false);
  const count = items.length;
  if (count === 0) return null;

  const run = async (action: 'dismiss' | 'remove', reason?: string) => {
    setBusy(true);
    try {
      const { done, error } = await decideEach(items, action, reason);
      if (done.length > 0) {
        showToast('teal', t(action === 'dismiss' ? 'bulk.dismissed' : 'bulk.removed', { count: done.length }));
        onDecided(action, done);
      }
      if (error) showToast('red', t('bulk.failed', { count: count - done.length, error }));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <Paper withBorder p="xs" radius="md" data-testid="moderation-bulk-bar" data-count={count}>
      <Group gap="sm" justify="space-between">
        <Text size="sm" fw={600} data-testid="moderation-bulk-count">
          {t('bulk.checked', { count })}
        </Text>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            loading={busy && !confirming}
            onClick={() => void run('dismiss')}
            title={t('bulk.dismissHint', { count })}
            data-testid="moderation-bulk-dismiss"
          >
            {t('bulk.dismiss', { count })}
          </Button>
          <Button
            size="xs"
            color="red"
            disabled={busy}
            onClick={() => setConfirming(true)}
            data-testid="moderation-bulk-remove"
          >
            {t('bulk.remove', { count })}
          </Button>
          <Button size="xs" variant="subtle" disabled={busy} onClick={onClear} data-testid="moderation-bulk-clear">
            {t('bulk.clear')}
          </Button>
        </Group>
      </Group>
      <Modal
        opened={confirming}
        onClose={() => !busy && setConfirming(false)}
        title={t('bulk.confirmTitle', { count })}
        centered
        closeButtonProps={{ 'aria-label': t('bulk.cancel') }}
      >
        <Stack gap="sm" data-testid="moderation-bulk-confirm">
          <Text size="sm">{t('bulk.confirmBody', { count, days: MODERATION_RESTORE_DAYS })}</Text>
          <Select
            label={t('removeReason')}
            data={REMOVE_PRESETS.map((p) => ({ value: p, label: t(`presets.${p}`) }))}
            value={preset}
            onChange={(v) => v && setPreset(v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: false }}
            data-testid="moderation-bulk-reason"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} disabled={busy}>
              {t('bulk.cancel')}
            </Button>
            <Button
              color="red"
              loading={busy}
              onClick={() => void run('remove', t(`presets.${preset}`))}
              data-autofocus
              data-testid="moderation-bulk-remove-confirm"
            >
              {t('bulk.remove', { count })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
