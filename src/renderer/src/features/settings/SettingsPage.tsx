// Settings (F12): chat in the mobile app on/off for roles with settings.write, read-only with the reason for the
// others, its effect spelled out; the notifications pause (D4); the interface language (B5); in the desktop app,
// open at login and start hidden in the tray; B10's canned replies (features/cannedReplies).
import { Alert, Button, Card, Group, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import type { ColorSchemePref, Locale } from '@shared/bridge.ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseColorScheme, useColorSchemePref } from '../../app/colorScheme.ts';
import { switchLocale } from '../../app/locale.ts';
import { loadPrefs, updatePrefs } from '../../app/prefs.ts';
import { showSaveFailed } from '../../app/saveFailed.ts';
import { callBridge, errorMessage, hasPermission, useAccount, useBridgeEvent } from '../../bridge/bridgeHooks.ts';
import { CannedRepliesSection } from '../cannedReplies/index.ts';
import { NotificationRulesSetting } from './NotificationRules.tsx';
import { useSettings } from './settingsStore.ts';
import { NS } from './strings.ts';

function ChatSetting() {
  const { t } = useTranslation(NS);
  const account = useAccount();
  const { settings, loadError, saving, update } = useSettings();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const canWrite = hasPermission(account, 'settings.write');
  const enabled = settings?.chatMobileEnabled ?? false;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={4}>{t('chat.heading')}</Title>
        {loadError && (
          <Alert color="red" role="alert">
            {t('chat.loadFailed', { message: loadError })}
          </Alert>
        )}
        <Switch
          label={t('chat.label')}
          checked={enabled}
          disabled={!settings || !canWrite || saving}
          onChange={async (e) => {
            const next = e.currentTarget.checked;
            setMessage(null);
            const failure = await update({ chatMobileEnabled: next });
            setMessage(
              failure
                ? { ok: false, text: t('chat.failed', { message: failure }) }
                : { ok: true, text: t('chat.saved') },
            );
          }}
        />
        {settings && (
          <Text size="sm" c={enabled ? undefined : 'orange'} data-testid="chat-effect">
            {enabled ? t('chat.on') : t('chat.off')}
          </Text>
        )}
        {account && !canWrite && (
          <Text size="sm" c="dimmed" data-testid="chat-readonly">
            {t('chat.readOnly', { role: account.staff?.role ?? '—' })}
          </Text>
        )}
        {message && (
          <Text size="sm" c={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

type Permission = NotificationPermission | 'unsupported';
const browserPermission = (): Permission =>
  typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;

function NotificationSettings() {
  const { t } = useTranslation(NS);
  const [paused, setPaused] = useState<boolean | null>(null);
  const [permission, setPermission] = useState<Permission>(browserPermission);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadPrefs()
      .then((prefs) => setPaused(prefs.notificationsPaused))
      .catch((e) => setError(errorMessage(e)));
  }, []);
  useBridgeEvent('notifications.state', (state) => setPaused(state.paused));
  const web = typeof window !== 'undefined' && !window.desk;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={4}>{t('notifications.heading')}</Title>
        <Switch
          label={t('notifications.pause')}
          description={t('notifications.pauseHint')}
          checked={paused ?? false}
          disabled={paused === null}
          onChange={async (e) => {
            const next = e.currentTarget.checked;
            setError(null);
            try {
              setPaused((await callBridge('notifications.setPaused', { paused: next })).paused);
            } catch (err) {
              setError(t('notifications.failed', { message: errorMessage(err) }));
            }
          }}
        />
        <NotificationRulesSetting />
        {web && (
          <Group gap="xs">
            <Text size="sm">
              {t('notifications.browser')}: {t(`notifications.${permission}`)}
            </Text>
            {permission === 'default' && (
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => void Notification.requestPermission().then(setPermission)}
              >
                {t('notifications.allow')}
              </Button>
            )}
          </Group>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

type Startup = { available: boolean; openAtLogin: boolean; startHidden: boolean };

/** Desktop only (the web edition has no window.desk): the login item and start hidden, kept by the shell. */
function StartupSettings() {
  const { t } = useTranslation(NS);
  const [state, setState] = useState<Startup | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    callBridge('app.startup', {})
      .then(setState)
      .catch((e) => setError(t('startup.failed', { message: errorMessage(e) })));
  }, [t]);
  const change = async (patch: Partial<Omit<Startup, 'available'>>) => {
    if (!state) return;
    setError(null);
    try {
      setState(
        await callBridge('app.setStartup', {
          openAtLogin: state.openAtLogin,
          startHidden: state.startHidden,
          ...patch,
        }),
      );
    } catch (err) {
      setError(t('startup.failed', { message: errorMessage(err) }));
    }
  };
  return (
    <Card withBorder data-testid="startup-settings">
      <Stack gap="xs">
        <Title order={4}>{t('startup.heading')}</Title>
        <Switch
          label={t('startup.openAtLogin')}
          description={state && !state.available ? t('startup.unavailable') : undefined}
          checked={state?.openAtLogin ?? false}
          disabled={!state?.available}
          onChange={(e) => void change({ openAtLogin: e.currentTarget.checked })}
        />
        <Switch
          label={t('startup.startHidden')}
          description={t('startup.startHiddenHint')}
          checked={state?.startHidden ?? false}
          disabled={!state}
          onChange={(e) => void change({ startHidden: e.currentTarget.checked })}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

function AppearanceSetting() {
  const { t } = useTranslation(NS);
  const pref = useColorSchemePref((s) => s.pref);
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={4}>{t('appearance.heading')}</Title>
        <SegmentedControl
          aria-label={t('appearance.label')}
          data-testid="color-scheme"
          value={pref}
          onChange={(value) => void chooseColorScheme(value as ColorSchemePref).catch(showSaveFailed)}
          data={(['light', 'dark', 'system'] as const).map((value) => ({ value, label: t(`appearance.${value}`) }))}
          w="fit-content"
        />
      </Stack>
    </Card>
  );
}

function LanguageSetting() {
  const { t, i18n } = useTranslation(NS);
  const current: Locale = i18n.language === 'ar' ? 'ar' : 'en';
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={4}>{t('language.heading')}</Title>
        <SegmentedControl
          aria-label={t('language.label')}
          value={current}
          onChange={(value) => {
            void switchLocale(value as Locale, (locale) => updatePrefs({ locale })).catch(showSaveFailed);
          }}
          data={[
            { value: 'en', label: 'English' },
            { value: 'ar', label: 'العربية' },
          ]}
          w="fit-content"
        />
      </Stack>
    </Card>
  );
}

export function SettingsPage() {
  const { t } = useTranslation(NS);
  return (
    <Stack p="md" gap="md" maw={720} data-testid="settings-page">
      <Title order={2}>{t('title')}</Title>
      <ChatSetting />
      <NotificationSettings />
      <CannedRepliesSection />
      {typeof window !== 'undefined' && window.desk && <StartupSettings />}
      <LanguageSetting />
      <AppearanceSetting />
    </Stack>
  );
}
