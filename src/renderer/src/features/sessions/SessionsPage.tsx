// The sessions screen (F2–F9): the table with its search and filters, row and bulk actions, the create and edit
// form, saved views and the remembered column layout (B7), and the keyboard (B6). The frame puts the conversation
// pane beside it for the row in focus (selectSession).
import { Alert, Badge, Button, Checkbox, Group, Menu, Stack, Text, Title } from '@mantine/core';
import type { SavedView } from '@shared/bridge.ts';
import type { Session } from '@shared/domain.ts';
import type { ColumnState } from 'ag-grid-community';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../app/navigation.ts';
import { loadPrefs, updatePrefs } from '../../app/prefs.ts';
import { showSaveFailed } from '../../app/saveFailed.ts';
import { callBridge, errorMessage, hasPermission, useAccount } from '../../bridge/bridgeHooks.ts';
import { directionOf } from '../../i18n/index.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { BulkBar } from './BulkBar.tsx';
import { AllMatchingExport } from './ExportSlot.tsx';
import { FilterBar } from './FilterBar.tsx';
import { resolvePartyLabel } from './labels.ts';
import { PaneLayout } from './paneLayout.ts';
import { AGENT_DEFAULT_FILTER } from './quickViews.ts';
import { SavedViewsMenu } from './SavedViewsMenu.tsx';
import { type RowAction, SessionsGrid, type SessionsGridHandle } from './SessionsGrid.tsx';
import { useSessionKeys } from './sessionKeys.ts';
import { type PartyKind, toSessionFilter, useSessionsStore } from './sessionsStore.ts';
import { NS } from './strings.ts';
import { toast } from './toast.ts';

// The preview (F7) loads when first asked for.
const ConversationPreviewModal = lazy(() =>
  import('../conversation/ConversationPreviewModal.tsx').then((m) => ({ default: m.ConversationPreviewModal })),
);

// The form (with the date-time picker and its locales) loads when first opened, not with the window.
const SessionFormModal = lazy(() => import('./SessionForm.tsx').then((m) => ({ default: m.SessionFormModal })));

/** Columns the user may show or hide (the actions column always stays). */
const TOGGLEABLE = [
  'product',
  'customer',
  'seller',
  'messagesCount',
  'unreadCount',
  'lastMessageAt',
  'createdAt',
  'updatedAt',
] as const;

/** How many sessions match (F5, F6), following the store so a new total re-renders only this badge. */
function TotalBadge() {
  const { t } = useTranslation(NS);
  const total = useSessionsStore((s) => s.total);
  if (total === null) return null;
  return (
    <Badge variant="light" color="gray" data-testid="sessions-total" data-total={total}>
      {t('total', { count: total })}
    </Badge>
  );
}

/** "No chat sessions" over the empty table, and a hint when a search or filter is why. */
function EmptyState({ hidden }: { hidden: boolean }) {
  const { t } = useTranslation(NS);
  const empty = useSessionsStore((s) => s.total === 0);
  const filtered = useSessionsStore((s) => Object.keys(toSessionFilter(s.search, s.filters)).length > 0);
  if (!empty || hidden) return null;
  return (
    <Stack
      align="center"
      justify="center"
      gap={4}
      style={{ position: 'absolute', inset: '48px 0 0 0', pointerEvents: 'none' }}
      data-testid="sessions-empty"
    >
      <Text fw={600}>{t('empty')}</Text>
      {filtered && (
        <Text size="sm" c="dimmed">
          {t('emptyFiltered')}
        </Text>
      )}
    </Stack>
  );
}

/** A filter set by id alone (a saved view, a link) gets its name for the dropdown. */
function FilterLabels() {
  const filters = useSessionsStore((s) => s.filters);
  const labels = useSessionsStore((s) => s.labels);
  useEffect(() => {
    const pending: Array<[PartyKind, string]> = [];
    if (filters.customerId && !labels.customer) pending.push(['customer', filters.customerId]);
    if (filters.sellerId && !labels.seller) pending.push(['seller', filters.sellerId]);
    if (filters.productId && !labels.product) pending.push(['product', filters.productId]);
    for (const [kind, id] of pending) {
      void resolvePartyLabel(kind, id).then((label) => {
        const current = useSessionsStore.getState();
        const stillId =
          kind === 'customer'
            ? current.filters.customerId
            : kind === 'seller'
              ? current.filters.sellerId
              : current.filters.productId;
        if (label && stillId === id) current.setLabel(kind, label);
      });
    }
  }, [filters, labels]);
  return null;
}

/** Whether this window has opened an agent's default view already (B10). */
let agentDefaultShown = false;

export function SessionsPage() {
  const { t, i18n } = useTranslation(NS);
  const rtl = directionOf(i18n.language === 'ar' ? 'ar' : 'en') === 'rtl';
  const account = useAccount();
  const route = useNavigation((s) => s.route);
  const navigate = useNavigation((s) => s.navigate);
  const selectSession = useNavigation((s) => s.selectSession);
  const applyView = useSessionsStore((s) => s.applyView);
  const setTotal = useSessionsStore((s) => s.setTotal);

  const grid = useRef<SessionsGridHandle | null>(null);
  const [layout] = useState(() => new PaneLayout());
  const searchRef = useRef<HTMLInputElement | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [form, setForm] = useState<{ session: Session | null } | null>(null);
  const [deleting, setDeleting] = useState<Session | null>(null);
  const [busy, setBusy] = useState(false);
  const [visibleColumns, setVisibleColumns] = useState<Record<string, boolean>>({});

  const permissions = useMemo(
    () => ({ edit: hasPermission(account, 'sessions.write'), delete: hasPermission(account, 'sessions.delete') }),
    [account],
  );

  // The Users section opens the list filtered to one user (F13).
  useEffect(() => {
    if (route.name === 'sessions' && route.filter) applyView({ filter: route.filter });
  }, [route, applyView]);

  // B10: an agent starts on their own and the unassigned open sessions (once per window, unless a link or a view
  // already chose what to show).
  useEffect(() => {
    if (agentDefaultShown || account?.staff?.role !== 'agent') return;
    agentDefaultShown = true;
    const { search, filters } = useSessionsStore.getState();
    if ((route.name === 'sessions' && route.filter) || Object.keys(toSessionFilter(search, filters)).length > 0) return;
    applyView({ filter: AGENT_DEFAULT_FILTER });
  }, [account, route, applyView]);

  // The page itself does not follow the search, the filters or the total: each part that shows them does (the grid,
  // the total, the empty state, the filter bar), so a keystroke or a new total re-renders only those.
  useEffect(() => setTotal(null), [setTotal]);

  // The keyboard (B6): `/` searches, and the shortcuts on the row in focus (sessionKeys.ts).
  useSessionKeys({
    api: () => grid.current?.api,
    searchRef,
    can: {
      markRead: hasPermission(account, 'messages.markRead'),
      delete: permissions.delete,
      triage: hasPermission(account, 'sessions.triage'),
    },
    me: () => account?.staff ?? null,
    onPreview: (session) => setPreview(session.id),
    onDelete: setDeleting,
  });

  // The table makes room for the conversation pane while it is open and the table is too narrow (paneLayout.ts),
  // following the navigation store and the table's width without re-rendering this page.
  const gridBox = useRef<HTMLDivElement | null>(null);
  const syncLayout = useCallback(
    () =>
      layout.sync(
        grid.current?.api,
        useNavigation.getState().selectedSessionId !== null,
        gridBox.current?.clientWidth ?? 0,
      ),
    [layout],
  );
  useEffect(() => {
    let open = useNavigation.getState().selectedSessionId !== null;
    const off = useNavigation.subscribe((state) => {
      const now = state.selectedSessionId !== null;
      if (now === open) return;
      open = now;
      syncLayout();
    });
    const box = gridBox.current;
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => syncLayout());
    if (box) observer?.observe(box);
    return () => {
      off();
      observer?.disconnect();
    };
  }, [syncLayout]);

  const readVisible = useCallback(() => {
    const api = grid.current?.api;
    if (!api) return;
    const next: Record<string, boolean> = {};
    for (const id of TOGGLEABLE) next[id] = api.getColumn(id)?.isVisible() ?? false;
    setVisibleColumns(next);
  }, []);

  const columnSaveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveColumnState = useCallback(
    (state: ColumnState[]) => {
      readVisible();
      if (columnSaveTimer.current) clearTimeout(columnSaveTimer.current);
      columnSaveTimer.current = setTimeout(() => {
        const mine = layout.toSave(state);
        void updatePrefs({ columnState: mine as unknown as Array<Record<string, unknown>> }).catch(showSaveFailed);
      }, 400);
    },
    [readVisible, layout],
  );

  const onReady = useCallback(
    (handle: SessionsGridHandle) => {
      grid.current = handle;
      readVisible();
      // The remembered layout (B7): widths, order, hidden columns and sort.
      loadPrefs()
        .then((prefs) => {
          if (prefs.columnState?.length) {
            handle.api.applyColumnState({ state: prefs.columnState as unknown as ColumnState[], applyOrder: true });
            readVisible();
          }
        })
        // Unread, the table keeps its default layout and nothing is lost; the next start asks again.
        .catch(() => {})
        .finally(syncLayout);
    },
    [readVisible, syncLayout],
  );

  const applySavedView = useCallback(
    (view: SavedView) => {
      applyView(view);
      grid.current?.api.applyColumnState({
        state: [{ colId: view.sort, sort: view.order }],
        defaultState: { sort: null },
      });
    },
    [applyView],
  );

  // Moving between cells of the same row must not tell the frame (and its pane) anything new.
  const onFocusRow = useCallback(
    (session: Session) => {
      if (useNavigation.getState().selectedSessionId !== session.id) selectSession(session.id);
    },
    [selectSession],
  );
  const onOpen = useCallback(
    (session: Session) => {
      selectSession(session.id);
      setPreview(session.id);
    },
    [selectSession],
  );

  const onAction = useCallback(
    (action: RowAction, session: Session) => {
      if (action === 'view') setPreview(session.id);
      else if (action === 'manage') navigate({ name: 'session', sessionId: session.id });
      else if (action === 'edit') setForm({ session });
      else setDeleting(session);
    },
    [navigate],
  );

  const refreshGrid = useCallback(() => grid.current?.refresh(), []);

  const confirmDelete = async () => {
    if (!deleting) return;
    setBusy(true);
    try {
      await callBridge('sessions.delete', { id: deleting.id });
      toast('green', t('confirmDelete.done', { product: deleting.product.name }));
      const store = useSessionsStore.getState();
      store.setSelected(store.selectedIds.filter((id) => id !== deleting.id));
      if (useNavigation.getState().selectedSessionId === deleting.id) selectSession(null);
      setDeleting(null);
      grid.current?.refresh();
    } catch (error) {
      toast('red', t('failed', { message: errorMessage(error) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" p="sm" h="100%" data-testid="sessions-page" aria-label={t('title')} component="section">
      {/* Where the buttons do not fit beside the title (the conversation pane open), they go under it together,
          on the end side, rather than one of them alone on a second line. */}
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="sm">
          <Title order={2} size="h3">
            {t('title')}
          </Title>
          <TotalBadge />
        </Group>
        <Group gap="xs" wrap="nowrap" ml="auto">
          {permissions.edit && (
            <Button size="sm" onClick={() => setForm({ session: null })} data-testid="new-session">
              {t('form.newSession')}
            </Button>
          )}
          <AllMatchingExport />
          <SavedViewsMenu onApply={applySavedView} />
          <Menu position="bottom-end" shadow="md" withinPortal closeOnItemClick={false} onOpen={readVisible}>
            <Menu.Target>
              <Button variant="default" size="sm" aria-label={t('columnsMenuLabel')} data-testid="columns-menu">
                {t('columnsMenu')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t('columnsMenuLabel')}</Menu.Label>
              {TOGGLEABLE.map((id) => (
                <Menu.Item key={id} data-testid={`column-toggle-${id}`}>
                  <Checkbox
                    label={t(`columns.${id}`)}
                    checked={visibleColumns[id] ?? false}
                    onChange={(e) => {
                      const api = grid.current?.api;
                      if (!api) return;
                      api.setColumnsVisible([id], e.currentTarget.checked);
                      layout.noteVisible(id, e.currentTarget.checked);
                      saveColumnState(api.getColumnState());
                    }}
                  />
                </Menu.Item>
              ))}
              <Menu.Divider />
              <Menu.Item
                onClick={() => {
                  const api = grid.current?.api;
                  if (api) layout.reset(api);
                  syncLayout();
                  readVisible();
                  void updatePrefs({ columnState: null }).catch(showSaveFailed);
                }}
              >
                {t('resetColumns')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <FilterBar searchRef={searchRef} />
      <FilterLabels />
      <BulkBar onDone={refreshGrid} />
      {loadError && (
        <Alert color="red" role="alert">
          {t('loadFailed', { message: loadError })}
        </Alert>
      )}
      <div ref={gridBox} style={{ flex: 1, minHeight: 320, position: 'relative' }}>
        <SessionsGrid
          rtl={rtl}
          permissions={permissions}
          onReady={onReady}
          onTotal={setTotal}
          onError={setLoadError}
          onFocusRow={onFocusRow}
          onOpen={onOpen}
          onAction={onAction}
          onColumnState={saveColumnState}
        />
        <EmptyState hidden={loadError !== null} />
      </div>
      <Text size="xs" c="dimmed">
        {t('keyboard')}
      </Text>
      {preview !== null && (
        <Suspense fallback={null}>
          <ConversationPreviewModal sessionId={preview} opened onClose={() => setPreview(null)} />
        </Suspense>
      )}
      {form !== null && (
        <Suspense fallback={null}>
          <SessionFormModal
            opened={form !== null}
            session={form?.session ?? null}
            onClose={() => setForm(null)}
            onSaved={(saved, stay) => {
              if (!stay) setForm(null);
              grid.current?.refresh();
              if (!stay) selectSession(saved.id);
            }}
          />
        </Suspense>
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('confirmDelete.title')}
        body={
          deleting
            ? t('confirmDelete.body', {
                product: deleting.product.name,
                customer: deleting.customer.name,
                seller: deleting.seller.name,
                messages: deleting.messagesCount,
              })
            : ''
        }
        confirmLabel={t('confirmDelete.confirm')}
        cancelLabel={t('cancel')}
        busy={busy}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      />
    </Stack>
  );
}
