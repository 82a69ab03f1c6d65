// Messages oldest to newest: who wrote it (customer, seller, support), when, whether staff have read it, and the
// moderation flags (B3). Support's messages sit on the far side, as in any chat.
import { Badge, Box, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import type { Message, SenderRole } from '@shared/domain.ts';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { RelativeTime } from '../../ui/RelativeTime.tsx';
import { EscalateAction } from './EscalateAction.tsx';
import { RemovedNote, removedStyle } from './moderationMarks.tsx';
import { NS } from './strings.ts';

const senderColor: Record<SenderRole, string> = { customer: 'blue', seller: 'grape', staff: 'teal' };

export function SenderBadge({ role }: { role: SenderRole }) {
  const { t } = useTranslation(NS);
  return (
    <Badge size="xs" variant="light" color={senderColor[role]}>
      {t(`sender.${role}`)}
    </Badge>
  );
}

export function FlagBadges({ message }: { message: Message }) {
  const { t } = useTranslation(NS);
  if (message.flags.length === 0) return null;
  const reasons = message.flags.map((f) => t(`flags.${f}`)).join(', ');
  return (
    <Tooltip label={t('flaggedBecause', { reasons })}>
      <Badge size="xs" color="red" variant="filled" aria-label={t('flaggedBecause', { reasons })}>
        {t('flagged')}: {reasons}
      </Badge>
    </Tooltip>
  );
}

/** Read state as staff see it: only the participants' messages can be unread (support's own never are). */
export function ReadState({ message }: { message: Message }) {
  const { t } = useTranslation(NS);
  if (message.senderRole === 'staff') return null;
  return message.readAt ? (
    <Text size="xs" c="dimmed" span>
      ✓ {t('read')}
    </Text>
  ) : (
    <Badge size="xs" color="yellow" variant="filled">
      {t('unread')}
    </Badge>
  );
}

export function MessageBubble({ message, actions }: { message: Message; actions?: React.ReactNode }) {
  const { t } = useTranslation(NS);
  const own = message.senderRole === 'staff';
  // B10: an internal note, yellow and dashed, never shown to the participants.
  const note = message.kind === 'note';
  // B9: a system message (a moderator's warning), grey and dashed: only the participant it is for reads it.
  const system = message.kind === 'system';
  return (
    <Box
      data-testid="message"
      data-message-id={message.id}
      data-sender={message.senderRole}
      data-kind={message.kind}
      data-removed={message.removed ? 'true' : undefined}
      data-unread={message.senderRole !== 'staff' && !message.readAt ? 'true' : 'false'}
      style={{ display: 'flex', justifyContent: own ? 'flex-end' : 'flex-start' }}
    >
      <Paper
        withBorder
        radius="md"
        p="xs"
        maw="85%"
        bg={
          note
            ? 'var(--mantine-color-yellow-light)'
            : system
              ? 'var(--mantine-color-gray-light)'
              : own
                ? 'var(--mantine-color-teal-light)'
                : undefined
        }
        style={
          message.flags.length > 0
            ? { borderColor: 'var(--mantine-color-red-6)' }
            : note || system
              ? { borderStyle: 'dashed', borderColor: `var(--mantine-color-${note ? 'yellow' : 'gray'}-6)` }
              : undefined
        }
      >
        <Group gap={6} wrap="wrap" mb={4}>
          <Text size="sm" fw={600}>
            {message.senderName}
          </Text>
          <SenderBadge role={message.senderRole} />
          {note && (
            <Badge size="xs" color="yellow" variant="filled" data-testid="note-badge">
              {t('internalNote')}
            </Badge>
          )}
          {system && (
            <Tooltip label={t('systemMessageHint')}>
              <Badge size="xs" color="gray" variant="filled" data-testid="system-badge">
                {t('systemMessage')}
              </Badge>
            </Tooltip>
          )}
          <Text size="xs" c="dimmed">
            <RelativeTime instant={message.createdAt} />
          </Text>
          <ReadState message={message} />
          <FlagBadges message={message} />
        </Group>
        <Text
          size="sm"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', ...removedStyle(message) }}
          dir="auto"
        >
          {message.body}
        </Text>
        <RemovedNote message={message} />
        <EscalateAction message={message} />
        {actions}
      </Paper>
    </Box>
  );
}

export interface MessageListProps {
  messages: Message[];
  hasMore: boolean;
  onLoadEarlier(): void;
  /** Keep the newest message in view as messages arrive (unless the reader scrolled up); either way the list opens at
   * the newest message. */
  followNewest?: boolean;
}

export function MessageList({ messages, hasMore, onLoadEarlier, followNewest = true }: MessageListProps) {
  const { t } = useTranslation(NS);
  const end = useRef<HTMLDivElement>(null);
  const last = messages[messages.length - 1]?.id;
  const opened = useRef(false);
  useEffect(() => {
    if (!last || (opened.current && !followNewest)) return;
    opened.current = true;
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [last, followNewest]);
  return (
    <Stack gap="xs" role="log" aria-live="polite" aria-label={t('messagesLabel')}>
      {hasMore && (
        <Button variant="subtle" size="xs" onClick={onLoadEarlier}>
          {t('loadEarlier')}
        </Button>
      )}
      {messages.length === 0 && (
        <Text c="dimmed" ta="center" py="md">
          {t('noMessages')}
        </Text>
      )}
      {messages.map((m) => (
        <MessageBubble key={m.id} message={m} />
      ))}
      <div ref={end} />
    </Stack>
  );
}
