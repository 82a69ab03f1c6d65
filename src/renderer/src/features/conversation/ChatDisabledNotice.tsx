// F12 seen from a conversation: while chat in the mobile app is off, the participants cannot answer or read, and the
// staff should know before they wait for a reply.
import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../settings/settingsStore.ts';
import { NS } from './strings.ts';

export function ChatDisabledNotice() {
  const { t } = useTranslation(NS);
  const { settings } = useSettings();
  if (!settings || settings.chatMobileEnabled) return null;
  return (
    <Alert color="orange" variant="light" p="xs" data-testid="chat-disabled">
      {t('chatDisabled')}
    </Alert>
  );
}
