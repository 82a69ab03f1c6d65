// The bulk bar's workflow actions (B10) on a fake bridge: snooze the checked sessions for an hour, until tomorrow
// 9:00, next week or a date (or wake them) through 'sessions.snooze'; over "all matching" beyond 1,000 sessions,
// assign, resolve, reopen and snooze start a bulk job ('bulk.start' with what they set) followed in its notification
// with progress; in Arabic too.
import { Notifications, notifications } from '@mantine/notifications';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BulkBar } from '../../src/renderer/src/features/sessions/BulkBar.tsx';
import { resetBulkJobs } from '../../src/renderer/src/features/sessions/bulkJobStore.ts';
import { noFilters, useSessionsStore } from '../../src/renderer/src/features/sessions/sessionsStore.ts';
import { snoozeUntil } from '../../src/renderer/src/features/sessions/workflow.ts';
import type { BulkJobProgress } from '../../src/shared/bridge.ts';
import { account, createFakeBridge, renderWithBridge } from './fakeBridge.tsx';

const IDS = ['0b9f6c1e-8f2a-4c55-9d7e-1a2b3c4d5e6f', '1c9f6c1e-8f2a-4c55-9d7e-1a2b3c4d5e6f'];

function workflowBridge() {
  const bridge = createFakeBridge();
  bridge.handle('account.state', () => account('agent'));
  bridge.handle('sessions.snooze', (input) => ({ affected: 'ids' in input.target ? input.target.ids.length : 0 }));
  bridge.handle('bulk.start', (input) => ({
    jobId: 'job-1',
    action: input.action,
    state: 'running',
    total: input.target.allMatching.confirmedCount,
    queued: 0,
    done: 0,
    error: null,
  }));
  return bridge;
}

beforeEach(() => {
  resetBulkJobs();
  useSessionsStore.setState({
    search: '',
    filters: { ...noFilters, status: 'open' },
    selectedIds: IDS,
    allMatching: false,
    total: 5_000,
  });
});
afterEach(async () => {
  act(() => notifications.clean());
  await act(() => i18next.changeLanguage('en'));
});

async function openSnooze() {
  fireEvent.click(await screen.findByTestId('bulk-snooze'));
}

describe('bulk workflow actions (B10) on a fake bridge', () => {
  it('snoozes the checked sessions until tomorrow 9:00, or wakes them, by id', async () => {
    const bridge = workflowBridge();
    renderWithBridge(
      bridge,
      <>
        <Notifications />
        <BulkBar onDone={() => {}} />
      </>,
    );
    await openSnooze();
    const before = snoozeUntil('tomorrow').toISOString();
    fireEvent.click(await screen.findByTestId('bulk-snooze-tomorrow'));
    await waitFor(() => expect(bridge.callsOf('sessions.snooze')).toHaveLength(1));
    expect(bridge.callsOf('sessions.snooze')[0]).toEqual({ target: { ids: IDS }, snoozedUntil: before });
    expect(await screen.findByText(/2 sessions snoozed until/)).toBeTruthy();
    await openSnooze();
    fireEvent.click(await screen.findByTestId('bulk-snooze-wake'));
    await waitFor(() => expect(bridge.callsOf('sessions.snooze')).toHaveLength(2));
    expect(bridge.callsOf('sessions.snooze')[1]).toEqual({ target: { ids: IDS }, snoozedUntil: null });
  });

  it('snoozes until a date picked in the dialog; a time gone by cannot be confirmed', async () => {
    const bridge = workflowBridge();
    renderWithBridge(
      bridge,
      <>
        <Notifications />
        <BulkBar onDone={() => {}} />
      </>,
    );
    await openSnooze();
    fireEvent.click(await screen.findByTestId('bulk-snooze-date'));
    const input = (await screen.findByTestId('bulk-snooze-date-input')) as HTMLInputElement;
    fireEvent.change(input, { target: { value: '2020-01-01T09:00' } });
    const confirm = screen.getByTestId('bulk-snooze-date-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(input, { target: { value: '2099-03-04T10:30' } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    await waitFor(() => expect(bridge.callsOf('sessions.snooze')).toHaveLength(1));
    expect(bridge.callsOf('sessions.snooze')[0]).toEqual({
      target: { ids: IDS },
      snoozedUntil: new Date('2099-03-04T10:30').toISOString(),
    });
  });

  it('over "all matching" beyond 1,000 sessions, each action starts a job with what it sets, followed with progress', async () => {
    useSessionsStore.setState({ allMatching: true });
    const bridge = workflowBridge();
    renderWithBridge(
      bridge,
      <>
        <Notifications />
        <BulkBar onDone={() => {}} />
      </>,
    );
    fireEvent.click(await screen.findByTestId('bulk-resolve'));
    await waitFor(() => expect(bridge.callsOf('bulk.start')).toHaveLength(1));
    const target = { allMatching: { filter: { status: 'open' }, confirmedCount: 5_000, asOf: expect.any(String) } };
    expect(bridge.callsOf('bulk.start')[0]).toEqual({ action: 'resolve', target });
    expect(await screen.findByText('Resolving chat sessions')).toBeTruthy();
    // The job's progress follows the core's reports; another action waits until it ends.
    const progress: BulkJobProgress = {
      jobId: 'job-1',
      action: 'resolve',
      state: 'running',
      total: 5_000,
      queued: 2_000,
      done: 1_000,
      error: null,
    };
    act(() => bridge.emit('bulk.progress', progress));
    expect(await screen.findByText('1,000 of 5,000 chat sessions done')).toBeTruthy();
    expect((screen.getByTestId('bulk-assign-me') as HTMLButtonElement).disabled).toBe(true);
    act(() => bridge.emit('bulk.progress', { ...progress, state: 'done', queued: 5_000, done: 5_000 }));
    expect(await screen.findByText('5,000 chat sessions resolved')).toBeTruthy();
    await waitFor(() => expect((screen.getByTestId('bulk-assign-me') as HTMLButtonElement).disabled).toBe(false));

    fireEvent.click(screen.getByTestId('bulk-assign-me'));
    await waitFor(() => expect(bridge.callsOf('bulk.start')).toHaveLength(2));
    expect(bridge.callsOf('bulk.start')[1]).toEqual({
      action: 'assign',
      target,
      assigneeId: account('agent').staff?.id,
    });
  });

  it('a snooze job over all matching names its time; the menu speaks Arabic', async () => {
    useSessionsStore.setState({ allMatching: true });
    const bridge = workflowBridge();
    renderWithBridge(
      bridge,
      <>
        <Notifications />
        <BulkBar onDone={() => {}} />
      </>,
    );
    await act(() => i18next.changeLanguage('ar'));
    fireEvent.click(await screen.findByRole('button', { name: 'تأجيل' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'لمدة ساعة' }));
    await waitFor(() => expect(bridge.callsOf('bulk.start')).toHaveLength(1));
    const call = bridge.callsOf('bulk.start')[0] as { action: string; snoozedUntil: string };
    expect(call.action).toBe('snooze');
    expect(Math.abs(Date.parse(call.snoozedUntil) - (Date.now() + 3_600_000))).toBeLessThan(60_000);
    expect(await screen.findByText('تغيير تأجيل جلسات المحادثة')).toBeTruthy();
  });
});
