// Bulk actions on the checked rows (F8): mark all their messages read, delete them (confirmation with the count),
// export them (the export feature's menu, in its slot). "Select all matching" makes them name the filter instead of
// ids, so a million matching sessions is one request; delete and mark-read then send the count the person confirmed
// in the dialog, and a refusal because the search now matches more shows the new count to confirm again. Over more
// sessions than one request names, the action runs as a job in parts, with progress and Cancel in a notification.
// B10's assign, resolve, reopen and snooze sit beside them (BulkWorkflowActions.tsx).
import { Button, Group, Paper, Text } from '@mantine/core';
import { MAX_BULK_IDS } from '@shared/bulkLimits.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../app/navigation.ts';
import { BridgeError, callBridge, errorMessage, hasPermission, useAccount } from '../../bridge/bridgeHooks.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { showBulkJob } from './BulkJobStatus.tsx';
import { BulkWorkflowActions } from './BulkWorkflowActions.tsx';
import { anyBulkJobRunning, followBulkJobs, useBulkJobs } from './bulkJobStore.ts';
import { ExportSlot } from './ExportSlot.tsx';
import { bulkTarget, exportTarget, useSessionsStore } from './sessionsStore.ts';
import { NS } from './strings.ts';
import { toast } from './toast.ts';

interface Confirming {
  action: 'read' | 'delete';
  /** The count the dialog shows, sent as `confirmedCount` for "all matching". */
  count: number;
  /** When that count was taken. */
  asOf: string;
  /** The backend or the cache found more matches than were confirmed: the dialog says so. */
  changed: boolean;
}

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
  // The confirmation open, with the count it shows and when that count was taken: what an "all matching" action
  // sends, so it touches only what the person confirmed (the backend refuses when the filter now matches more).
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [busy, setBusy] = useState<'read' | 'delete' | null>(null);
  // One bulk job at a time from this window: its notification shows its progress and Cancel.
  const jobRunning = useBulkJobs(anyBulkJobRunning);

  const count = allMatching ? (total ?? 0) : selectedIds.length;
  if (count === 0 && !allMatching) return null;
  const forExport = exportTarget(useSessionsStore.getState());
  const ask = (action: Confirming['action']) =>
    setConfirming({ action, count, asOf: new Date().toISOString(), changed: false });

  const run = async (action: Confirming['action'], confirmed: { count: number; asOf: string }) => {
    const target = bulkTarget(useSessionsStore.getState(), confirmed);
    // Nothing matches any more ("all matching" after the matches were read or deleted elsewhere): nothing to do.
    if (!target) {
      setConfirming(null);
      return;
    }
    setBusy(action);
    try {
      if ('allMatching' in target && target.allMatching.confirmedCount > MAX_BULK_IDS) {
        // More than one request names: a job in parts, followed in its notification with progress and Cancel.
        followBulkJobs();
        const progress = await callBridge('bulk.start', { action: action === 'read' ? 'markRead' : 'delete', target });
        showBulkJob(progress);
        if (action === 'delete') {
          const { selectedSessionId, selectSession } = useNavigation.getState();
          if (selectedSessionId) selectSession(null);
          clearSelection();
        }
      } else if (action === 'read') {
        const { affected } = await callBridge('sessions.markRead', { target });
        toast('green', t('bulk.markedRead', { count: affected }));
      } else {
        const { affected } = await callBridge('sessions.deleteMany', { target });
        toast('green', t('bulk.deleted', { count: affected }));
        const { selectedSessionId, selectSession } = useNavigation.getState();
        if (selectedSessionId && (allMatching || selectedIds.includes(selectedSessionId))) selectSession(null);
        clearSelection();
      }
      setConfirming(null);
      onDone();
    } catch (error) {
      const now = error instanceof BridgeError ? error.info.currentCount : undefined;
      // The search matches more than was confirmed: show the new count and ask again.
      if (now !== undefined) setConfirming({ action, count: now, asOf: new Date().toISOString(), changed: true });
      else toast('red', t('failed', { message: errorMessage(error) }));
    } finally {
      setBusy(null);
    }
  };

  const markRead = () => (allMatching ? ask('read') : void run('read', { count, asOf: new Date().toISOString() }));
  const dialog = confirming?.action === 'read' ? 'confirmBulkRead' : 'confirmBulkDelete';
  const dialogCount = confirming?.count ?? count;

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
          <Button
            size="xs"
            variant="light"
            loading={busy === 'read'}
            disabled={count === 0 || jobRunning}
            title={jobRunning ? t('bulkJob.busy') : undefined}
            onClick={markRead}
          >
            {t('bulk.markRead')}
          </Button>
        )}
        {hasPermission(account, 'sessions.delete') && (
          <Button
            size="xs"
            variant="light"
            color="red"
            disabled={count === 0 || jobRunning}
            title={jobRunning ? t('bulkJob.busy') : undefined}
            onClick={() => ask('delete')}
          >
            {t('bulk.delete')}
          </Button>
        )}
        {account?.staff && hasPermission(account, 'sessions.triage') && (
          <BulkWorkflowActions count={count} me={account.staff} disabled={count === 0 || jobRunning} onDone={onDone} />
        )}
        {forExport && hasPermission(account, 'export') && <ExportSlot target={forExport} sort={sort} order={order} />}
        <Button size="xs" variant="subtle" color="gray" onClick={clearSelection} data-testid="clear-selection">
          {t('bulk.clear')}
        </Button>
      </Group>
      <ConfirmDialog
        opened={confirming !== null}
        title={t(`${dialog}.title`, { count: dialogCount })}
        body={
          (confirming?.changed ? `${t('confirmBulkChanged', { count: dialogCount })}\n\n` : '') +
          t(`${dialog}.body`, { count: dialogCount })
        }
        confirmLabel={t(`${dialog}.confirm`)}
        cancelLabel={t('cancel')}
        busy={busy !== null}
        onConfirm={() => confirming && void run(confirming.action, confirming)}
        onCancel={() => setConfirming(null)}
      />
    </Paper>
  );
}
