// A session's place in the agent workflow (B10) above its conversation: the status, who has it, until when it is
// snoozed, and the actions: assign to me and resolve (or reopen) at hand, the rest in a menu.
import { ActionIcon, Badge, Button, Group, Menu, Text } from '@mantine/core';
import type { Session } from '@shared/domain.ts';
import { formatDateTime } from '@shared/relativeTime.ts';
import { IconDots } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccount } from '../../bridge/bridgeHooks.ts';
import { NS } from './strings.ts';
import { SnoozeDateModal, WorkflowMenuItems } from './WorkflowMenuItems.tsx';
import { assignSession, isSnoozed, reopenSessions, resolveSessions } from './workflow.ts';

const COLOR = { open: 'blue', pending: 'yellow', resolved: 'green' } as const;

export function WorkflowBar({ session }: { session: Session }) {
  const { t, i18n } = useTranslation(NS);
  const me = useAccount()?.staff ?? null;
  const [menu, setMenu] = useState(false);
  const [dating, setDating] = useState<Session | null>(null);
  const snoozed = isSnoozed(session);
  return (
    <Group gap="xs" wrap="wrap" data-testid="workflow-bar">
      <Badge color={COLOR[session.status]} variant="filled" data-testid="workflow-status" data-status={session.status}>
        {t(`workflow.status.${session.status}`)}
      </Badge>
      <Text size="sm" c={session.assigneeName ? undefined : 'dimmed'} data-testid="workflow-assignee" dir="auto">
        {t('columns.assignee')}: {session.assigneeName ?? t('workflow.unassigned')}
      </Text>
      {snoozed && session.snoozedUntil && (
        <Badge color="grape" variant="light" data-testid="workflow-snoozed">
          {t('workflow.snoozedUntil', { time: formatDateTime(session.snoozedUntil, i18n.language || 'en') })}
        </Badge>
      )}
      <Group gap={4} ms="auto">
        {me && session.assigneeId !== me.id && (
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => void assignSession(session, me)}
            data-testid="pane-assign-me"
          >
            {t('workflow.assignToMe')}
          </Button>
        )}
        {session.status === 'resolved' ? (
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => void reopenSessions({ ids: [session.id] })}
            data-testid="pane-reopen"
          >
            {t('workflow.reopen')}
          </Button>
        ) : (
          <Button
            size="compact-sm"
            color="green"
            variant="light"
            onClick={() => void resolveSessions({ ids: [session.id] })}
            data-testid="pane-resolve"
          >
            {t('workflow.resolve')}
          </Button>
        )}
        <Menu opened={menu} onChange={setMenu} position="bottom-end" withinPortal shadow="md">
          <Menu.Target>
            <ActionIcon variant="subtle" aria-label={t('workflow.more')} data-testid="pane-workflow-menu">
              <IconDots size={18} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <WorkflowMenuItems session={session} onDone={() => setMenu(false)} onDate={setDating} />
          </Menu.Dropdown>
        </Menu>
      </Group>
      {dating && <SnoozeDateModal session={dating} onClose={() => setDating(null)} />}
    </Group>
  );
}
