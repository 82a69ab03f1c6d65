// F13 Users: the participants with search; each one's sessions (and a customer's orders) one click away.
import { Badge, Button, Group, SegmentedControl } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { CallOutput } from '@shared/bridge.ts';
import type { UserRole } from '@shared/domain.ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ListColumn, ListTable } from '../../app/ListTable.tsx';
import { useNavigation } from '../../app/navigation.ts';
import { callBridge, errorMessage, useBridgeEvent } from '../../bridge/bridgeHooks.ts';
import { RelativeTime } from '../../ui/RelativeTime.tsx';
import { NS } from './strings.ts';

const PAGE_SIZE = 50;
type Rows = CallOutput<'users.list'>;

export function UsersPage() {
  const { t } = useTranslation(NS);
  const navigate = useNavigation((s) => s.navigate);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [role, setRole] = useState<'all' | UserRole>('all');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Rows | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` asks for a reload after a change elsewhere
  useEffect(() => {
    let alive = true;
    callBridge('users.list', {
      search: debounced.trim(),
      ...(role === 'all' ? {} : { role }),
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
  }, [debounced, role, page, version]);
  // Session counts move with the sessions: refresh when a resync or bulk change touched everything.
  useBridgeEvent('sessions.changed', (change) => {
    if (change.all || change.deletedIds.length > 0) setVersion((v) => v + 1);
  });

  const columns: ListColumn<Rows['items'][number]>[] = [
    { key: 'name', header: t('name'), td: { dir: 'auto' }, cell: (u) => u.name },
    { key: 'email', header: t('email'), cell: (u) => u.email },
    {
      key: 'role',
      header: t('roleColumn'),
      cell: (u) => (
        <Badge variant="light" color={u.role === 'customer' ? 'blue' : 'grape'}>
          {t(`roleOne.${u.role}`)}
        </Badge>
      ),
    },
    { key: 'since', header: t('since'), cell: (u) => <RelativeTime instant={u.createdAt} /> },
    {
      key: 'actions',
      header: t('actions'),
      cell: (u) => (
        <Group gap={4} wrap="nowrap">
          <Button
            size="compact-xs"
            variant="light"
            disabled={u.sessionsCount === 0}
            onClick={() =>
              navigate({
                name: 'sessions',
                filter: u.role === 'customer' ? { customerId: u.id } : { sellerId: u.id },
              })
            }
          >
            {t('openSessions', { count: u.sessionsCount })}
          </Button>
          {u.role === 'customer' && (
            <Button size="compact-xs" variant="subtle" onClick={() => navigate({ name: 'orders', customerId: u.id })}>
              {t('openOrders')}
            </Button>
          )}
        </Group>
      ),
    },
  ];
  return (
    <ListTable
      testId="users-page"
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
        <SegmentedControl
          value={role}
          onChange={(v) => {
            setRole(v as typeof role);
            setPage(1);
          }}
          data={[
            { value: 'all', label: t('role.all') },
            { value: 'customer', label: t('role.customer') },
            { value: 'seller', label: t('role.seller') },
          ]}
        />
      }
      count={data && t('total', { count: data.total })}
      error={error && t('failed', { message: error })}
      columns={columns}
      rows={data?.items ?? null}
      rowKey={(u) => u.id}
      rowTestId="user-row"
      emptyText={t('none')}
      paging={{ kind: 'pages', page, pageSize: PAGE_SIZE, total: data?.total ?? null, onPage: setPage }}
    />
  );
}
