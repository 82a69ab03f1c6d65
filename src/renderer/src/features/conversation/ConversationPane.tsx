// The conversation pane beside the sessions table (D3): the selected session live, answered from here.
import { Alert, Button, Divider, Group, Loader, ScrollArea, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../app/navigation.ts';
import { callBridge, errorMessage, hasPermission, useAccount } from '../../bridge/bridgeHooks.ts';
import { ChatDisabledNotice } from './ChatDisabledNotice.tsx';
import { ConversationHeader } from './ConversationHeader.tsx';
import { MessageList } from './MessageList.tsx';
import { ReplyBox } from './ReplyBox.tsx';
import { NS } from './strings.ts';
import { useConversation } from './useConversation.ts';

export function ConversationPane({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation(NS);
  const conversation = useConversation(sessionId);
  const account = useAccount();
  const navigate = useNavigation((s) => s.navigate);
  const [actionError, setActionError] = useState<string | null>(null);
  const { session } = conversation;

  const markAllRead = async () => {
    setActionError(null);
    try {
      await callBridge('messages.markRead', { sessionId });
    } catch (e) {
      setActionError(t('actionFailed', { message: errorMessage(e) }));
    }
  };

  return (
    <Stack
      gap="xs"
      h="100%"
      p="sm"
      component="section"
      aria-label={t('paneLabel')}
      data-testid="conversation-pane"
      data-session-id={sessionId}
      style={{ minHeight: 0 }}
    >
      {conversation.gone && (
        <Alert color="gray" role="status">
          {t('sessionGone')}
        </Alert>
      )}
      {conversation.error && (
        <Alert color="red" role="alert">
          {t('loadFailed', { message: conversation.error })}
        </Alert>
      )}
      {conversation.loading && !session && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t('loading')}</Text>
        </Group>
      )}
      {session && !conversation.gone && (
        <>
          <ConversationHeader session={session} product={conversation.product} orders={conversation.orders} />
          <Group gap="xs">
            {hasPermission(account, 'messages.markRead') && (
              <Button size="compact-xs" variant="light" disabled={session.unreadCount === 0} onClick={markAllRead}>
                {t('markAllRead')}
              </Button>
            )}
            <Button size="compact-xs" variant="subtle" onClick={() => navigate({ name: 'session', sessionId })}>
              {t('preview.openPage')}
            </Button>
          </Group>
          {actionError && (
            <Alert color="red" p="xs" role="alert" withCloseButton onClose={() => setActionError(null)}>
              {actionError}
            </Alert>
          )}
          <ChatDisabledNotice />
          <Divider />
          <ScrollArea style={{ flex: 1, minHeight: 0 }} offsetScrollbars>
            <MessageList
              messages={conversation.messages}
              hasMore={conversation.hasMore}
              onLoadEarlier={() => void conversation.loadEarlier()}
            />
          </ScrollArea>
          <ReplyBox
            sessionId={sessionId}
            session={session}
            canReply={hasPermission(account, 'messages.reply')}
            role={account?.staff?.role ?? null}
          />
        </>
      )}
    </Stack>
  );
}
