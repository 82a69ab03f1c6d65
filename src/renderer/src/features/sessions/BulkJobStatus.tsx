// What a bulk job shows in its notification (F8): how many of the matching sessions are done with a progress bar
// and Cancel while it runs; then what it did, where it stopped when cancelled or interrupted (and how many are still
// on their way), or why it failed.
import { Alert, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { BulkJobProgress } from '@shared/bridge.ts';
import i18next from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callBridge, errorMessage } from '../../bridge/bridgeHooks.ts';
import { ProgressWithCancel } from '../../ui/ProgressWithCancel.tsx';
import { useBulkJobs } from './bulkJobStore.ts';
import { bulkJobTexts } from './bulkWorkflowStrings.ts';
import { NS } from './strings.ts';

const notificationId = (jobId: string) => `bulk-${jobId}`;

/** The keys of a job's title and of what it did (B10's workflow actions have their own). */
function textsOf(action: BulkJobProgress['action']): { title: string; done: string } {
  return (
    bulkJobTexts(action) ??
    (action === 'markRead'
      ? { title: 'bulkJob.titleRead', done: 'bulkJob.doneRead' }
      : { title: 'bulkJob.titleDelete', done: 'bulkJob.doneDelete' })
  );
}

export function BulkJobStatus({ jobId }: { jobId: string }) {
  const { t, i18n } = useTranslation(NS);
  const job = useBulkJobs((s) => s.jobs[jobId]);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  if (!job) return null;
  const number = (n: number) => n.toLocaleString(i18n.language === 'ar' ? 'ar' : 'en');
  const counts = {
    done: number(job.done),
    total: number(job.total),
    // Handed to the outbox, not yet taken by the backend: they still land.
    pending: number(job.queued - job.done),
  };

  const cancel = () => {
    setCancelling(true);
    setCancelError(null);
    callBridge('bulk.cancel', { jobId })
      .then((progress) => useBulkJobs.getState().put(progress))
      .catch((error: unknown) => setCancelError(errorMessage(error)))
      .finally(() => setCancelling(false));
  };

  return (
    <Stack gap={6} data-testid="bulk-job-status" data-state={job.state} data-done={job.done} data-total={job.total}>
      {job.state === 'running' && (
        <>
          <Text size="sm">{t('bulkJob.running', counts)}</Text>
          <ProgressWithCancel
            value={job.total > 0 ? (100 * job.done) / job.total : 0}
            label={t(textsOf(job.action).title)}
            cancelLabel={t('cancel')}
            cancelling={cancelling}
            onCancel={cancel}
          />
        </>
      )}
      {job.state === 'done' && <Text size="sm">{t(textsOf(job.action).done, counts)}</Text>}
      {job.state === 'cancelled' && (
        <Text size="sm">{t(job.queued > job.done ? 'bulkJob.cancelledPending' : 'bulkJob.cancelled', counts)}</Text>
      )}
      {job.state === 'interrupted' && (
        <Text size="sm">{t(job.queued > job.done ? 'bulkJob.interrupted' : 'bulkJob.cancelled', counts)}</Text>
      )}
      {job.state === 'failed' && (
        <Alert color="red" variant="light" p="xs" role="alert">
          {t('bulkJob.failed', { ...counts, message: job.error?.message ?? '' })}
        </Alert>
      )}
      {cancelError && (
        <Text size="xs" c="red" role="alert">
          {cancelError}
        </Text>
      )}
    </Stack>
  );
}

/** Shows a job in its notification; once it ends, the notification closes by itself after a while. */
export function showBulkJob(progress: BulkJobProgress): void {
  useBulkJobs.getState().put(progress);
  const id = notificationId(progress.jobId);
  const title = i18next.t(textsOf(progress.action).title, { ns: NS });
  const closeButtonProps = { 'aria-label': i18next.t('close', { ns: NS }) };
  notifications.show({
    id,
    title,
    message: <BulkJobStatus jobId={progress.jobId} />,
    autoClose: false,
    withCloseButton: true,
    closeButtonProps,
  });
  let stop: (() => void) | null = null;
  const check = (state: ReturnType<typeof useBulkJobs.getState>) => {
    const job = state.jobs[progress.jobId];
    if (!job || job.state === 'running' || !stop) return;
    stop();
    stop = null;
    notifications.update({
      id,
      title,
      color: job.state === 'failed' ? 'red' : job.state === 'done' ? 'green' : undefined,
      message: <BulkJobStatus jobId={progress.jobId} />,
      // Stays while something failed or is still on its way (its count keeps following), else closes by itself.
      autoClose: job.state === 'failed' || job.queued > job.done ? false : 6000,
      withCloseButton: true,
      closeButtonProps,
    });
  };
  stop = useBulkJobs.subscribe(check);
  check(useBulkJobs.getState());
}
