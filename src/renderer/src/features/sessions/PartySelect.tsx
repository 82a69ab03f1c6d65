// A searchable dropdown over all customers, sellers or products (F6, F9): preloaded with the first names (the form's,
// F9) or loaded when first opened (the filter bar's, so the window's start does not wait on them), and every keystroke
// searches the whole cache through the core (options.users / options.products), never a list held here.
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { Option, ProductOption } from '@shared/bridge.ts';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callBridge } from '../../bridge/bridgeHooks.ts';
import type { PartyKind } from './sessionsStore.ts';
import { NS } from './strings.ts';

export type PartyOption = Option & { sellerId?: string };

export async function searchParties(kind: PartyKind, search: string, limit = 50): Promise<PartyOption[]> {
  if (kind === 'product') {
    const { items } = await callBridge('options.products', { search, limit });
    return items as ProductOption[];
  }
  const { items } = await callBridge('options.users', { role: kind, search, limit });
  return items;
}

export interface PartySelectProps {
  kind: PartyKind;
  label: string;
  value: string | null;
  /** The chosen one's name when it is known before any search (a saved view, an edited session). */
  valueLabel?: string | undefined;
  onChange(id: string | null, option: PartyOption | null): void;
  placeholder?: string;
  error?: string | undefined;
  required?: boolean;
  clearable?: boolean;
  size?: 'xs' | 'sm';
  w?: number | string;
  testId?: string;
  autoFocus?: boolean;
  /** Load the first names at once (default) or only when the dropdown is first opened or typed in. */
  preload?: boolean;
}

/** Memoised: the screen re-renders on every total or selection change, and each dropdown holds 50 options. */
export const PartySelect = memo(function PartySelect(props: PartySelectProps) {
  const { t } = useTranslation(NS);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 120);
  const [items, setItems] = useState<PartyOption[]>([]);
  const [loading, setLoading] = useState(false);
  const known = useRef(new Map<string, PartyOption>());
  const [wanted, setWanted] = useState(props.preload ?? true);

  useEffect(() => {
    if (!wanted) return;
    let alive = true;
    setLoading(true);
    // The box shows the chosen name as its text: that is not a search for it.
    const chosen = props.value ? (known.current.get(props.value)?.label ?? props.valueLabel) : undefined;
    const query = chosen !== undefined && debounced === chosen ? '' : debounced.trim();
    searchParties(props.kind, query)
      .then((found) => {
        if (!alive) return;
        for (const o of found) known.current.set(o.id, o);
        setItems(found);
      })
      .catch(() => alive && setItems([]))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [wanted, debounced, props.kind, props.value, props.valueLabel]);

  const data = useMemo(() => {
    const list = items.map((o) => ({ value: o.id, label: o.label }));
    if (props.value && !list.some((o) => o.value === props.value)) {
      const label = known.current.get(props.value)?.label ?? props.valueLabel ?? props.value;
      list.unshift({ value: props.value, label });
    }
    return list;
  }, [items, props.value, props.valueLabel]);

  return (
    <Select
      label={props.label}
      aria-label={props.label}
      placeholder={props.placeholder ?? t('form.searchHint')}
      data={data}
      value={props.value}
      onChange={(id) => props.onChange(id, id ? (known.current.get(id) ?? null) : null)}
      searchable
      searchValue={search}
      onSearchChange={(text) => {
        setSearch(text);
        if (text !== search) setWanted(true);
      }}
      onDropdownOpen={() => setWanted(true)}
      filter={({ options }) => options}
      nothingFoundMessage={loading || !wanted ? '…' : t('filters.nothingFound')}
      clearable={props.clearable ?? false}
      required={props.required ?? false}
      error={props.error}
      size={props.size ?? 'sm'}
      w={props.w}
      data-testid={props.testId}
      data-autofocus={props.autoFocus ? true : undefined}
      comboboxProps={{ withinPortal: true }}
      maxDropdownHeight={280}
      renderOption={({ option }) => {
        const hint = known.current.get(option.value)?.hint;
        return (
          <span>
            {option.label}
            {hint && (
              <span style={{ marginInlineStart: 6, fontSize: 12, color: 'var(--mantine-color-dimmed)' }}>{hint}</span>
            )}
          </span>
        );
      }}
    />
  );
});
