// An order's status as a coloured badge (the conversation header's related orders, the Orders section).
import { Badge } from '@mantine/core';
import type { OrderStatus } from '@shared/domain.ts';
import { useTranslation } from 'react-i18next';
import { NS } from '../app/strings.ts';

const statusColor: Record<OrderStatus, string> = {
  pending: 'gray',
  paid: 'blue',
  shipped: 'indigo',
  delivered: 'green',
  cancelled: 'red',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation(NS);
  return (
    <Badge size="xs" variant="light" color={statusColor[status]}>
      {t(`orderStatus.${status}`)}
    </Badge>
  );
}
