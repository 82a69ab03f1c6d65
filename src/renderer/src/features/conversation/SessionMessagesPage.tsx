// F10 "Manage messages": the session's page with its message table; add a message, delete one (after confirmation),
// mark one, the checked ones or all read. The counts and the last message time above follow every change. Opened from
// message search, it scrolls to the message found (loading earlier pages until it is there) and highlights it.
import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { Message } from '@shared/domain.ts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../app/navigation.ts';
import { callBridge, errorMessage, hasPermission, useAccount } from '../../bridge/bridgeHooks.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ChatDisabledNotice } from './ChatDisabledNotice.tsx';
import { ConversationHeader } from './ConversationHeader.tsx';
import { isUnread, MessageTable } from './MessageTable.tsx';
import { ReplyBox } from './ReplyBox.tsx';
import { NS } from './strings.ts';
import { useConversation } from './useConversation.ts';

/** Earlier pages loaded at the most to reach the message found (100 messages each). */
const MAX_PAGES_TO_FOUND = 50;

/** Brings `messageId` into the loaded messages, scrolls its row to the middle of the view once; true once found. */
function useScrollToMessage(
  messageId: string | undefined,
  conversation: ReturnType<typeof useConversation>,
): string | undefined {
  const { messages, hasMore, loadEarlier } = conversation;
  const pages = useRef(0);
  const loading = useRef(false);
  const scrolled = useRef<string | null>(null);
  const found = messageId !== undefined && messages.some((m) => m.id === messageId);
  useEffect(() => {
    if (!messageId || scrolled.current === messageId) return;
    if (found) {
      const row = document.querySelector(`[data-testid="message-row"][data-message-id="${CSS.escape(messageId)}"]`);
      if (!row) return;
      scrolled.current = messageId;
      row.scrollIntoView({ block: 'center' });
      return;
    }
    if (!hasMore || loading.current || messages.length === 0 || pages.current >= MAX_PAGES_TO_FOUND) return;
    loading.current = true;
    pages.current += 1;
    void loadEarlier().finally(() => {
      loading.current = false;
    });
  }, [messageId, found, hasMore, messages, loadEarlier]);
  return found ? messageId : undefined;
}

export function SessionMessagesPage({ sessionId, messageId }: { sessionId: string; messageId?: string }) {
  const { t } = useTranslation(NS);
  const conversation = useConversation(sessionId);
  const account = useAccount();
  const navigate = useNavigation((s) => s.navigate);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [toDelete, setToDelete] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const { session, messages } = conversation;
  const highlighted = useScrollToMessage(messageId, conversation);
  const canMarkRead = hasPermission(account, 'messages.markRead');
  const canDelete = hasPermission(account, 'messages.delete');

  // Checked rows that are still unread (a row read elsewhere drops out of the selection by itself).
  const stillSelected = new Set(messages.filter((m) => isUnread(m) && selected.has(m.id)).map((m) => m.id));

  const act = async (what: () => Promise<unknown>) => {
    setActionError(null);
    setBusy(true);
    try {
      await what();
      return true;
    } catch (e) {
      setActionError(t('actionFailed', { message: errorMessage(e) }));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const markRead = (ids?: string[]) =>
    act(() => callBridge('messages.markRead', ids ? { sessionId, ids } : { sessionId })).then((done) => {
      if (done) setSelected(new Set());
    });

  const confirmDelete = async () => {
    if (!toDelete) return;
    const id = toDelete.id;
    if (await act(() => callBridge('messages.delete', { id }))) setToDelete(null);
  };

  return (
    <Stack gap="md" p="md" data-testid="session-messages-page" data-session-id={sessionId}>
      <Group justify="space-between">
        <Title order={2}>{t('page.title')}</Title>
        <Button variant="subtle" onClick={() => navigate({ name: 'sessions' })}>
          {t('page.back')}
        </Button>
      </Group>
      {conversation.gone && <Alert color="gray">{t('sessionGone')}</Alert>}
      {conversation.error && (
        <Alert color="red" role="alert">
          {t('loadFailed', { message: conversation.error })}
        </Alert>
      )}
      {conversation.loading && !session && <Loader size="sm" />}
      {session && !conversation.gone && (
        <>
          <Paper withBorder p="sm">
            <ConversationHeader session={session} product={conversation.product} orders={conversation.orders} />
          </Paper>
          <ChatDisabledNotice />
          {actionError && (
            <Alert color="red" role="alert" withCloseButton onClose={() => setActionError(null)}>
              {actionError}
            </Alert>
          )}
          <Group gap="xs">
            {canMarkRead ? (
              <>
                <Button size="xs" disabled={session.unreadCount === 0 || busy} onClick={() => void markRead()}>
                  {t('markAllRead')}
                </Button>
                <Button
                  size="xs"
                  variant="light"
                  disabled={stillSelected.size === 0 || busy}
                  onClick={() => void markRead([...stillSelected])}
                >
                  {t('page.markSelectedRead', { count: stillSelected.size })}
                </Button>
              </>
            ) : (
              <Text size="xs" c="dimmed">
                {t('page.noPermissionRead')}
              </Text>
            )}
            {!canDelete && (
              <Text size="xs" c="dimmed">
                {t('page.noPermissionDelete')}
              </Text>
            )}
          </Group>
          {conversation.hasMore && (
            <Button variant="subtle" size="xs" onClick={() => void conversation.loadEarlier()}>
              {t('loadEarlier')}
            </Button>
          )}
          <MessageTable
            messages={messages}
            highlightId={highlighted}
            selected={stillSelected}
            canMarkRead={canMarkRead}
            canDelete={canDelete}
            onSelect={(ids, checked) =>
              setSelected(() => {
                const next = new Set(stillSelected);
                for (const id of ids) {
                  if (checked) next.add(id);
                  else next.delete(id);
                }
                return next;
              })
            }
            onMarkRead={(m) => void markRead([m.id])}
            onDelete={setToDelete}
          />
          <Paper withBorder p="sm">
            <ReplyBox
              sessionId={sessionId}
              session={session}
              canReply={hasPermission(account, 'messages.reply')}
              role={account?.staff?.role ?? null}
              label={t('page.add')}
            />
            <Text size="xs" c="dimmed" mt={4}>
              {t('page.addHint')}
            </Text>
          </Paper>
        </>
      )}
      <ConfirmDialog
        opened={toDelete !== null}
        title={t('confirmDelete.title')}
        body={toDelete ? `${t('confirmDelete.body')}\n\n“${toDelete.body.slice(0, 200)}”` : ''}
        confirmLabel={t('confirmDelete.confirm')}
        cancelLabel={t('cancel')}
        busy={busy}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setToDelete(null)}
      />
    </Stack>
  );
}
