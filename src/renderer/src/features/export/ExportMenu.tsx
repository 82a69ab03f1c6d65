// The bulk bar's Export button (F8, D6): Excel (XLSX) or CSV of the checked rows, or of everything matching the
// search and filters, in the grid's sort. The core asks where to save (the native dialog on the desktop) and writes
// the file in a worker; this window follows it in a notification that outlives the menu.
import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ExportTarget, SessionSort, SortOrder } from '@shared/api.ts';
import type { ExportFormat, ExportProgress } from '@shared/bridge.ts';
import { IconChevronDown, IconFileExport, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/locale.ts';
import { callBridge, errorMessage } from '../../bridge/bridgeHooks.ts';
import { startDownload } from './download.ts';
import { ExportStatus } from './ExportStatus.tsx';
import { appEdition, followExportProgress, useExports } from './exportStore.ts';
import { NS } from './strings.ts';

export interface ExportMenuProps {
  target: ExportTarget;
  sort: SessionSort;
  order: SortOrder;
  /** The screen header's menu (everything matching the search and filters) names itself so; the bulk bar's does not. */
  allMatching?: boolean;
}

const notificationId = (exportId: string) => `export-${exportId}`;

/** The notification's title in the interface language of the moment: it outlives a switch of language. */
function ExportTitle() {
  const { t } = useTranslation(NS);
  return t('title');
}

/** Shows an export in its notification until the person closes it; a web export downloads once done. */
function follow(exportId: string, webEdition: boolean): void {
  const title = <ExportTitle />;
  notifications.show({
    id: notificationId(exportId),
    title,
    message: <ExportStatus exportId={exportId} />,
    autoClose: false,
    withCloseButton: true,
  });
  let finished = false;
  const check = (state: ReturnType<typeof useExports.getState>) => {
    const progress = state.exports[exportId]?.progress;
    if (finished || !progress || progress.state === 'running') return;
    finished = true;
    stop?.();
    if (progress.state === 'done' && webEdition && progress.filePath) startDownload(progress.filePath);
    if (progress.state === 'cancelled') {
      notifications.update({
        id: notificationId(exportId),
        title,
        message: <ExportStatus exportId={exportId} />,
        autoClose: 4000,
      });
    }
  };
  let stop: (() => void) | null = null;
  stop = useExports.subscribe(check);
  // It may have ended already (a small export is done before its start call returns).
  check(useExports.getState());
}

export function ExportMenu({ target, sort, order, allMatching = false }: ExportMenuProps) {
  const { t } = useTranslation(NS);
  const locale = useLocale();
  const [busy, setBusy] = useState(false);

  const start = async (format: ExportFormat) => {
    setBusy(true);
    try {
      followExportProgress();
      const where = await appEdition();
      const progress: ExportProgress = await callBridge('export.start', { target, format, locale, sort, order });
      // Closing the save dialog is not worth a message: nothing happened.
      if (progress.state === 'cancelled' && !progress.filePath && progress.written === 0 && !progress.error) return;
      useExports.getState().put(progress, where);
      follow(progress.exportId, where === 'web');
    } catch (error) {
      notifications.show({
        color: 'red',
        title: <ExportTitle />,
        message: t('failed', { message: errorMessage(error) }),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size={allMatching ? 'sm' : 'xs'}
          variant="default"
          leftSection={<IconFileExport size={14} />}
          rightSection={<IconChevronDown size={14} />}
          loading={busy}
          title={t(allMatching ? 'exportAllMatchingHint' : 'exportHint')}
          {...(allMatching ? { 'aria-label': t('exportAllMatching'), 'data-testid': 'export-all-matching' } : {})}
        >
          {t('export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconFileSpreadsheet size={14} />} onClick={() => void start('xlsx')}>
          {t('xlsx')}
        </Menu.Item>
        <Menu.Item leftSection={<IconFileTypeCsv size={14} />} onClick={() => void start('csv')}>
          {t('csv')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
