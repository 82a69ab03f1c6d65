// "2 hours ago" / "منذ ساعتين" in the user's locale (F3, B5), from the standard Intl API.
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

const formatters = new Map<string, Intl.RelativeTimeFormat>();

export function relativeTime(instant: string | Date, locale: string, now: Date = new Date()): string {
  const then = typeof instant === 'string' ? new Date(instant) : instant;
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    formatters.set(locale, formatter);
  }
  const abs = Math.abs(seconds);
  if (abs < 45) return formatter.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (abs >= size) return formatter.format(Math.round(seconds / size), unit);
  }
  return formatter.format(seconds, 'second');
}

/** How long until the relative text of `instant` can change (to re-render no more often than needed). */
export function refreshDelayMs(instant: string | Date, now: Date = new Date()): number {
  const then = typeof instant === 'string' ? new Date(instant) : instant;
  const age = Math.abs(now.getTime() - then.getTime()) / 1000;
  if (age < 3600) return 30_000;
  if (age < 24 * 3600) return 5 * 60_000;
  return 60 * 60_000;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** The exact date and time in `locale` (one formatter per locale: making one costs more than using it). */
export function formatDateTime(instant: string | Date, locale: string): string {
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
    dateTimeFormats.set(locale, format);
  }
  return format.format(typeof instant === 'string' ? new Date(instant) : instant);
}
