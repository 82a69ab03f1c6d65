// The search box (F5) and the filter panel (F6): customer, seller and product as searchable dropdowns over all of
// them, the two toggles, how many filters are on, and a reset. Every change reaches the list at once.
import { Badge, Button, CloseButton, Group, Switch, TextInput } from '@mantine/core';
import { memo, type RefObject, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { type PartyOption, PartySelect } from './PartySelect.tsx';
import { activeFilterCount, useSessionsStore } from './sessionsStore.ts';
import { NS } from './strings.ts';

export const FilterBar = memo(function FilterBar({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation(NS);
  const search = useSessionsStore((s) => s.search);
  const filters = useSessionsStore((s) => s.filters);
  const labels = useSessionsStore((s) => s.labels);
  const setSearch = useSessionsStore((s) => s.setSearch);
  const setFilter = useSessionsStore((s) => s.setFilter);
  const resetFilters = useSessionsStore((s) => s.resetFilters);
  const active = activeFilterCount(filters);
  const onCustomer = useCallback(
    (id: string | null, option: PartyOption | null) => setFilter('customerId', id, option?.label),
    [setFilter],
  );
  const onSeller = useCallback(
    (id: string | null, option: PartyOption | null) => setFilter('sellerId', id, option?.label),
    [setFilter],
  );
  const onProduct = useCallback(
    (id: string | null, option: PartyOption | null) => setFilter('productId', id, option?.label),
    [setFilter],
  );

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="sessions-filters" role="search">
      <TextInput
        ref={searchRef}
        label={t('search.label')}
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && search) {
            e.stopPropagation();
            setSearch('');
          }
        }}
        rightSection={search ? <CloseButton size="sm" aria-label={t('close')} onClick={() => setSearch('')} /> : null}
        size="sm"
        w={300}
        data-testid="sessions-search"
      />
      <PartySelect
        kind="customer"
        label={t('filters.customer')}
        placeholder={t('filters.any')}
        value={filters.customerId}
        valueLabel={labels.customer}
        onChange={onCustomer}
        clearable
        w={200}
        testId="filter-customer"
      />
      <PartySelect
        kind="seller"
        label={t('filters.seller')}
        placeholder={t('filters.any')}
        value={filters.sellerId}
        valueLabel={labels.seller}
        onChange={onSeller}
        clearable
        w={200}
        testId="filter-seller"
      />
      <PartySelect
        kind="product"
        label={t('filters.product')}
        placeholder={t('filters.any')}
        value={filters.productId}
        valueLabel={labels.product}
        onChange={onProduct}
        clearable
        w={220}
        testId="filter-product"
      />
      <Group gap="md" pb={6}>
        <Switch
          label={t('filters.hasUnread')}
          checked={filters.hasUnread}
          onChange={(e) => setFilter('hasUnread', e.currentTarget.checked)}
          data-testid="filter-has-unread"
        />
        <Switch
          label={t('filters.recent')}
          checked={filters.recent}
          onChange={(e) => setFilter('recent', e.currentTarget.checked)}
          data-testid="filter-recent"
        />
      </Group>
      <Group gap="xs" pb={4}>
        <Badge
          color={active > 0 ? 'blue' : 'gray'}
          variant={active > 0 ? 'filled' : 'light'}
          data-testid="active-filters"
          data-count={active}
        >
          {active > 0 ? t('filters.active', { count: active }) : t('filters.none')}
        </Badge>
        <Button
          size="xs"
          variant="subtle"
          onClick={resetFilters}
          disabled={active === 0 && !search}
          data-testid="reset-filters"
        >
          {t('filters.reset')}
        </Button>
      </Group>
    </Group>
  );
});
