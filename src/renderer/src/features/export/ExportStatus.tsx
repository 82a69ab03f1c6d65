// What an export shows while it runs and once it ends (inside its notification): progress with Cancel; then
// "Open file" / "Show in folder" (desktop) or the download (web); or why it failed, in the interface language.
import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import type { ExportProgress } from '@shared/bridge.ts';
import { IconDownload, IconFile, IconFolderOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callBridge, errorMessage } from '../../bridge/bridgeHooks.ts';
import { ProgressWithCancel } from '../../ui/ProgressWithCancel.tsx';
import { downloadUrl, fileName } from './download.ts';
import { useExports } from './exportStore.ts';
import { NS } from './strings.ts';

const KNOWN_ERRORS = new Set(['disk_full', 'not_writable', 'folder_missing', 'forbidden', 'cache_missing']);

export function useExportErrorText(): (error: { code: string; message: string }) => string {
  const { t } = useTranslation(NS);
  return (error) => (KNOWN_ERRORS.has(error.code) ? `${t(`errors.${error.code}`)} (${error.message})` : error.message);
}

export function ExportStatus({ exportId }: { exportId: string }) {
  const { t, i18n } = useTranslation(NS);
  const entry = useExports((s) => s.exports[exportId]);
  const errorText = useExportErrorText();
  const [actionError, setActionError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  if (!entry) return null;
  const { progress, edition } = entry;
  const number = (n: number) => n.toLocaleString(i18n.language === 'ar' ? 'ar' : 'en');

  const act = (promise: Promise<unknown>) => {
    setActionError(null);
    promise.catch((error: unknown) => setActionError(errorMessage(error)));
  };
  const cancel = () => {
    setCancelling(true);
    act(
      callBridge('export.cancel', { exportId })
        .then((p) => useExports.getState().put(p))
        .finally(() => setCancelling(false)),
    );
  };

  return (
    <Stack gap={6} data-testid="export-status" data-state={progress.state}>
      <StatusLine progress={progress} edition={edition} number={number} errorText={errorText} />
      {progress.state === 'running' && (
        <ProgressWithCancel
          value={progress.total > 0 ? (100 * progress.written) / progress.total : 0}
          label={t('title')}
          cancelLabel={t('cancel')}
          cancelling={cancelling}
          onCancel={cancel}
        />
      )}
      {progress.state === 'done' && progress.filePath && edition === 'desktop' && (
        <Group gap="xs">
          <Button
            size="xs"
            leftSection={<IconFile size={14} />}
            onClick={() => act(callBridge('export.open', { exportId, reveal: false }))}
          >
            {t('openFile')}
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconFolderOpen size={14} />}
            onClick={() => act(callBridge('export.open', { exportId, reveal: true }))}
          >
            {t('showInFolder')}
          </Button>
        </Group>
      )}
      {progress.state === 'done' && progress.filePath && edition === 'web' && (
        <Anchor href={downloadUrl(progress.filePath)} download={fileName(progress.filePath)} size="sm">
          <Group gap={4} component="span">
            <IconDownload size={14} />
            {t('download')}
          </Group>
        </Anchor>
      )}
      {actionError && (
        <Text size="xs" c="red" role="alert">
          {actionError}
        </Text>
      )}
    </Stack>
  );
}

function StatusLine(props: {
  progress: ExportProgress;
  edition: string;
  number: (n: number) => string;
  errorText: (error: { code: string; message: string }) => string;
}) {
  const { t } = useTranslation(NS);
  const { progress, number } = props;
  switch (progress.state) {
    case 'running':
      return (
        <Text size="sm">
          {progress.total > 0
            ? t('running', { written: number(progress.written), total: number(progress.total) })
            : t('starting')}
        </Text>
      );
    case 'done':
      return (
        <Text size="sm">
          {t(props.edition === 'web' ? 'doneWeb' : 'done', {
            total: number(progress.total),
            // Isolated, so a left-to-right path keeps its shape inside an Arabic sentence.
            name: `\u2068${progress.filePath ? (props.edition === 'web' ? fileName(progress.filePath) : progress.filePath) : ''}\u2069`,
          })}
        </Text>
      );
    case 'cancelled':
      return <Text size="sm">{t('cancelled')}</Text>;
    case 'failed':
      return (
        <Alert color="red" variant="light" p="xs" role="alert">
          {t('failed', { message: progress.error ? props.errorText(progress.error) : '' })}
        </Alert>
      );
  }
}
