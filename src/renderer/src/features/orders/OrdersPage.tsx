// F13 Orders: orders with search, optionally of one customer or product (from the route); each order leads to the
// conversations about the same product and customer.
import { Badge, Button, Group } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { CallOutput } from '@shared/bridge.ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ListColumn, ListTable } from '../../app/ListTable.tsx';
import { useNavigation } from '../../app/navigation.ts';
import { callBridge, errorMessage } from '../../bridge/bridgeHooks.ts';
import { formatMoney } from '../../ui/money.ts';
import { OrderStatusBadge } from '../../ui/OrderStatusBadge.tsx';
import { RelativeTime } from '../../ui/RelativeTime.tsx';
import { NS } from './strings.ts';

const PAGE_SIZE = 50;
type Rows = CallOutput<'orders.list'>;

export function OrdersPage() {
  const { t, i18n } = useTranslation(NS);
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

  const columns: ListColumn<Rows['items'][number]>[] = [
    { key: 'product', header: t('product'), td: { dir: 'auto' }, cell: (o) => o.productName },
    { key: 'customer', header: t('customer'), td: { dir: 'auto' }, cell: (o) => o.customerName },
    { key: 'status', header: t('status'), cell: (o) => <OrderStatusBadge status={o.status} /> },
    { key: 'quantity', header: t('quantity'), cell: (o) => o.quantity },
    {
      key: 'total',
      header: t('total'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (o) => formatMoney(o.total, o.currency, locale),
    },
    {
      key: 'date',
      header: t('date'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (o) => <RelativeTime instant={o.createdAt} />,
    },
    {
      key: 'actions',
      header: t('actions'),
      cell: (o) => (
        <Button
          size="compact-xs"
          variant="light"
          onClick={() => navigate({ name: 'sessions', filter: { customerId: o.customerId, productId: o.productId } })}
        >
          {t('conversations')}
        </Button>
      ),
    },
  ];
  return (
    <ListTable
      testId="orders-page"
      title={t('title')}
      intro={t('intro')}
      search={{
        label: t('search'),
        value: search,
        onChange: (value) => {
          setSearch(value);
          setPage(1);
        },
      }}
      filters={
        (customerId || productId) && (
          <Group gap={6}>
            <Badge variant="outline">{customerId ? t('filteredByCustomer') : t('filteredByProduct')}</Badge>
            <Button size="compact-xs" variant="subtle" onClick={() => navigate({ name: 'orders' })}>
              {t('clearFilter')}
            </Button>
          </Group>
        )
      }
      count={data && t('count', { count: data.total })}
      error={error && t('failed', { message: error })}
      columns={columns}
      rows={data?.items ?? null}
      rowKey={(o) => o.id}
      rowTestId="order-row"
      emptyText={t('none')}
      paging={{ kind: 'pages', page, pageSize: PAGE_SIZE, total: data?.total ?? null, onPage: setPage }}
    />
  );
}
