// "2 hours ago" in the interface's locale, re-rendered only as often as the text can change; the exact date and
// time in the tooltip (title) for whoever needs it.
import { formatDateTime, refreshDelayMs, relativeTime } from '@shared/relativeTime.ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function RelativeTime({ instant }: { instant: string }) {
  const { i18n } = useTranslation();
  const locale = i18n.language || 'en';
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setTimeout(() => setTick((n) => n + 1), refreshDelayMs(instant));
    return () => clearTimeout(timer);
  });
  return (
    <time dateTime={instant} title={formatDateTime(instant, locale)}>
      {relativeTime(instant, locale)}
    </time>
  );
}
