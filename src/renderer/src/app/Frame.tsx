// The app frame once signed in: the header (connection state, language, who is signed in, sign-out), the sidebar
// (Sidebar.tsx), the page of the current route, and the conversation pane beside the sessions table (D3). The web
// edition's notifications and title badge, the core's "open this session" requests and refused queued actions are
// handled here, once.
import {
  ActionIcon,
  AppShell,
  Burger,
  Button,
  Group,
  Loader,
  ScrollArea,
  Stack,
  Text,
  Title,
  Tooltip,
  useAppShellResize,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { AccountState } from '@shared/bridge.ts';
import { PANE_DEFAULT_WIDTH, PANE_MAX_WIDTH, PANE_MIN_WIDTH } from '@shared/paneWidth.ts';
import { IconLogout, IconX } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callBridge, errorMessage, useBridgeEvent } from '../bridge/bridgeHooks.ts';
import '../features/conversation/strings.ts';
import { openModeration } from '../features/moderation/reviewNotifications.ts';
import { openSession, useWebNotifications } from '../features/notifications/index.ts';
import { SessionsPage } from '../features/sessions/index.ts';
import { ShortcutHelp } from '../features/shortcuts/index.ts';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { useSyncState, useUnreadTotal } from './frameState.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { type Route, useNavigation } from './navigation.ts';
import { loadPrefs, updatePrefs } from './prefs.ts';
import { Sidebar } from './Sidebar.tsx';
import { showSaveFailed } from './saveFailed.ts';
import { markStart } from './startMarks.ts';
import { NS } from './strings.ts';

// The first paint needs only the frame and the sessions table: every other section, the conversation pane and the
// session's message page load when first shown (their strings are registered at start, for the sidebar).
const SessionMessagesPage = lazy(() =>
  import('../features/conversation/index.ts').then((m) => ({ default: m.SessionMessagesPage })),
);
const ConversationPane = lazy(() =>
  import('../features/conversation/index.ts').then((m) => ({ default: m.ConversationPane })),
);
const UsersPage = lazy(() => import('../features/users/index.ts').then((m) => ({ default: m.UsersPage })));
const OrdersPage = lazy(() => import('../features/orders/index.ts').then((m) => ({ default: m.OrdersPage })));
const SettingsPage = lazy(() => import('../features/settings/index.ts').then((m) => ({ default: m.SettingsPage })));
const MessageSearchPage = lazy(() =>
  import('../features/messageSearch/index.ts').then((m) => ({ default: m.MessageSearchPage })),
);
const StaffPage = lazy(() => import('../features/staff/index.ts').then((m) => ({ default: m.StaffPage })));
const AuditPage = lazy(() => import('../features/audit/index.ts').then((m) => ({ default: m.AuditPage })));
const ModerationPage = lazy(() =>
  import('../features/moderation/index.ts').then((m) => ({ default: m.ModerationPage })),
);

function Loading() {
  return (
    <Group p="md" gap="xs" role="status" data-testid="section-loading">
      <Loader size="sm" />
    </Group>
  );
}

const HEADER_HEIGHT = 56;

export interface FrameProps {
  account: AccountState;
  onSignedOut(state: AccountState): void;
}

function RoutePage({ route }: { route: Route }) {
  switch (route.name) {
    case 'sessions':
      return <SessionsPage />;
    case 'session':
      return <SessionMessagesPage sessionId={route.sessionId} messageId={route.messageId} />;
    case 'users':
      return <UsersPage />;
    case 'orders':
      return <OrdersPage />;
    case 'settings':
      return <SettingsPage />;
    case 'messageSearch':
      return <MessageSearchPage />;
    case 'staff':
      return <StaffPage />;
    case 'audit':
      return <AuditPage />;
    case 'moderation':
      return <ModerationPage />;
  }
}

/** Routes every core "open this session" request (a native notification click, a deep link, the tray). */
function useNavigateRequests(): void {
  useBridgeEvent('navigate.session', ({ sessionId }) => openSession(sessionId));
  // B9: a moderator's toast or the tray's "Review queue".
  useBridgeEvent('navigate.moderation', ({ itemId }) => openModeration(itemId));
  // Listening now: ask for a chatdesk:// link that launched the app (kept by the shell until asked).
  useEffect(() => {
    callBridge('app.pendingLink', {})
      .then(({ sessionId }) => sessionId && openSession(sessionId))
      .catch(() => {});
  }, []);
}

/** A queued action the backend refused after all (B1): say so, the cache is already put back. */
function useRefusedActions(): void {
  const { t } = useTranslation(NS);
  useBridgeEvent('action.failed', (failure) => {
    notifications.show({
      color: 'red',
      title: t('toast.actionFailed', { summary: failure.summary }),
      message: failure.error.message,
      autoClose: 10_000,
    });
  });
}

export function Frame({ account, onSignedOut }: FrameProps) {
  const { t } = useTranslation(NS);
  const [navOpened, nav] = useDisclosure(false);
  const route = useNavigation((s) => s.route);
  const selectedSessionId = useNavigation((s) => s.selectedSessionId);
  const selectSession = useNavigation((s) => s.selectSession);
  const sync = useSyncState();
  const unread = useUnreadTotal();
  const [signingOut, setSigningOut] = useState(false);
  // The pane's width as the user last dragged it, remembered in the preferences.
  const [paneWidth, setPaneWidth] = useState<number | null>(null);
  useEffect(() => {
    loadPrefs()
      .then((prefs) => setPaneWidth(prefs.paneWidth))
      // Unread, the pane opens at its default width and nothing is lost; the next start asks again.
      .catch(() => {});
  }, []);
  const resize = useAppShellResize({
    aside: { min: PANE_MIN_WIDTH, max: PANE_MAX_WIDTH, label: t('pane.resize') },
    initialSizes: useMemo(() => (paneWidth === null ? undefined : { aside: paneWidth }), [paneWidth]),
    onResizeEnd: (sizes) => {
      const width = sizes.aside;
      if (width === undefined) return;
      const whole = Math.min(PANE_MAX_WIDTH, Math.max(PANE_MIN_WIDTH, Math.round(width)));
      void updatePrefs({ paneWidth: whole }).catch(showSaveFailed);
    },
  });
  useWebNotifications();
  useNavigateRequests();
  useRefusedActions();
  useEffect(() => markStart('frame'), []);

  const paneShown = route.name === 'sessions' && selectedSessionId !== null;
  const role = account.staff?.role;

  const signOut = async () => {
    setSigningOut(true);
    try {
      const state = await callBridge('account.signOut', {});
      // The next person to sign in must not see this account's toasts (a created account, a refused action).
      notifications.clean();
      onSignedOut(state);
    } catch (error) {
      setSigningOut(false);
      notifications.show({ color: 'red', message: t('account.signOutFailed', { message: errorMessage(error) }) });
    }
  };

  return (
    <AppShell
      header={{ height: HEADER_HEIGHT }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      aside={{ width: PANE_DEFAULT_WIDTH, breakpoint: 'md', collapsed: { desktop: !paneShown, mobile: !paneShown } }}
      // The pane's resize handle only while the pane is shown: it measures the page when it mounts.
      resize={paneShown ? resize : undefined}
      // No scrollbar offset: react-remove-scroll pins the offset sections with a physical \`right\` while a dialog is
      // open, which in right-to-left moved the conversation pane over the sidebar and the table.
      offsetScrollbars={false}
      padding={0}
      data-testid="frame"
    >
      <ShortcutHelp />
      <AppShell.Header>
        <Group h="100%" px="md" gap="md" wrap="nowrap" justify="space-between">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Title order={1} size="h4">
              {t('appName')}
            </Title>
            <ConnectionStatus state={sync} />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            {account.staff && (
              <Text size="sm" visibleFrom="md" data-testid="signed-in-as">
                {t('account.signedInAs', {
                  name: account.staff.name,
                  role: role ? t(`roles.${role}`) : '',
                })}
              </Text>
            )}
            <Button
              size="xs"
              variant="default"
              leftSection={<IconLogout size={16} aria-hidden />}
              loading={signingOut}
              onClick={signOut}
            >
              {t('account.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs">
        <AppShell.Section grow component={ScrollArea}>
          <Sidebar unread={unread} onNavigate={nav.close} permissions={account.permissions} />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main style={{ height: '100dvh', display: 'flex', flexDirection: 'column' }}>
        <div style={{ flex: 1, minHeight: 0, overflow: 'auto' }} data-testid="route" data-route={route.name}>
          <Suspense fallback={<Loading />}>
            <RoutePage route={route} />
          </Suspense>
        </div>
      </AppShell.Main>

      <AppShell.Aside aria-label={t('pane.label')}>
        {paneShown && selectedSessionId && (
          <Stack gap={0} h="100%">
            <Group justify="space-between" px="sm" pt={6} wrap="nowrap">
              <Text size="xs" c="dimmed" fw={700} tt="uppercase">
                {t('pane.label')}
              </Text>
              <Tooltip label={t('pane.close')}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  aria-label={t('pane.close')}
                  onClick={() => selectSession(null)}
                  data-testid="close-pane"
                >
                  <IconX size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            </Group>
            <div style={{ flex: 1, minHeight: 0 }}>
              <Suspense fallback={<Loading />}>
                <ConversationPane key={selectedSessionId} sessionId={selectedSessionId} />
              </Suspense>
            </div>
          </Stack>
        )}
      </AppShell.Aside>
    </AppShell>
  );
}
