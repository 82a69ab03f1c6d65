// The search box (F5) and the filter panel (F6): customer, seller and product as searchable dropdowns over all of
// them, the two toggles, how many filters are on, and a reset. Every change reaches the list at once.
import { Badge, Button, CloseButton, Group, Select, Switch, TextInput } from '@mantine/core';
import type { SessionStatus } from '@shared/domain.ts';
import { memo, type RefObject, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { type PartyOption, PartySelect } from './PartySelect.tsx';
import { activeFilterCount, type FilterState, type PartyKind, useSessionsStore } from './sessionsStore.ts';
import { NS } from './strings.ts';
import { useAssignees } from './workflow.ts';

const STATUSES: SessionStatus[] = ['open', 'pending', 'resolved'];

/** B10: status and assignee dropdowns, and "hide snoozed". */
function WorkflowFilters() {
  const { t } = useTranslation(NS);
  const status = useSessionsStore((s) => s.filters.status);
  const assignee = useSessionsStore((s) => s.filters.assignee);
  const setFilter = useSessionsStore((s) => s.setFilter);
  const people = useAssignees();
  const assigneeOptions = [
    { value: 'me', label: t('workflow.me') },
    { value: 'meOrNone', label: t('workflow.meOrNone') },
    { value: 'none', label: t('workflow.unassigned') },
    ...people.map((p) => ({ value: p.id, label: p.name })),
  ];
  return (
    <>
      <Select
        label={t('workflow.filterStatus')}
        placeholder={t('filters.any')}
        data={STATUSES.map((s) => ({ value: s, label: t(`workflow.status.${s}`) }))}
        value={status}
        onChange={(v) => setFilter('status', (v as SessionStatus | null) ?? null)}
        clearable
        size="sm"
        w={140}
        data-testid="filter-status"
      />
      <Select
        label={t('workflow.filterAssignee')}
        placeholder={t('filters.any')}
        data={assigneeOptions}
        value={assignee}
        onChange={(v) => setFilter('assignee', v ?? null)}
        clearable
        searchable
        nothingFoundMessage={t('filters.nothingFound')}
        size="sm"
        w={180}
        data-testid="filter-assignee"
      />
    </>
  );
}

const FILTER_KEYS = { customer: 'customerId', seller: 'sellerId', product: 'productId' } as const satisfies Record<
  PartyKind,
  keyof FilterState
>;

/** One party's dropdown: its value and known name from the store, a change sets the filter (with the name). */
function PartyFilter({ kind, w }: { kind: PartyKind; w: number }) {
  const { t } = useTranslation(NS);
  const key = FILTER_KEYS[kind];
  const value = useSessionsStore((s) => s.filters[key]);
  const valueLabel = useSessionsStore((s) => s.labels[kind]);
  const setFilter = useSessionsStore((s) => s.setFilter);
  const onChange = useCallback(
    (id: string | null, option: PartyOption | null) => setFilter(key, id, option?.label),
    [setFilter, key],
  );
  return (
    <PartySelect
      kind={kind}
      label={t(`filters.${kind}`)}
      placeholder={t('filters.any')}
      value={value}
      valueLabel={valueLabel}
      onChange={onChange}
      clearable
      w={w}
      testId={`filter-${kind}`}
      preload={false}
    />
  );
}

export const FilterBar = memo(function FilterBar({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation(NS);
  const search = useSessionsStore((s) => s.search);
  const filters = useSessionsStore((s) => s.filters);
  const setSearch = useSessionsStore((s) => s.setSearch);
  const setFilter = useSessionsStore((s) => s.setFilter);
  const resetFilters = useSessionsStore((s) => s.resetFilters);
  const active = activeFilterCount(filters);
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
      <PartyFilter kind="customer" w={200} />
      <PartyFilter kind="seller" w={200} />
      <PartyFilter kind="product" w={220} />
      <WorkflowFilters />
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
        <Switch
          label={t('workflow.hideSnoozed')}
          checked={filters.hideSnoozed}
          onChange={(e) => setFilter('hideSnoozed', e.currentTarget.checked)}
          data-testid="filter-hide-snoozed"
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
