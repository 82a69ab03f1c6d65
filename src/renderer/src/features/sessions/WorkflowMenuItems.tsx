// The agent workflow's actions on one session (B10), as menu items: assign to me / to someone / unassign, resolve or
// reopen, snooze for an hour, until tomorrow 9:00, next week or a date, and wake. The row menu and the
// conversation's header show the same items; "a date" opens a small dialog.
import { Button, Group, Menu, Modal, TextInput } from '@mantine/core';
import type { Session } from '@shared/domain.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPermission, useAccount } from '../../bridge/bridgeHooks.ts';
import { NS } from './strings.ts';
import {
  assignSession,
  isSnoozed,
  reopenSessions,
  resolveSessions,
  type SnoozeChoice,
  snoozeSession,
  snoozeUntil,
  useAssignees,
} from './workflow.ts';

const CHOICES: ReadonlyArray<[SnoozeChoice, string]> = [
  ['hour', 'workflow.snoozeHour'],
  ['tomorrow', 'workflow.snoozeTomorrow'],
  ['nextWeek', 'workflow.snoozeNextWeek'],
];

/** `onDate`: the person chose "until a date…" (the caller shows SnoozeDateModal once the menu has closed). */
export function WorkflowMenuItems({
  session,
  onDone,
  onDate,
}: {
  session: Session;
  onDone(): void;
  onDate(session: Session): void;
}) {
  const { t } = useTranslation(NS);
  const account = useAccount();
  const people = useAssignees();
  const me = account?.staff ?? null;
  const mayAssignOthers = hasPermission(account, 'sessions.assign');
  const act = (task: () => Promise<void>) => () => {
    onDone();
    void task();
  };
  const others = people.filter((p) => p.id !== me?.id && p.id !== session.assigneeId);
  return (
    <>
      <Menu.Divider />
      {me && session.assigneeId !== me.id && (
        <Menu.Item onClick={act(() => assignSession(session, me))} data-testid="action-assign-me">
          {t('workflow.assignToMe')}
        </Menu.Item>
      )}
      {mayAssignOthers && others.length > 0 && (
        <Menu.Sub>
          <Menu.Sub.Target>
            <Menu.Sub.Item data-testid="action-assign-to">{t('workflow.assignTo')}</Menu.Sub.Item>
          </Menu.Sub.Target>
          <Menu.Sub.Dropdown mah={320} style={{ overflowY: 'auto' }}>
            {others.map((p) => (
              <Menu.Item key={p.id} onClick={act(() => assignSession(session, p))}>
                {p.name}
              </Menu.Item>
            ))}
          </Menu.Sub.Dropdown>
        </Menu.Sub>
      )}
      {session.assigneeId !== null && (mayAssignOthers || session.assigneeId === me?.id) && (
        <Menu.Item onClick={act(() => assignSession(session, null))} data-testid="action-unassign">
          {t('workflow.unassign')}
        </Menu.Item>
      )}
      {session.status === 'resolved' ? (
        <Menu.Item onClick={act(() => reopenSessions({ ids: [session.id] }))} data-testid="action-reopen">
          {t('workflow.reopen')}
        </Menu.Item>
      ) : (
        <Menu.Item onClick={act(() => resolveSessions({ ids: [session.id] }))} data-testid="action-resolve">
          {t('workflow.resolve')}
        </Menu.Item>
      )}
      <Menu.Sub>
        <Menu.Sub.Target>
          <Menu.Sub.Item data-testid="action-snooze">{t('workflow.snooze')}</Menu.Sub.Item>
        </Menu.Sub.Target>
        <Menu.Sub.Dropdown>
          {CHOICES.map(([choice, label]) => (
            <Menu.Item
              key={choice}
              onClick={act(() => snoozeSession(session, snoozeUntil(choice)))}
              data-testid={`snooze-${choice}`}
            >
              {t(label)}
            </Menu.Item>
          ))}
          <Menu.Item
            onClick={() => {
              onDone();
              onDate(session);
            }}
            data-testid="snooze-date"
          >
            {t('workflow.snoozeDate')}
          </Menu.Item>
          {isSnoozed(session) && (
            <Menu.Item onClick={act(() => snoozeSession(session, null))} data-testid="snooze-wake">
              {t('workflow.wake')}
            </Menu.Item>
          )}
        </Menu.Sub.Dropdown>
      </Menu.Sub>
    </>
  );
}

/** A local date and time one hour ahead, as a datetime-local input wants it. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "Snooze until a date…": a date and time in the future. */
export function SnoozeDateModal({ session, onClose }: { session: Session | null; onClose(): void }) {
  const { t } = useTranslation(NS);
  const [value, setValue] = useState(() => localInput(snoozeUntil('tomorrow')));
  const until = new Date(value);
  const valid = !Number.isNaN(until.getTime()) && until.getTime() > Date.now();
  return (
    <Modal opened={session !== null} onClose={onClose} title={t('workflow.snoozePick')} centered>
      <TextInput
        type="datetime-local"
        label={t('workflow.snoozePick')}
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        min={localInput(new Date())}
        data-testid="snooze-date-input"
      />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t('cancel')}
        </Button>
        <Button
          disabled={!valid}
          onClick={() => {
            if (session) void snoozeSession(session, until);
            onClose();
          }}
          data-testid="snooze-date-confirm"
        >
          {t('workflow.snooze')}
        </Button>
      </Group>
    </Modal>
  );
}
