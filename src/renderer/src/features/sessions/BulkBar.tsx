// Bulk actions on the checked rows (F8): mark all their messages read, delete them (confirmation with the count),
// export them (the export feature's menu, in its slot). "Select all matching" makes them name the query instead of
// ids, so a million matching sessions is one request.
import { Button, Group, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../app/navigation.ts';
import { callBridge, errorMessage, hasPermission, useAccount } from '../../bridge/bridgeHooks.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ExportSlot } from './ExportSlot.tsx';
import { bulkTarget, useSessionsStore } from './sessionsStore.ts';
import { NS } from './strings.ts';
import { toast } from './toast.ts';

export function BulkBar({ onDone }: { onDone(): void }) {
  const { t } = useTranslation(NS);
  const account = useAccount();
  const total = useSessionsStore((s) => s.total);
  const selectedIds = useSessionsStore((s) => s.selectedIds);
  const allMatching = useSessionsStore((s) => s.allMatching);
  const sort = useSessionsStore((s) => s.sort);
  const order = useSessionsStore((s) => s.order);
  const setAllMatching = useSessionsStore((s) => s.setAllMatching);
  const clearSelection = useSessionsStore((s) => s.clearSelection);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<'read' | 'delete' | null>(null);

  const count = allMatching ? (total ?? 0) : selectedIds.length;
  if (count === 0 && !allMatching) return null;
  const target = bulkTarget(useSessionsStore.getState());

  const markRead = async () => {
    if (!target) return;
    setBusy('read');
    try {
      const { affected } = await callBridge('sessions.markRead', { target });
      toast('green', t('bulk.markedRead', { count: affected }));
      onDone();
    } catch (error) {
      toast('red', t('failed', { message: errorMessage(error) }));
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    if (!target) return;
    setBusy('delete');
    try {
      const { affected } = await callBridge('sessions.deleteMany', { target });
      toast('green', t('bulk.deleted', { count: affected }));
      const { selectedSessionId, selectSession } = useNavigation.getState();
      if (selectedSessionId && (allMatching || selectedIds.includes(selectedSessionId))) selectSession(null);
      clearSelection();
      setConfirming(false);
      onDone();
    } catch (error) {
      toast('red', t('failed', { message: errorMessage(error) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Paper withBorder p="xs" radius="sm" data-testid="bulk-bar" data-count={count} data-all-matching={allMatching}>
      <Group gap="sm" wrap="wrap">
        <Text size="sm" fw={600} data-testid="bulk-count">
          {allMatching ? t('bulk.allMatching', { count }) : t('bulk.selected', { count })}
        </Text>
        {!allMatching && total !== null && total > selectedIds.length && (
          <Button size="xs" variant="subtle" onClick={() => setAllMatching(true)} data-testid="select-all-matching">
            {t('bulk.selectAllMatching', { count: total })}
          </Button>
        )}
        {hasPermission(account, 'messages.markRead') && (
          <Button size="xs" variant="light" loading={busy === 'read'} onClick={() => void markRead()}>
            {t('bulk.markRead')}
          </Button>
        )}
        {hasPermission(account, 'sessions.delete') && (
          <Button size="xs" variant="light" color="red" onClick={() => setConfirming(true)}>
            {t('bulk.delete')}
          </Button>
        )}
        {target && hasPermission(account, 'export') && <ExportSlot target={target} sort={sort} order={order} />}
        <Button size="xs" variant="subtle" color="gray" onClick={clearSelection} data-testid="clear-selection">
          {t('bulk.clear')}
        </Button>
      </Group>
      <ConfirmDialog
        opened={confirming}
        title={t('confirmBulkDelete.title', { count })}
        body={t('confirmBulkDelete.body', { count })}
        confirmLabel={t('confirmBulkDelete.confirm')}
        cancelLabel={t('cancel')}
        busy={busy === 'delete'}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      />
    </Paper>
  );
}
