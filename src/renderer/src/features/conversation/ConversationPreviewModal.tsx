// F7 "View conversation": a read-only look at a session without leaving the list. It calls only reading bridge
// calls, so nothing is marked read.
import { Alert, Button, Group, Loader, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../app/navigation.ts';
import { ConversationHeader } from './ConversationHeader.tsx';
import { MessageList } from './MessageList.tsx';
import { NS } from './strings.ts';
import { useConversation } from './useConversation.ts';

export interface ConversationPreviewModalProps {
  sessionId: string | null;
  opened: boolean;
  onClose(): void;
}

export function ConversationPreviewModal({ sessionId, opened, onClose }: ConversationPreviewModalProps) {
  const { t } = useTranslation(NS);
  return (
    <Modal
      opened={opened && sessionId !== null}
      onClose={onClose}
      size="lg"
      title={t('preview.title')}
      scrollAreaComponent={ScrollArea.Autosize}
      closeButtonProps={{ 'aria-label': t('close') }}
    >
      {opened && sessionId && <PreviewBody sessionId={sessionId} onClose={onClose} />}
    </Modal>
  );
}

function PreviewBody({ sessionId, onClose }: { sessionId: string; onClose(): void }) {
  const { t } = useTranslation(NS);
  const conversation = useConversation(sessionId);
  const navigate = useNavigation((s) => s.navigate);
  const { session } = conversation;
  return (
    <Stack gap="sm" data-testid="conversation-preview" data-session-id={sessionId}>
      <Text size="xs" c="dimmed">
        {t('preview.readOnly')}
      </Text>
      {conversation.gone && <Alert color="gray">{t('sessionGone')}</Alert>}
      {conversation.error && (
        <Alert color="red" role="alert">
          {t('loadFailed', { message: conversation.error })}
        </Alert>
      )}
      {conversation.loading && !session && <Loader size="sm" />}
      {session && (
        <>
          <ConversationHeader session={session} product={conversation.product} orders={conversation.orders} />
          <MessageList
            messages={conversation.messages}
            hasMore={conversation.hasMore}
            onLoadEarlier={() => void conversation.loadEarlier()}
            followNewest={false}
          />
        </>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('close')}
        </Button>
        <Button
          onClick={() => {
            onClose();
            navigate({ name: 'session', sessionId });
          }}
        >
          {t('preview.openPage')}
        </Button>
      </Group>
    </Stack>
  );
}
