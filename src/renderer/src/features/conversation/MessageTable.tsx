// F10's message table: content, sender, time, read state; per row mark read and delete; rows can be checked to
// mark several read at once.
import { ActionIcon, Checkbox, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { Message } from '@shared/domain.ts';
import { IconCheck, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { RelativeTime } from '../../ui/RelativeTime.tsx';
import { EscalateAction } from './EscalateAction.tsx';
import { FlagBadges, ReadState, SenderBadge } from './MessageList.tsx';
import { RemovedNote, removedStyle } from './moderationMarks.tsx';
import { NS } from './strings.ts';

export interface MessageTableProps {
  messages: Message[];
  /** The message found by message search: marked until another page opens. */
  highlightId?: string | undefined;
  selected: ReadonlySet<string>;
  onSelect(ids: string[], checked: boolean): void;
  canMarkRead: boolean;
  canDelete: boolean;
  onMarkRead(message: Message): void;
  onDelete(message: Message): void;
}

export const isUnread = (m: Message): boolean => m.senderRole !== 'staff' && m.readAt === null;

export function MessageTable(props: MessageTableProps) {
  const { t } = useTranslation(NS);
  const { messages, selected } = props;
  const selectable = messages.filter(isUnread).map((m) => m.id);
  const allChecked = selectable.length > 0 && selectable.every((id) => selected.has(id));
  const someChecked = selectable.some((id) => selected.has(id));
  return (
    <Table striped highlightOnHover verticalSpacing="xs" data-testid="message-table">
      <Table.Thead>
        <Table.Tr>
          {props.canMarkRead && (
            <Table.Th w={36}>
              <Checkbox
                aria-label={t('page.selectAll')}
                checked={allChecked}
                indeterminate={someChecked && !allChecked}
                disabled={selectable.length === 0}
                onChange={(e) => props.onSelect(selectable, e.currentTarget.checked)}
              />
            </Table.Th>
          )}
          <Table.Th>{t('page.content')}</Table.Th>
          <Table.Th>{t('page.sender')}</Table.Th>
          <Table.Th>{t('page.time')}</Table.Th>
          <Table.Th>{t('page.status')}</Table.Th>
          <Table.Th>{t('page.actions')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {messages.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={6}>
              <Text c="dimmed" ta="center">
                {t('noMessages')}
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
        {messages.map((m) => (
          <Table.Tr
            key={m.id}
            data-testid="message-row"
            data-message-id={m.id}
            data-unread={String(isUnread(m))}
            data-removed={m.removed ? 'true' : undefined}
            data-highlighted={m.id === props.highlightId ? 'true' : undefined}
            aria-current={m.id === props.highlightId ? 'true' : undefined}
            style={
              m.id === props.highlightId
                ? {
                    background: 'var(--mantine-color-yellow-light)',
                    outline: '2px solid var(--mantine-color-yellow-filled)',
                    outlineOffset: -2,
                  }
                : undefined
            }
          >
            {props.canMarkRead && (
              <Table.Td>
                {isUnread(m) && (
                  <Checkbox
                    aria-label={t('page.selectOne')}
                    checked={selected.has(m.id)}
                    onChange={(e) => props.onSelect([m.id], e.currentTarget.checked)}
                  />
                )}
              </Table.Td>
            )}
            <Table.Td maw={420}>
              <Stack gap={2}>
                <Text
                  size="sm"
                  style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', ...removedStyle(m) }}
                  dir="auto"
                >
                  {m.body}
                </Text>
                <div>
                  <FlagBadges message={m} />
                </div>
                <RemovedNote message={m} />
              </Stack>
            </Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <Text size="sm">{m.senderName}</Text>
                <SenderBadge role={m.senderRole} />
              </Group>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <Text size="sm">
                <RelativeTime instant={m.createdAt} />
              </Text>
            </Table.Td>
            <Table.Td>
              {m.senderRole === 'staff' ? (
                <Text size="xs" c="dimmed">
                  —
                </Text>
              ) : (
                <ReadState message={m} />
              )}
            </Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                {props.canMarkRead && isUnread(m) && (
                  <Tooltip label={t('markRead')}>
                    <ActionIcon
                      variant="light"
                      color="green"
                      aria-label={t('markRead')}
                      onClick={() => props.onMarkRead(m)}
                    >
                      <IconCheck size={16} />
                    </ActionIcon>
                  </Tooltip>
                )}
                {props.canDelete ? (
                  <Tooltip label={t('deleteMessage')}>
                    <ActionIcon
                      variant="light"
                      color="red"
                      aria-label={t('deleteMessage')}
                      onClick={() => props.onDelete(m)}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                ) : null}
                <EscalateAction message={m} />
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
