// B9: staff who may send a message to the review queue but not decide on it (agents, managers) send a participant's
// message to moderation with a short note, from the conversation pane and the message page, through the core's
// outbox. Afterwards the message says when it was sent. A removed message, a system message, an internal note and
// support's own messages offer no such action; moderators and admins decide on the queue instead.
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { MAX_REPORT_NOTE } from '@shared/api.ts';
import type { Message } from '@shared/domain.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callBridge, errorMessage, hasPermission, useAccount } from '../../bridge/bridgeHooks.ts';
import { tooLongError } from '../../ui/fieldLength.ts';
import { showToast } from '../../ui/toast.ts';
import { untilText } from './moderationMarks.tsx';
import { NS } from './strings.ts';

/** When each message was sent to moderation from this desk, so the mark survives the views being rebuilt. */
const sentAt = new Map<string, string>();

/** A participant's ordinary message that is still shown to the participants. */
export const canBeEscalated = (m: Message): boolean => m.kind === 'message' && m.senderRole !== 'staff' && !m.removed;

export function EscalateAction({ message }: { message: Message }) {
  const { t, i18n } = useTranslation(NS);
  const account = useAccount();
  const [sent, setSent] = useState<string | null>(() => sentAt.get(message.id) ?? null);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const allowed = hasPermission(account, 'moderation.escalate') && !hasPermission(account, 'moderation.decide');
  if (!allowed || !canBeEscalated(message)) return null;

  if (sent) {
    return (
      <Text size="xs" c="grape" mt={4} data-testid="message-escalated" data-sent-at={sent}>
        {t('moderation.escalated', { time: untilText(sent, i18n.language || 'en') })}
      </Text>
    );
  }

  const send = async () => {
    setBusy(true);
    try {
      await callBridge('moderation.escalate', { messageId: message.id, note: note.trim() });
      const at = new Date().toISOString();
      sentAt.set(message.id, at);
      setSent(at);
      setOpen(false);
      showToast('teal', t('moderation.escalateQueued'));
    } catch (error) {
      showToast('red', errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        size="compact-xs"
        variant="subtle"
        color="grape"
        mt={4}
        onClick={() => setOpen(true)}
        data-testid="message-escalate"
      >
        {t('moderation.escalate')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('moderation.escalate')} centered>
        <Stack gap="xs" data-testid="message-escalate-form">
          <Text size="sm" c="dimmed" dir="auto" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
            {message.senderName}: {message.body}
          </Text>
          <Textarea
            label={t('moderation.escalateNote')}
            placeholder={t('moderation.escalatePlaceholder')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={tooLongError(note, MAX_REPORT_NOTE)}
            autosize
            minRows={2}
            dir="auto"
            data-autofocus
            data-testid="message-escalate-note"
          />
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setOpen(false)}>
              {t('moderation.escalateCancel')}
            </Button>
            <Button
              size="xs"
              color="grape"
              loading={busy}
              disabled={note.trim() === '' || tooLongError(note, MAX_REPORT_NOTE) !== null}
              onClick={() => void send()}
              data-testid="message-escalate-send"
            >
              {t('moderation.escalateSend')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
