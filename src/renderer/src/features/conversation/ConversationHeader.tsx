// What the conversation is about (F13 beside D3): the product, both participants, the counts and the customer's
// orders of that product.
import { Badge, Group, Stack, Text } from '@mantine/core';
import type { Order, Product, Session } from '@shared/domain.ts';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../ui/money.ts';
import { OrderStatusBadge } from '../../ui/OrderStatusBadge.tsx';
import { RelativeTime } from '../../ui/RelativeTime.tsx';
import { WorkflowBar } from '../sessions/WorkflowBar.tsx';
import { SanctionBadge, useActiveSanctions } from './moderationMarks.tsx';
import { NS } from './strings.ts';

export function SessionCounts({ session }: { session: Session }) {
  const { t } = useTranslation(NS);
  return (
    <Group gap={6} data-testid="session-counts">
      <Badge color="blue" variant="light" data-testid="messages-count">
        {t('messagesCount', { count: session.messagesCount })}
      </Badge>
      <Badge color={session.unreadCount > 0 ? 'yellow' : 'green'} variant="light" data-testid="unread-count">
        {t('unreadCount', { count: session.unreadCount })}
      </Badge>
      {session.flaggedCount > 0 && (
        <Badge color="red" variant="light">
          {t('flaggedCount', { count: session.flaggedCount })}
        </Badge>
      )}
      <Text size="xs" c="dimmed" data-testid="last-message-at">
        {t('lastMessage', { time: '' })}
        <RelativeTime instant={session.lastMessageAt} />
      </Text>
    </Group>
  );
}

export function ConversationHeader({
  session,
  product,
  orders,
}: {
  session: Session;
  product: Product | null;
  orders: Order[];
}) {
  const { t, i18n } = useTranslation(NS);
  const locale = i18n.language || 'en';
  // B9: a mute or ban in force beside the participant's name.
  const sanctions = useActiveSanctions(session);
  return (
    <Stack gap={6} data-testid="conversation-header">
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Text fw={700} size="md" lineClamp={1} title={session.product.name} dir="auto">
          {session.product.name}
        </Text>
        {product && (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {formatMoney(product.price, product.currency, locale)}
          </Text>
        )}
      </Group>
      <Group gap="md">
        {(['customer', 'seller'] as const).map((role) => (
          <Group key={role} gap={6} wrap="nowrap">
            <Text size="sm">
              <Text span c="dimmed">
                {t(role)}:{' '}
              </Text>
              <Text span fw={500} dir="auto">
                {session[role].name}
              </Text>
            </Text>
            <SanctionBadge sanction={sanctions.get(session[role].id)} />
          </Group>
        ))}
      </Group>
      <SessionCounts session={session} />
      <WorkflowBar session={session} />
      <Stack gap={2} data-testid="related-orders">
        <Text size="xs" fw={600} c="dimmed">
          {t('orders')}
        </Text>
        {orders.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('noOrders')}
          </Text>
        ) : (
          orders.map((o) => (
            <Group key={o.id} gap={6}>
              <OrderStatusBadge status={o.status} />
              <Text size="xs">
                {o.quantity} × · {formatMoney(o.total, o.currency, locale)}
              </Text>
              <Text size="xs" c="dimmed">
                <RelativeTime instant={o.createdAt} />
              </Text>
            </Group>
          ))
        )}
      </Stack>
    </Stack>
  );
}
