// F13 Users: the participants with search; each one's sessions (and a customer's orders) one click away.
import {
  Alert,
  Badge,
  Button,
  Group,
  Pagination,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../../shared/bridge.ts';
import type { UserRole } from '../../../../shared/domain.ts';
import { useNavigation } from '../../app/navigation.ts';
import { usePaginationLabels } from '../../app/pagination.ts';
import { callBridge, errorMessage, useBridgeEvent } from '../conversation/bridgeHooks.ts';
import { RelativeTime } from '../conversation/RelativeTime.tsx';
import { NS } from './strings.ts';

const PAGE_SIZE = 50;
type Rows = CallOutput<'users.list'>;

export function UsersPage() {
  const { t } = useTranslation(NS);
  const pageLabels = usePaginationLabels();
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

  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <Stack p="md" gap="sm" data-testid="users-page">
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
        {data && (
          <Text size="sm" c="dimmed">
            {t('total', { count: data.total })}
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
            <Table.Th>{t('name')}</Table.Th>
            <Table.Th>{t('email')}</Table.Th>
            <Table.Th>{t('roleColumn')}</Table.Th>
            <Table.Th>{t('since')}</Table.Th>
            <Table.Th>{t('actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text c="dimmed" ta="center">
                  {t('none')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {data?.items.map((u) => (
            <Table.Tr key={u.id} data-testid="user-row">
              <Table.Td dir="auto">{u.name}</Table.Td>
              <Table.Td>{u.email}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={u.role === 'customer' ? 'blue' : 'grape'}>
                  {t(`roleOne.${u.role}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <RelativeTime instant={u.createdAt} />
              </Table.Td>
              <Table.Td>
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
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => navigate({ name: 'orders', customerId: u.id })}
                    >
                      {t('openOrders')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {pages > 1 && <Pagination value={page} onChange={setPage} total={pages} size="sm" getControlProps={pageLabels} />}
    </Stack>
  );
}
