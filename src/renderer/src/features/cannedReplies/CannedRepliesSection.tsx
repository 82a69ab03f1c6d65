// Canned replies under Settings (B10): every staff member reads the list (shortcut, title, language, text); managers
// and admins create, edit and delete them (the form checks each field; a delete asks first, naming the reply). Writes
// go through the core's outbox like every staff action, so the list shows them at once; it is read again when the
// core says the canned replies changed (another manager's change, or a refused one put back).
import { Alert, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { CannedReply, CannedReplyLanguage } from '@shared/domain.ts';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callBridge, errorMessage, hasPermission, useAccount, useBridgeEvent } from '../../bridge/bridgeHooks.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { CannedReplyForm } from './CannedReplyForm.tsx';
import { NS, PLACEHOLDER_LIST } from './strings.ts';

const clip = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function CannedRepliesSection() {
  const { t, i18n } = useTranslation(NS);
  const account = useAccount();
  const canManage = hasPermission(account, 'cannedReplies.manage');
  const [items, setItems] = useState<CannedReply[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<CannedReply | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CannedReply | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const load = useCallback(async (refresh: boolean) => {
    try {
      // Without a search the core asks the backend for the whole list (when online); with one, its cache answers.
      const { items: list } = await callBridge('cannedReplies.list', refresh ? {} : { search: ' ' });
      setItems(list);
      setLoadError(null);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, []);
  useEffect(() => {
    void load(true);
  }, [load]);
  useBridgeEvent('sessions.changed', (changes) => {
    if (changes.cannedRepliesChanged) void load(false);
  });
  useBridgeEvent('action.failed', (failure) => {
    if (failure.kind.startsWith('cannedReplies.')) void load(false);
  });

  const language = (l: CannedReplyLanguage) => t(`languages.${l}`);
  const remove = async (reply: CannedReply) => {
    setBusy(true);
    setDeleteError(null);
    try {
      await callBridge('cannedReplies.delete', { id: reply.id });
      setDeleting(null);
      await load(false);
    } catch (error) {
      setDeleteError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder data-testid="canned-replies">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t('heading')}</Title>
          {canManage && (
            <Button size="xs" onClick={() => setEditing('new')} data-testid="canned-add">
              {t('add')}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('intro', { list: PLACEHOLDER_LIST })}
        </Text>
        {account && !canManage && (
          <Text size="sm" c="dimmed" data-testid="canned-readonly">
            {t('readOnly', { role: account.staff?.role ?? '—' })}
          </Text>
        )}
        {loadError && (
          <Alert color="red" role="alert">
            {t('loadFailed', { message: loadError })}
          </Alert>
        )}
        {items && items.length === 0 && <Text size="sm">{t('none')}</Text>}
        {items && items.length > 0 && (
          <Table striped highlightOnHover data-testid="canned-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('columns.shortcut')}</Table.Th>
                <Table.Th>{t('columns.title')}</Table.Th>
                <Table.Th>{t('columns.language')}</Table.Th>
                <Table.Th>{t('columns.body')}</Table.Th>
                {canManage && <Table.Th>{t('columns.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((reply) => (
                <Table.Tr key={reply.id} data-testid="canned-row" data-shortcut={reply.shortcut}>
                  <Table.Td dir="auto" style={{ whiteSpace: 'nowrap' }}>
                    #{reply.shortcut}
                  </Table.Td>
                  <Table.Td dir="auto">{reply.title}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{language(reply.language)}</Table.Td>
                  <Table.Td dir="auto" title={reply.body}>
                    <Text size="sm">{clip(reply.body)}</Text>
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-xs"
                          variant="light"
                          onClick={() => setEditing(reply)}
                          aria-label={`${t('edit')} #${reply.shortcut}`}
                        >
                          {t('edit')}
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="light"
                          color="red"
                          onClick={() => {
                            setDeleteError(null);
                            setDeleting(reply);
                          }}
                          aria-label={`${t('delete')} #${reply.shortcut}`}
                        >
                          {t('delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {editing && (
        <CannedReplyForm
          reply={editing === 'new' ? null : editing}
          defaultLanguage={i18n.language === 'ar' ? 'ar' : 'en'}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load(false);
          }}
        />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('confirmDelete.title', { shortcut: deleting?.shortcut ?? '' })}
        body={
          (deleting
            ? t('confirmDelete.body', {
                shortcut: deleting.shortcut,
                title: deleting.title,
                language: language(deleting.language),
              })
            : '') + (deleteError ? `\n\n${deleteError}` : '')
        }
        confirmLabel={t('confirmDelete.confirm')}
        cancelLabel={t('form.cancel')}
        busy={busy}
        onConfirm={() => deleting && void remove(deleting)}
        onCancel={() => setDeleting(null)}
      />
    </Card>
  );
}
