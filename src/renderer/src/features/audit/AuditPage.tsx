// The audit log (B4), for managers and admins (audit.read): every staff action newest first — who, what, the
// target, when (relative, with the absolute date and time beside it) — filtered by action and by staff member (the
// backend filters), with "Load more" for the next page. Online only, like the staff accounts.
import { Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import type { AuditEntry } from '@shared/domain.ts';
import { formatDateTime, relativeTime } from '@shared/relativeTime.ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ListColumn, ListTable } from '../../app/ListTable.tsx';
import { callBridge, errorMessage } from '../../bridge/bridgeHooks.ts';
import '../staff/strings.ts';
import { NS } from './strings.ts';

export const AUDIT_PAGE_SIZE = 50;
/** The actions the backend records (server routes and stores), in the filter's order. */
export const AUDIT_ACTIONS = [
  'staff.create',
  'staff.role',
  'staff.disable',
  'staff.enable',
  'auth.login',
  'auth.logout',
  'session.create',
  'session.update',
  'session.delete',
  'session.markRead',
  'message.create',
  'message.delete',
  'message.markRead',
  'settings.update',
  'user.rename',
  'product.rename',
] as const;

const actionKey = (action: string) => `actions.${action.replace('.', '_')}`;

function Target({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation(NS);
  const d = entry.details;
  const kind = t(`kinds.${entry.targetKind}`, { defaultValue: entry.targetKind });
  let detail: string | null = null;
  if (typeof d.email === 'string') detail = d.email;
  else if (typeof d.name === 'string') detail = d.name;
  else if (typeof d.affected === 'number' && entry.targetId === null) detail = String(d.affected);
  else if (entry.targetId) detail = entry.targetId.slice(0, 8);
  const roleChange =
    entry.action === 'staff.role' && typeof d.from === 'string' && typeof d.role === 'string'
      ? t('roleChange', {
          from: t(`roles.${d.from}`, { ns: 'staff', defaultValue: d.from }),
          to: t(`roles.${d.role}`, { ns: 'staff', defaultValue: d.role }),
        })
      : entry.action === 'staff.create' && typeof d.role === 'string'
        ? t(`roles.${d.role}`, { ns: 'staff', defaultValue: d.role })
        : null;
  return (
    <Stack gap={0}>
      <Text size="sm">
        {kind}
        {detail && (
          <Text span size="sm" c="dimmed" dir="auto" mx={6} title={entry.targetId ?? undefined}>
            {detail}
          </Text>
        )}
      </Text>
      {roleChange && (
        <Text size="xs" c="dimmed" data-testid="audit-role-change">
          {roleChange}
        </Text>
      )}
    </Stack>
  );
}

function When({ at, locale }: { at: string; locale: string }) {
  const absolute = formatDateTime(at, locale);
  return (
    <Stack gap={0}>
      <Text size="sm" data-testid="audit-relative">
        {relativeTime(at, locale)}
      </Text>
      <Text size="xs" c="dimmed" component="time" dateTime={at} data-testid="audit-absolute">
        {absolute}
      </Text>
    </Stack>
  );
}

export function AuditPage() {
  const { t, i18n } = useTranslation(NS);
  const [action, setAction] = useState<string | null>(null);
  const [staffId, setStaffId] = useState<string | null>(null);
  const [items, setItems] = useState<AuditEntry[] | null>(null);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  /** Staff members seen in the log so far: the staff filter's choices (managers may not list staff accounts). */
  const [seen, setSeen] = useState<Map<string, string>>(new Map());
  const request = useRef(0);

  const load = useCallback(
    async (offset: number) => {
      const mine = ++request.current;
      setLoading(true);
      setLoadError(null);
      try {
        const page = await callBridge('audit.list', {
          offset,
          limit: AUDIT_PAGE_SIZE,
          ...(action ? { action } : {}),
          ...(staffId ? { staffId } : {}),
        });
        if (mine !== request.current) return;
        setItems((prev) => (offset === 0 ? page.items : [...(prev ?? []), ...page.items]));
        setTotal(page.total);
        setSeen((prev) => {
          const next = new Map(prev);
          for (const e of page.items) if (e.staff) next.set(e.staff.id, e.staff.name);
          return next.size === prev.size ? prev : next;
        });
      } catch (error) {
        if (mine === request.current) setLoadError(errorMessage(error));
      } finally {
        if (mine === request.current) setLoading(false);
      }
    },
    [action, staffId],
  );
  useEffect(() => {
    void load(0);
  }, [load]);

  const locale = i18n.language === 'ar' ? 'ar' : 'en';
  const filtered = action !== null || staffId !== null;
  const columns: ListColumn<AuditEntry>[] = [
    { key: 'when', header: t('col.when'), cell: (entry) => <When at={entry.at} locale={locale} /> },
    {
      key: 'who',
      header: t('col.who'),
      cell: (entry) => (
        <Text size="sm" dir="auto">
          {entry.staff?.name ?? t('system')}
        </Text>
      ),
    },
    {
      key: 'what',
      header: t('col.what'),
      cell: (entry) => (
        <Badge variant="light" color={entry.action.startsWith('staff.') ? 'grape' : 'blue'}>
          {t(actionKey(entry.action), { defaultValue: entry.action })}
        </Badge>
      ),
    },
    { key: 'target', header: t('col.target'), cell: (entry) => <Target entry={entry} /> },
  ];
  return (
    <ListTable
      testId="audit-page"
      title={t('title')}
      intro={t('intro')}
      filters={
        <>
          <Select
            label={t('filterAction')}
            placeholder={t('anyAction')}
            data={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(actionKey(a)) }))}
            value={action}
            onChange={setAction}
            clearable
            searchable
            w={260}
            data-testid="audit-filter-action"
          />
          <Select
            label={t('filterStaff')}
            placeholder={t('anyStaff')}
            data={[...seen].map(([value, label]) => ({ value, label }))}
            value={staffId}
            onChange={setStaffId}
            clearable
            searchable
            w={240}
            data-testid="audit-filter-staff"
          />
        </>
      }
      error={loadError && t('loadFailed', { message: loadError })}
      retry={{ label: t('retry'), onRetry: () => void load(items?.length ?? 0) }}
      columns={columns}
      rows={items}
      rowKey={(entry) => entry.id}
      rowTestId="audit-row"
      rowProps={(entry) => ({ 'data-action': entry.action })}
      tableTestId="audit-table"
      highlightOnHover={false}
      emptyText={filtered ? t('noneFiltered') : t('none')}
      emptyTestId="audit-empty"
      paging={{
        kind: 'whole',
        loadingText: t('loading'),
        footer: items && (
          <Group justify="space-between">
            <Text size="sm" c="dimmed" data-testid="audit-shown">
              {t('shown', { shown: items.length, total })}
            </Text>
            {items.length < total && (
              <Button variant="default" loading={loading} onClick={() => void load(items.length)}>
                {t('more')}
              </Button>
            )}
          </Group>
        ),
      }}
    />
  );
}
