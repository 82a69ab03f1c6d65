// The bulk bar's workflow actions (B10) on the checked or all matching sessions: assign to me, resolve, reopen, and
// snooze for an hour, until tomorrow 9:00, until next week or until a date. Not destructive, so no confirmation, but
// "all matching" still names the count shown and when (the backend refuses if it grew). Over more sessions than one
// request names, the action runs as a bulk job in parts, with progress and Cancel in its notification.
import { Button, Group, Menu, Modal, TextInput } from '@mantine/core';
import type { BulkTarget } from '@shared/api.ts';
import type { CallInput } from '@shared/bridge.ts';
import { MAX_BULK_IDS } from '@shared/bulkLimits.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callBridge, errorMessage } from '../../bridge/bridgeHooks.ts';
import { showBulkJob } from './BulkJobStatus.tsx';
import { followBulkJobs } from './bulkJobStore.ts';
import './bulkWorkflowStrings.ts';
import { bulkTarget, useSessionsStore } from './sessionsStore.ts';
import { NS } from './strings.ts';
import { toast } from './toast.ts';
import {
  assignSessions,
  reopenSessions,
  resolveSessions,
  type SnoozeChoice,
  snoozeSessions,
  snoozeUntil,
} from './workflow.ts';

const CHOICES: ReadonlyArray<[SnoozeChoice, string]> = [
  ['hour', 'workflow.snoozeHour'],
  ['tomorrow', 'workflow.snoozeTomorrow'],
  ['nextWeek', 'workflow.snoozeNextWeek'],
];

type Task =
  | { action: 'assign'; assignee: { id: string; name: string } }
  | { action: 'resolve' | 'reopen' }
  | { action: 'snooze'; until: Date | null };

/** A local date and time, as a datetime-local input wants it. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** What a bulk job over "all matching" is asked to do for a task. */
function jobInput(task: Task, target: Extract<BulkTarget, { allMatching: unknown }>): CallInput<'bulk.start'> {
  if (task.action === 'assign') return { action: 'assign', target, assigneeId: task.assignee.id };
  if (task.action === 'snooze') {
    return { action: 'snooze', target, snoozedUntil: task.until ? task.until.toISOString() : null };
  }
  return { action: task.action, target };
}

function runNow(task: Task, target: BulkTarget): Promise<void> {
  if (task.action === 'assign') return assignSessions(target, task.assignee);
  if (task.action === 'snooze') return snoozeSessions(target, task.until);
  return task.action === 'resolve' ? resolveSessions(target) : reopenSessions(target);
}

export function BulkWorkflowActions({
  count,
  me,
  disabled,
  onDone,
}: {
  count: number;
  me: { id: string; name: string };
  disabled: boolean;
  onDone(): void;
}) {
  const { t } = useTranslation(NS);
  const [busy, setBusy] = useState(false);
  const [picking, setPicking] = useState(false);
  const [value, setValue] = useState(() => localInput(snoozeUntil('tomorrow')));
  const act = async (task: Task) => {
    const target = bulkTarget(useSessionsStore.getState(), { count, asOf: new Date().toISOString() });
    if (!target) return;
    setBusy(true);
    try {
      if ('allMatching' in target && target.allMatching.confirmedCount > MAX_BULK_IDS) {
        // More than one request names: a job in parts, followed in its notification with progress and Cancel.
        followBulkJobs();
        showBulkJob(await callBridge('bulk.start', jobInput(task, target)));
      } else {
        await runNow(task, target);
      }
      onDone();
    } catch (error) {
      toast('red', t('failed', { message: errorMessage(error) }));
    } finally {
      setBusy(false);
    }
  };
  const until = new Date(value);
  const valid = !Number.isNaN(until.getTime()) && until.getTime() > Date.now();
  return (
    <Group gap={4} data-testid="bulk-workflow">
      <Button
        size="xs"
        variant="light"
        disabled={disabled || busy}
        onClick={() => void act({ action: 'assign', assignee: me })}
        data-testid="bulk-assign-me"
      >
        {t('workflow.assignToMe')}
      </Button>
      <Button
        size="xs"
        variant="light"
        color="green"
        disabled={disabled || busy}
        onClick={() => void act({ action: 'resolve' })}
        data-testid="bulk-resolve"
      >
        {t('workflow.resolve')}
      </Button>
      <Button
        size="xs"
        variant="light"
        disabled={disabled || busy}
        onClick={() => void act({ action: 'reopen' })}
        data-testid="bulk-reopen"
      >
        {t('workflow.reopen')}
      </Button>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="light" disabled={disabled || busy} data-testid="bulk-snooze">
            {t('workflow.snooze')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {CHOICES.map(([choice, label]) => (
            <Menu.Item
              key={choice}
              onClick={() => void act({ action: 'snooze', until: snoozeUntil(choice) })}
              data-testid={`bulk-snooze-${choice}`}
            >
              {t(label)}
            </Menu.Item>
          ))}
          <Menu.Item onClick={() => setPicking(true)} data-testid="bulk-snooze-date">
            {t('workflow.snoozeDate')}
          </Menu.Item>
          <Menu.Item onClick={() => void act({ action: 'snooze', until: null })} data-testid="bulk-snooze-wake">
            {t('workflow.wake')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={picking} onClose={() => setPicking(false)} title={t('workflow.snoozePick')} centered>
        <TextInput
          type="datetime-local"
          label={t('workflow.snoozePick')}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          min={localInput(new Date())}
          data-testid="bulk-snooze-date-input"
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setPicking(false)}>
            {t('cancel')}
          </Button>
          <Button
            disabled={!valid}
            onClick={() => {
              setPicking(false);
              void act({ action: 'snooze', until });
            }}
            data-testid="bulk-snooze-date-confirm"
          >
            {t('workflow.snooze')}
          </Button>
        </Group>
      </Modal>
    </Group>
  );
}
