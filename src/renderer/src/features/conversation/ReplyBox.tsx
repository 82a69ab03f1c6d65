// Answering as support (D3): Enter sends, Shift+Enter starts a new line. A role without messages.reply sees the box
// disabled with the reason; a refused send keeps the text and says why.
import { Alert, Button, Group, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callBridge, errorMessage } from '../../bridge/bridgeHooks.ts';
import { isShortcut } from '../shortcuts/shortcuts.ts';
import { NS } from './strings.ts';

export interface ReplyBoxProps {
  sessionId: string;
  canReply: boolean;
  role: string | null;
  /** The label above the box (the page calls it "Add a message"). */
  label?: string;
  onSent?(): void;
}

export function ReplyBox({ sessionId, canReply, role, label, onSent }: ReplyBoxProps) {
  const { t } = useTranslation(NS);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    const body = text.trim();
    if (!body || sending || !canReply) return;
    setSending(true);
    setError(null);
    try {
      await callBridge('messages.send', { sessionId, body });
      setText('');
      onSent?.();
    } catch (e) {
      setError(t('reply.failed', { message: errorMessage(e) }));
    } finally {
      setSending(false);
    }
  };

  return (
    <Stack gap={4}>
      {error && (
        <Alert color="red" variant="light" p="xs" role="alert" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      <Textarea
        label={label ?? t('reply.label')}
        placeholder={t('reply.placeholder')}
        autosize
        minRows={2}
        maxRows={8}
        maxLength={5000}
        value={text}
        disabled={!canReply}
        dir="auto"
        description={canReply ? t('reply.hint') : t('reply.noPermission', { role: role ?? '—' })}
        data-testid="reply-input"
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (isShortcut('send', e) && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void send();
          }
        }}
      />
      <Group justify="flex-end">
        <Button size="xs" onClick={() => void send()} loading={sending} disabled={!canReply || text.trim() === ''}>
          {t('reply.send')}
        </Button>
      </Group>
    </Stack>
  );
}
