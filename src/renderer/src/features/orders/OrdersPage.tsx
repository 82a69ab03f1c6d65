// F13 Orders: orders with search, optionally of one customer or product (from the route); each order leads to the
// conversations about the same product and customer.
import { Alert, Badge, Button, Group, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../../shared/bridge.ts';
import { useNavigation } from '../../app/navigation.ts';
import { usePaginationLabels } from '../../app/pagination.ts';
import { callBridge, errorMessage } from '../conversation/bridgeHooks.ts';
import { formatMoney, OrderStatusBadge } from '../conversation/ConversationHeader.tsx';
import { RelativeTime } from '../conversation/RelativeTime.tsx';
import { NS } from './strings.ts';

const PAGE_SIZE = 50;
type Rows = CallOutput<'orders.list'>;

export function OrdersPage() {
  const { t, i18n } = useTranslation(NS);
  const pageLabels = usePaginationLabels();
  const route = useNavigation((s) => s.route);
  const navigate = useNavigation((s) => s.navigate);
  const customerId = route.name === 'orders' ? route.customerId : undefined;
  const productId = route.name === 'orders' ? route.productId : undefined;
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  // The page number belongs to one filter: another customer or product starts at page 1.
  const filterKey = `${customerId ?? ''}|${productId ?? ''}`;
  const [paging, setPaging] = useState({ key: filterKey, page: 1 });
  const page = paging.key === filterKey ? paging.page : 1;
  const setPage = (next: number) => setPaging({ key: filterKey, page: next });
  const [data, setData] = useState<Rows | null>(null);
  const [error, setError] = useState<string | null>(null);
  const locale = i18n.language || 'en';

  useEffect(() => {
    let alive = true;
    callBridge('orders.list', {
      search: debounced.trim(),
      ...(customerId ? { customerId } : {}),
      ...(productId ? { productId } : {}),
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    })
      .then((rows) => {
        if (!alive) return;
        setData(rows);
        setError(null);
      })
      .catch((e) => alive && setError(errorMessage(e)));
    return () => {
      alive = false;
    };
  }, [debounced, customerId, productId, page]);

  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <Stack p="md" gap="sm" data-testid="orders-page">
      <Title order={2}>{t('title')}</Title>
      <Text size="sm" c="dimmed">
        {t('intro')}
      </Text>
      <Group align="end">
        <TextInput
          label={t('search')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          style={{ flex: 1, maxWidth: 420 }}
          type="search"
        />
        {(customerId || productId) && (
          <Group gap={6}>
            <Badge variant="outline">{customerId ? t('filteredByCustomer') : t('filteredByProduct')}</Badge>
            <Button size="compact-xs" variant="subtle" onClick={() => navigate({ name: 'orders' })}>
              {t('clearFilter')}
            </Button>
          </Group>
        )}
        {data && (
          <Text size="sm" c="dimmed">
            {t('count', { count: data.total })}
          </Text>
        )}
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {t('failed', { message: error })}
        </Alert>
      )}
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('product')}</Table.Th>
            <Table.Th>{t('customer')}</Table.Th>
            <Table.Th>{t('status')}</Table.Th>
            <Table.Th>{t('quantity')}</Table.Th>
            <Table.Th>{t('total')}</Table.Th>
            <Table.Th>{t('date')}</Table.Th>
            <Table.Th>{t('actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={7}>
                <Text c="dimmed" ta="center">
                  {t('none')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {data?.items.map((o) => (
            <Table.Tr key={o.id} data-testid="order-row">
              <Table.Td dir="auto">{o.productName}</Table.Td>
              <Table.Td dir="auto">{o.customerName}</Table.Td>
              <Table.Td>
                <OrderStatusBadge status={o.status} />
              </Table.Td>
              <Table.Td>{o.quantity}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMoney(o.total, o.currency, locale)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <RelativeTime instant={o.createdAt} />
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() =>
                    navigate({ name: 'sessions', filter: { customerId: o.customerId, productId: o.productId } })
                  }
                >
                  {t('conversations')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {pages > 1 && <Pagination value={page} onChange={setPage} total={pages} size="sm" getControlProps={pageLabels} />}
    </Stack>
  );
}
