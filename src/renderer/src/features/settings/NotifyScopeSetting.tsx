// B10, under Settings > Notifications: notify about every session, or only those assigned to me or to nobody. Kept
// by the core with the account's other preferences; the core leaves the other sessions' messages out of its notice
// (so the desktop's toasts and the web edition's notifications both follow). An assignment to me always notifies.
import { Switch } from '@mantine/core';
import type { NotifyScope } from '@shared/notifyRules.ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadPrefs, updatePrefs } from '../../app/prefs.ts';
import { showSaveFailed } from '../../app/saveFailed.ts';
import { NS } from './strings.ts';

export function NotifyScopeSetting() {
  const { t } = useTranslation(NS);
  const [scope, setScope] = useState<NotifyScope | null>(null);
  useEffect(() => {
    loadPrefs()
      .then((p) => setScope(p.notifyScope))
      .catch(() => setScope('all'));
  }, []);
  if (!scope) return null;
  const change = (next: NotifyScope) => {
    const before = scope;
    setScope(next);
    void updatePrefs({ notifyScope: next }).catch((error: unknown) => {
      setScope(before);
      showSaveFailed(error);
    });
  };
  return (
    <Switch
      label={t('notifications.scopeMine')}
      description={t('notifications.scopeMineHint')}
      checked={scope === 'mineOrUnassigned'}
      onChange={(e) => change(e.currentTarget.checked ? 'mineOrUnassigned' : 'all')}
      data-testid="notify-scope"
    />
  );
}
