// The moderation workspace (B9): the review queue as a table (the message, why it is here — flags and report
// categories —, how many reports, the session, when first seen), filtered by status, reason and report category,
// and beside it the chosen item in its conversation with its sender's sanctions and the decisions: dismiss, remove
// with a reason the participants read (presets), restore. D, X and U decide on the item in view (the shortcut table,
// features/shortcuts). Checked items of the open queue are dismissed or removed together (ModerationBulkBar.tsx).
// Decisions go through the core's outbox; the queue reloads when the feed says it changed.
// Managers read it without the decisions. Online only for now: the core says so plainly when offline.
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  Paper,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { ModerationItemDetail } from '@shared/bridge.ts';
import type {
  ModerationAction,
  ModerationItem,
  ModerationReason,
  ModerationStatus,
  ReportCategory,
} from '@shared/domain.ts';
import { formatDateTime, relativeTime } from '@shared/relativeTime.ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../app/navigation.ts';
import { callBridge, errorMessage, hasPermission, useAccount, useBridgeEvent } from '../../bridge/bridgeHooks.ts';
import { showToast } from '../../ui/toast.ts';
import { ModerationBulkBar } from './ModerationBulkBar.tsx';
import { Detail, Why } from './ModerationDetail.tsx';
import { ModerationRulesPanel } from './ModerationRulesPanel.tsx';
import { NS } from './strings.ts';

export const MODERATION_PAGE_SIZE = 50;
const REASONS: ModerationReason[] = ['flag', 'report', 'escalated'];
const CATEGORIES: ReportCategory[] = ['spam', 'abuse', 'off_platform', 'scam', 'other'];

export function ModerationPage() {
  const { t, i18n } = useTranslation(NS);
  const account = useAccount();
  const canDecide = hasPermission(account, 'moderation.decide');
  const [status, setStatus] = useState<ModerationStatus>('open');
  const [reason, setReason] = useState<ModerationReason | null>(null);
  const [category, setCategory] = useState<ReportCategory | null>(null);
  const [sort, setSort] = useState<'firstSeen' | 'reportsCount'>('firstSeen');
  const [items, setItems] = useState<ModerationItem[] | null>(null);
  const [total, setTotal] = useState(0);
  /** Answered from the desk's cache: the backend cannot be reached (B9 offline). */
  const [cached, setCached] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [detail, setDetail] = useState<ModerationItemDetail | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);
  /** Items checked for a bulk decision (open queue, moderators and admins). */
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [rulesOpen, setRulesOpen] = useState(false);
  const request = useRef(0);
  const detailRequest = useRef(0);

  const load = useCallback(
    async (count: number) => {
      const mine = ++request.current;
      setLoadError(null);
      try {
        const page = await callBridge('moderation.queue', {
          status,
          sort,
          offset: 0,
          limit: Math.min(200, Math.max(MODERATION_PAGE_SIZE, count)),
          ...(reason ? { reason } : {}),
          ...(category ? { category } : {}),
        });
        if (mine !== request.current) return;
        setItems(page.items);
        setTotal(page.total);
        setCached(page.cached === true);
      } catch (error) {
        if (mine === request.current) setLoadError(errorMessage(error));
      }
    },
    [status, reason, category, sort],
  );
  useEffect(() => {
    setItems(null);
    setChecked(new Set());
    void load(MODERATION_PAGE_SIZE);
  }, [load]);

  const loadDetail = useCallback(async (id: string) => {
    const mine = ++detailRequest.current;
    setDetailError(null);
    try {
      const next = await callBridge('moderation.item', { id });
      if (mine === detailRequest.current) setDetail(next);
    } catch (error) {
      if (mine === detailRequest.current) setDetailError(errorMessage(error));
    }
  }, []);
  useEffect(() => {
    setDetail(null);
    if (selectedId) void loadDetail(selectedId);
  }, [selectedId, loadDetail]);

  // Opened on an item (a moderator's notification, the tray): the open queue, unfiltered, with that item in view.
  const routedItem = useNavigation((s) => (s.route.name === 'moderation' ? (s.route.itemId ?? null) : null));
  const pinned = useRef<string | null>(null);
  useEffect(() => {
    if (!routedItem) return;
    pinned.current = routedItem;
    setStatus('open');
    setReason(null);
    setCategory(null);
    setSelectedId(routedItem);
  }, [routedItem]);

  // The first item is in view when nothing is chosen (or the chosen one left the list), unless it was asked for.
  useEffect(() => {
    if (!items) return;
    if (selectedId && selectedId === pinned.current) return;
    if (!selectedId || !items.some((i) => i.id === selectedId)) setSelectedId(items[0]?.id ?? null);
  }, [items, selectedId]);

  const shown = useRef(0);
  shown.current = items?.length ?? 0;
  useBridgeEvent('sessions.changed', (changes) => {
    if (!changes.moderationChanged && !changes.all) return;
    setPendingId(null);
    void load(shown.current);
    if (selectedId) void loadDetail(selectedId);
  });
  // Offline: the queue from the desk's cache, said so; back online: as the backend has it now.
  const online = useRef<boolean | null>(null);
  useBridgeEvent('sync.state', (state) => {
    const was = online.current;
    online.current = state.status !== 'offline';
    // The first notice since the section opened may already be a change (its first load may predate it).
    if (was !== online.current) void load(shown.current);
  });

  /** Decided items leave the open queue; the next one comes into view where the chosen one was. */
  const dropDecided = (ids: readonly string[]) => {
    if (status !== 'open' || !items) return;
    const gone = new Set(ids);
    const at = items.findIndex((i) => i.id === selectedId);
    const next = items.filter((i) => !gone.has(i.id));
    setItems(next);
    setTotal((n) => Math.max(0, n - (items.length - next.length)));
    if (!selectedId || gone.has(selectedId))
      setSelectedId(next[Math.min(Math.max(at, 0), next.length - 1)]?.id ?? null);
    setChecked((c) => new Set([...c].filter((id) => !gone.has(id))));
  };

  const decide = async (action: ModerationAction, why?: string) => {
    if (!detail) return;
    const itemId = detail.item.id;
    setPendingId(itemId);
    try {
      await callBridge('moderation.decide', { id: itemId, action, ...(why ? { reason: why } : {}) });
      showToast('teal', t('queued', { action: t(`actions.${action}`) }));
      // In the open queue a decided item leaves the list: the next one comes into view.
      if (status === 'open' && items) {
        dropDecided([itemId]);
        setPendingId(null);
      }
    } catch (error) {
      setPendingId(null);
      showToast('red', errorMessage(error));
    }
  };

  const locale = i18n.language === 'ar' ? 'ar' : 'en';
  const filtered = reason !== null || category !== null;
  const checkable = canDecide && status === 'open';
  const checkedItems = checkable ? (items ?? []).filter((i) => checked.has(i.id)) : [];
  const toggle = (ids: string[], on: boolean) =>
    setChecked((c) => {
      const next = new Set(c);
      for (const id of ids) on ? next.add(id) : next.delete(id);
      return next;
    });
  return (
    <Stack p="md" gap="sm" h="100%" data-testid="moderation-page">
      <Group justify="space-between" align="start" wrap="nowrap">
        <div>
          <Title order={2}>{t('title')}</Title>
          <Text size="sm" c="dimmed">
            {t('intro')}
          </Text>
        </div>
        <Button variant="light" onClick={() => setRulesOpen(true)} data-testid="moderation-rules-open">
          {t('rulesButton')}
        </Button>
      </Group>
      <ModerationRulesPanel opened={rulesOpen} onClose={() => setRulesOpen(false)} canEdit={canDecide} />
      <Group align="end" gap="sm">
        <SegmentedControl
          aria-label={t('filterStatus')}
          value={status}
          onChange={(v) => setStatus(v as ModerationStatus)}
          data={[
            { value: 'open', label: t('status.open') },
            { value: 'resolved', label: t('status.resolved') },
          ]}
          data-testid="moderation-status"
        />
        <Select
          label={t('filterReason')}
          placeholder={t('anyReason')}
          data={REASONS.map((r) => ({ value: r, label: t(`reasons.${r}`) }))}
          value={reason}
          onChange={(v) => setReason(v as ModerationReason | null)}
          clearable
          w={190}
          data-testid="moderation-filter-reason"
        />
        <Select
          label={t('filterCategory')}
          placeholder={t('anyCategory')}
          data={CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
          value={category}
          onChange={(v) => setCategory(v as ReportCategory | null)}
          clearable
          w={210}
          data-testid="moderation-filter-category"
        />
        <Select
          label={t('sort')}
          data={(['firstSeen', 'reportsCount'] as const).map((s) => ({ value: s, label: t(`sorts.${s}`) }))}
          value={sort}
          onChange={(v) => v && setSort(v as 'firstSeen' | 'reportsCount')}
          allowDeselect={false}
          w={170}
          data-testid="moderation-sort"
        />
        {items && (
          <Text size="sm" c="dimmed" data-testid="moderation-count" data-count={total}>
            {t('count', { count: total })}
          </Text>
        )}
      </Group>
      {cached && (
        <Alert color="yellow" data-testid="moderation-offline">
          {t('offline')}
        </Alert>
      )}
      {loadError && (
        <Alert color="red" data-testid="moderation-error">
          <Group justify="space-between">
            <Text size="sm">{t('loadFailed', { message: loadError })}</Text>
            <Button size="xs" variant="light" onClick={() => void load(MODERATION_PAGE_SIZE)}>
              {t('retry')}
            </Button>
          </Group>
        </Alert>
      )}
      {checkable && (
        <ModerationBulkBar
          items={checkedItems}
          onDecided={(_action, ids) => dropDecided(ids)}
          onClear={() => setChecked(new Set())}
        />
      )}
      <Group align="stretch" gap="md" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <ScrollArea style={{ flex: 1, minWidth: 0 }}>
          {items === null && !loadError && (
            <Group gap="xs" role="status">
              <Loader size="sm" />
              <Text size="sm">{t('loading')}</Text>
            </Group>
          )}
          {items?.length === 0 && (
            <Text c="dimmed" p="md" data-testid="moderation-empty">
              {filtered ? t('noneFiltered') : t('none')}
            </Text>
          )}
          {items && items.length > 0 && (
            <Table highlightOnHover data-testid="moderation-table">
              <Table.Thead>
                <Table.Tr>
                  {checkable && (
                    <Table.Th w={36}>
                      <Checkbox
                        aria-label={t('checkAll')}
                        checked={checkedItems.length === items.length}
                        indeterminate={checkedItems.length > 0 && checkedItems.length < items.length}
                        onChange={(e) =>
                          toggle(
                            items.map((i) => i.id),
                            e.currentTarget.checked,
                          )
                        }
                        data-testid="moderation-check-all"
                      />
                    </Table.Th>
                  )}
                  <Table.Th>{t('col.message')}</Table.Th>
                  <Table.Th>{t('col.why')}</Table.Th>
                  <Table.Th>{t('col.reports')}</Table.Th>
                  <Table.Th>{t('col.session')}</Table.Th>
                  <Table.Th>{t('col.firstSeen')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr
                    key={item.id}
                    onClick={() => {
                      pinned.current = null;
                      setSelectedId(item.id);
                    }}
                    bg={item.id === selectedId ? 'var(--mantine-primary-color-light)' : undefined}
                    aria-selected={item.id === selectedId}
                    style={{ cursor: 'pointer' }}
                    data-testid="moderation-row"
                    data-message-id={item.message.id}
                  >
                    {checkable && (
                      <Table.Td onClick={(e) => e.stopPropagation()}>
                        <Checkbox
                          aria-label={t('checkOne')}
                          checked={checked.has(item.id)}
                          onChange={(e) => toggle([item.id], e.currentTarget.checked)}
                          data-testid="moderation-check"
                        />
                      </Table.Td>
                    )}
                    <Table.Td maw={320}>
                      <Text size="xs" c="dimmed" dir="auto">
                        {item.message.senderName}
                      </Text>
                      <Text size="sm" dir="auto" lineClamp={2} td={item.message.removed ? 'line-through' : undefined}>
                        {item.message.body}
                      </Text>
                    </Table.Td>
                    <Table.Td miw={150}>
                      <Why item={item} />
                    </Table.Td>
                    <Table.Td>{item.reportsCount}</Table.Td>
                    <Table.Td>
                      <Text size="sm" dir="auto">
                        {item.session.product.name}
                      </Text>
                      <Text size="xs" c="dimmed" dir="auto">
                        {item.session.customer.name} · {item.session.seller.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title={formatDateTime(item.firstSeenAt, locale)}>
                        {relativeTime(item.firstSeenAt, locale)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {items && items.length < total && (
            <Button variant="subtle" mt="xs" onClick={() => void load(items.length + MODERATION_PAGE_SIZE)}>
              {t('more')}
            </Button>
          )}
        </ScrollArea>
        <Paper withBorder p="md" w={420} style={{ flexShrink: 0, overflow: 'auto' }} data-testid="moderation-pane">
          {detailError && <Alert color="red">{t('detailFailed', { message: detailError })}</Alert>}
          {!detail && !detailError && (
            <Text c="dimmed" size="sm">
              {selectedId ? t('loading') : t('pickOne')}
            </Text>
          )}
          {detail && (
            <Detail
              key={detail.item.id}
              detail={detail}
              canDecide={canDecide}
              role={account?.staff?.role ?? ''}
              pending={pendingId === detail.item.id}
              onDecide={(action, why) => void decide(action, why)}
            />
          )}
        </Paper>
      </Group>
    </Stack>
  );
}
