// The cells of the session table (F3): product cut to 30 characters with the full name on hover, the counters as
// badges, the last message as a relative time that keeps itself current, the exact dates in the user's locale.
import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime, RelativeTime } from '../conversation/RelativeTime.tsx';

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

export function MessagesBadge({ count }: { count: number | undefined }) {
  if (count === undefined) return null;
  return (
    <Badge color="blue" variant="filled" data-testid="messages-badge" data-color="blue">
      {count}
    </Badge>
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
    <Badge color={color} variant="filled" data-testid="unread-badge" data-color={color}>
      {count}
    </Badge>
  );
}

export function LastMessageCell({ instant }: { instant: string | undefined }) {
  if (!instant) return null;
  return <RelativeTime instant={instant} />;
}

export function DateCell({ instant }: { instant: string | undefined }) {
  const { i18n } = useTranslation();
  if (!instant) return null;
  return (
    <Text span size="sm" title={instant}>
      {formatDateTime(instant, i18n.language || 'en')}
    </Text>
  );
}
