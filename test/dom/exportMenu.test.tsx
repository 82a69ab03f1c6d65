// The Export menu (F8, D6) on a fake bridge: the core's answers and `export.progress` events are played by the
// test (the real export is exercised by test/integration/export). Mantine's notifications are mounted as the app
// mounts them.
import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setBridge } from '../../src/renderer/src/bridge/index.ts';
import { resetExports } from '../../src/renderer/src/features/export/exportStore.ts';
import { ExportMenu } from '../../src/renderer/src/features/export/index.ts';
import { exportStrings } from '../../src/renderer/src/features/export/strings.ts';
import { initI18n } from '../../src/renderer/src/i18n/index.ts';
import type { AppInfo, ExportProgress } from '../../src/shared/bridge.ts';
import { appInfo, createFakeBridge, type FakeBridge, refused } from './fakeBridge.tsx';

const ID = '7d3c1a52-5a41-4e7c-9a35-3a3f0c8a1b11';

function info(edition: 'desktop' | 'web'): AppInfo {
  return appInfo({ version: '0.0.0', edition, systemLocale: 'en', defaultBackendUrl: null });
}

function progress(patch: Partial<ExportProgress> = {}): ExportProgress {
  return {
    exportId: 'e1',
    state: 'running',
    written: 0,
    total: 1200,
    filePath: '/home/mona/Documents/chat-sessions.xlsx',
    error: null,
    ...patch,
  };
}

function setup(edition: 'desktop' | 'web', locale: 'en' | 'ar' = 'en'): FakeBridge {
  const bridge = createFakeBridge();
  bridge.handle('app.info', () => info(edition));
  bridge.handle('export.start', () => progress());
  bridge.handle('export.cancel', () => progress({ state: 'cancelled', filePath: null, written: 300 }));
  bridge.handle('export.open', () => ({}));
  setBridge(bridge);
  initI18n(locale);
  render(
    <MantineProvider>
      <Notifications />
      <ExportMenu target={{ ids: [ID] }} sort="product" order="asc" />
    </MantineProvider>,
  );
  return bridge;
}

async function choose(label: string) {
  const button = screen.getByRole('button', { name: /Export|تصدير/ }) as HTMLButtonElement;
  await waitFor(() => expect(button.disabled).toBe(false));
  fireEvent.click(button);
  // The dropdown fades in; happy-dom may still count it hidden when it is clicked.
  fireEvent.click(await screen.findByRole('menuitem', { name: label, hidden: true }));
}

beforeEach(() => resetExports());
afterEach(() => {
  act(() => notifications.clean());
});

describe('Export menu', () => {
  it('starts an XLSX export of the target in the grid order and the interface language, then follows it', async () => {
    const bridge = setup('desktop');
    await choose('Excel (XLSX)');
    await waitFor(() => expect(bridge.callsOf('export.start')).toHaveLength(1));
    expect(bridge.callsOf('export.start')[0]).toEqual({
      target: { ids: [ID] },
      format: 'xlsx',
      locale: 'en',
      sort: 'product',
      order: 'asc',
    });
    expect(await screen.findByText('Exporting: 0 of 1,200')).toBeTruthy();
    act(() => bridge.emit('export.progress', progress({ written: 600 })));
    expect(await screen.findByText('Exporting: 600 of 1,200')).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50');

    act(() => bridge.emit('export.progress', progress({ state: 'done', written: 1200 })));
    expect(
      await screen.findByText('Sessions exported: 1,200, saved as \u2068/home/mona/Documents/chat-sessions.xlsx\u2069'),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open file' }));
    fireEvent.click(screen.getByRole('button', { name: 'Show in folder' }));
    await waitFor(() => expect(bridge.callsOf('export.open')).toHaveLength(2));
    expect(bridge.callsOf('export.open')).toEqual([
      { exportId: 'e1', reveal: false },
      { exportId: 'e1', reveal: true },
    ]);
    // The notification outlives a switch of language: its title and its text both follow.
    const notice = document.querySelector('.mantine-Notification-root') as HTMLElement;
    expect(within(notice).getByText(exportStrings.en.title)).toBeTruthy();
    await act(() => i18next.changeLanguage('ar'));
    await waitFor(() => expect(within(notice).getByText(exportStrings.ar.title)).toBeTruthy());
    expect(within(notice).queryByText(exportStrings.en.title)).toBeNull();
  });

  it('cancels a running export and says nothing was saved', async () => {
    const bridge = setup('desktop');
    await choose('CSV');
    await waitFor(() => expect(bridge.callsOf('export.start')).toHaveLength(1));
    expect((bridge.callsOf('export.start')[0] as { format: string }).format).toBe('csv');
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(bridge.callsOf('export.cancel')).toEqual([{ exportId: 'e1' }]));
    expect(await screen.findByText('Export cancelled: nothing was saved')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('shows a full disk or an unwritable folder clearly, in Arabic too', async () => {
    const bridge = setup('desktop', 'ar');
    await choose('Excel (XLSX)');
    await waitFor(() => expect(bridge.callsOf('export.start')).toHaveLength(1));
    expect((bridge.callsOf('export.start')[0] as { locale: string }).locale).toBe('ar');
    act(() =>
      bridge.emit(
        'export.progress',
        progress({
          state: 'failed',
          filePath: null,
          error: { code: 'disk_full', message: 'The disk is full: the export could not be written to /media/usb' },
        }),
      ),
    );
    const alert = await screen.findByText(/القرص ممتلئ/);
    expect(alert.closest('[role="alert"]')).not.toBeNull();
    expect(alert.textContent).toContain('فشل التصدير');
    expect(alert.textContent).toContain('/media/usb');
  });

  it('says nothing when the save dialog is closed, and shows a refusal of the core', async () => {
    const bridge = setup('desktop');
    bridge.handle('export.start', () => progress({ state: 'cancelled', filePath: null, total: 0 }));
    await choose('CSV');
    await waitFor(() => expect(bridge.callsOf('export.start')).toHaveLength(1));
    await act(async () => {});
    expect(screen.queryByTestId('export-status')).toBeNull();

    bridge.handle('export.start', () => refused('forbidden', 'The role agent may not export sessions'));
    await choose('CSV');
    expect(await screen.findByText('The export failed: The role agent may not export sessions')).toBeTruthy();
  });

  it('in the web edition, offers the finished file as a download that carries the host secret', async () => {
    sessionStorage.setItem('chatdesk.secret', 's3cret');
    const bridge = setup('web');
    const clicked: string[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this.getAttribute('href') ?? '');
    };
    try {
      await choose('Excel (XLSX)');
      await waitFor(() => expect(bridge.callsOf('export.start')).toHaveLength(1));
      act(() =>
        bridge.emit(
          'export.progress',
          progress({ state: 'done', written: 1200, filePath: '/srv/desk/exports/chat-sessions 1.xlsx' }),
        ),
      );
      const link = await screen.findByRole('link', { name: 'Download' });
      expect(link.getAttribute('href')).toBe('/exports/chat-sessions%201.xlsx?secret=s3cret');
      expect(link.getAttribute('download')).toBe('chat-sessions 1.xlsx');
      expect(clicked).toEqual(['/exports/chat-sessions%201.xlsx?secret=s3cret']);
      expect(screen.queryByRole('button', { name: 'Open file' })).toBeNull();
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
  });
});
