// Which messages notify (D4), under Settings > Notifications: sound on or off, all incoming messages / only sessions
// that were all read / only flagged messages, and quiet hours. Kept by the core with the other preferences; the web
// edition's notifier reads them for each batch (shared/notifyRules.ts says what each means).
import { Group, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { DEFAULT_NOTIFY_RULES, type NotifyRules, type NotifyWhich, QuietHours } from '@shared/notifyRules.ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadPrefs, updatePrefs } from '../../app/prefs.ts';
import { showSaveFailed } from '../../app/saveFailed.ts';
import { NotifyScopeSetting } from './NotifyScopeSetting.tsx';
import { NS } from './strings.ts';

const DEFAULT_QUIET: QuietHours = { from: '22:00', to: '07:00' };

export function NotificationRulesSetting() {
  const { t } = useTranslation(NS);
  const [rules, setRules] = useState<NotifyRules | null>(null);
  // The quiet hours as typed, saved once both times are whole and differ.
  const [quiet, setQuiet] = useState<QuietHours>(DEFAULT_QUIET);
  const [quietError, setQuietError] = useState<string | null>(null);
  useEffect(() => {
    loadPrefs()
      .then((p) => {
        setRules({ notifySound: p.notifySound, notifyWhich: p.notifyWhich, quietHours: p.quietHours });
        if (p.quietHours) setQuiet(p.quietHours);
      })
      .catch(() => setRules(DEFAULT_NOTIFY_RULES));
  }, []);
  const save = (patch: Partial<NotifyRules>) => {
    setRules((r) => (r ? { ...r, ...patch } : r));
    void updatePrefs(patch).catch(showSaveFailed);
  };
  const changeQuiet = (next: QuietHours) => {
    setQuiet(next);
    const checked = QuietHours.safeParse(next);
    setQuietError(checked.success ? null : t('notifications.quietInvalid'));
    if (checked.success && rules?.quietHours) save({ quietHours: checked.data });
  };
  if (!rules) return null;
  return (
    <Stack gap="xs" data-testid="notification-rules">
      <Switch
        label={t('notifications.sound')}
        checked={rules.notifySound}
        onChange={(e) => save({ notifySound: e.currentTarget.checked })}
        data-testid="notify-sound"
      />
      <Text size="sm" fw={500} id="notify-which-label">
        {t('notifications.which')}
      </Text>
      <SegmentedControl
        aria-labelledby="notify-which-label"
        data-testid="notify-which"
        value={rules.notifyWhich}
        onChange={(value) => save({ notifyWhich: value as NotifyWhich })}
        data={(['all', 'newlyUnread', 'flagged'] as const).map((value) => ({
          value,
          label: t(`notifications.whichOptions.${value}`),
        }))}
        w="fit-content"
      />
      <NotifyScopeSetting />
      <Switch
        label={t('notifications.quiet')}
        description={t('notifications.quietHint')}
        checked={rules.quietHours !== null}
        onChange={(e) => save({ quietHours: e.currentTarget.checked ? quiet : null })}
        data-testid="quiet-hours"
      />
      {rules.quietHours !== null && (
        <Group gap="sm" align="flex-start">
          <TextInput
            type="time"
            label={t('notifications.quietFrom')}
            value={quiet.from}
            onChange={(e) => changeQuiet({ ...quiet, from: e.currentTarget.value })}
            data-testid="quiet-from"
            dir="ltr"
          />
          <TextInput
            type="time"
            label={t('notifications.quietTo')}
            value={quiet.to}
            onChange={(e) => changeQuiet({ ...quiet, to: e.currentTarget.value })}
            error={quietError}
            data-testid="quiet-to"
            dir="ltr"
          />
        </Group>
      )}
    </Stack>
  );
}
