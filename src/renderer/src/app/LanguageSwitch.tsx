// English / العربية, in the frame's header and on the sign-in screen. The choice is saved (prefs.update) so the
// next start opens in it whatever the system's language.
import { SegmentedControl } from '@mantine/core';
import type { Locale } from '@shared/bridge.ts';
import { useTranslation } from 'react-i18next';
import { switchLocale, useLocale } from './locale.ts';
import { updatePrefs } from './prefs.ts';
import { showSaveFailed } from './saveFailed.ts';
import { NS } from './strings.ts';

export function LanguageSwitch() {
  const { t } = useTranslation(NS);
  const locale = useLocale();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      data-testid="language-switch"
      value={locale}
      onChange={(value) => {
        void switchLocale(value as Locale, (next) => updatePrefs({ locale: next })).catch(showSaveFailed);
      }}
      data={[
        { value: 'en', label: 'English' },
        { value: 'ar', label: 'العربية' },
      ]}
    />
  );
}
