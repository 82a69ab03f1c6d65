// The cells of the session table (F3): product cut to 30 characters with the full name on hover, the counters as
// badges, the last message as a relative time that keeps itself current, the exact dates in the user's locale.
import { type CSSProperties, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { relativeTime } from '../../../../shared/relativeTime.ts';

export const PRODUCT_MAX_CHARS = 30;

/** The first 30 characters (whole code points, so an Arabic or emoji name is never cut in half) and an ellipsis. */
export function cutText(text: string, max = PRODUCT_MAX_CHARS): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}

export function ProductCell({ name }: { name: string | undefined }) {
  if (name === undefined) return null;
  return (
    <span title={name} data-testid="product-cell">
      {cutText(name)}
    </span>
  );
}

/** A filled pill in Mantine's colours. Plain markup, not Mantine's Badge: a screen of rows renders many of them. */
function pill(color: 'blue' | 'yellow' | 'green'): CSSProperties {
  return {
    display: 'inline-block',
    minWidth: 28,
    padding: '0 8px',
    borderRadius: 999,
    lineHeight: '20px',
    fontSize: 11,
    fontWeight: 700,
    textAlign: 'center',
    color: 'var(--mantine-color-white, #fff)',
    background: `var(--mantine-color-${color}-filled)`,
  };
}

export function MessagesBadge({ count }: { count: number | undefined }) {
  if (count === undefined) return null;
  return (
    <span style={pill('blue')} data-testid="messages-badge" data-color="blue">
      {count}
    </span>
  );
}

/** Warning (yellow) while anything is unread, success (green) at zero. */
export function unreadColor(count: number): 'yellow' | 'green' {
  return count > 0 ? 'yellow' : 'green';
}

export function UnreadBadge({ count }: { count: number | undefined }) {
  if (count === undefined) return null;
  const color = unreadColor(count);
  return (
    <span style={pill(color)} data-testid="unread-badge" data-color={color}>
      {count}
    </span>
  );
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The exact date and time in the user's locale (one formatter per locale: making one costs more than using it). */
export function formatDateTime(instant: string, locale: string): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
    dateFormats.set(locale, format);
  }
  return format.format(new Date(instant));
}

// One clock for every "last message" cell: they all move on together every 30 s, not each on its own timer.
const TICK_MS = 30_000;
let clockNow = Date.now();
const clockListeners = new Set<() => void>();
let clockTimer: ReturnType<typeof setInterval> | null = null;
function subscribeClock(listener: () => void): () => void {
  clockListeners.add(listener);
  clockTimer ??= setInterval(() => {
    clockNow = Date.now();
    for (const l of clockListeners) l();
  }, TICK_MS);
  return () => {
    clockListeners.delete(listener);
    if (clockListeners.size === 0 && clockTimer) {
      clearInterval(clockTimer);
      clockTimer = null;
    }
  };
}
const readClock = () => clockNow;

/** "2 hours ago" in the interface's locale, kept current; the exact time on hover. */
export function LastMessageCell({ instant }: { instant: string | undefined }) {
  const { i18n } = useTranslation();
  // The shared clock only says when to render again; the text is always from the time of rendering.
  useSyncExternalStore(subscribeClock, readClock);
  if (!instant) return null;
  const locale = i18n.language || 'en';
  return (
    <time dateTime={instant} title={formatDateTime(instant, locale)}>
      {relativeTime(instant, locale)}
    </time>
  );
}

export function DateCell({ instant }: { instant: string | undefined }) {
  const { i18n } = useTranslation();
  if (!instant) return null;
  return <span title={instant}>{formatDateTime(instant, i18n.language || 'en')}</span>;
}
