// The app frame once signed in: the header (connection state, language, who is signed in, sign-out), the sidebar
// ("User Management → Chat Sessions" with the live unread badge (F1), Users and Orders (F13), Settings (F12)), the
// page of the current route, and the conversation pane beside the sessions table (D3). The web edition's
// notifications and title badge, the core's "open this session" requests and refused queued actions are handled
// here, once.
import {
  ActionIcon,
  AppShell,
  Badge,
  Burger,
  Button,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  Title,
  Tooltip,
  useAppShellResize,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconLogout,
  IconMessages,
  IconSettings,
  IconShoppingCart,
  IconUsers,
  IconUsersGroup,
  IconX,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountState } from '../../../shared/bridge.ts';
import { AuditNavLink, AuditPage } from '../features/audit/index.ts';
import { callBridge, errorMessage, useBridgeEvent } from '../features/conversation/bridgeHooks.ts';
import { ConversationPane, SessionMessagesPage } from '../features/conversation/index.ts';
import { MessageSearchNavLink, MessageSearchPage } from '../features/messageSearch/index.ts';
import { openSession, useWebNotifications } from '../features/notifications/index.ts';
import { OrdersPage } from '../features/orders/index.ts';
import { SessionsPage } from '../features/sessions/index.ts';
import { SettingsPage } from '../features/settings/index.ts';
import { StaffNavLink, StaffPage } from '../features/staff/index.ts';
import { UsersPage } from '../features/users/index.ts';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { useSyncState, useUnreadTotal } from './frameState.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { type Route, useNavigation } from './navigation.ts';
import { NS } from './strings.ts';

const HEADER_HEIGHT = 56;
const PANE_WIDTH = 420;

export interface FrameProps {
  account: AccountState;
  onSignedOut(state: AccountState): void;
}

function RoutePage({ route }: { route: Route }) {
  switch (route.name) {
    case 'sessions':
      return <SessionsPage />;
    case 'session':
      return <SessionMessagesPage sessionId={route.sessionId} />;
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
  }
}

function Sidebar({
  unread,
  onNavigate,
  permissions = [],
}: {
  unread: number | null;
  onNavigate(): void;
  permissions?: readonly string[];
}) {
  const { t } = useTranslation(NS);
  const route = useNavigation((s) => s.route);
  const navigate = useNavigation((s) => s.navigate);
  const go = (next: Route) => () => {
    navigate(next);
    onNavigate();
  };
  const here = (name: Route['name']) => route.name === name || (name === 'sessions' && route.name === 'session');
  return (
    <nav aria-label={t('nav.label')} data-testid="sidebar">
      <NavLink
        component="button"
        label={t('nav.userManagement')}
        leftSection={<IconUsersGroup size={18} aria-hidden />}
        defaultOpened
        childrenOffset={28}
        data-testid="nav-user-management"
      >
        <NavLink
          component="button"
          label={t('nav.chatSessions')}
          leftSection={<IconMessages size={18} aria-hidden />}
          rightSection={
            unread === null ? null : (
              <Badge
                size="sm"
                circle={unread < 10}
                color={unread > 0 ? 'red' : 'gray'}
                variant={unread > 0 ? 'filled' : 'light'}
                aria-label={t('nav.unreadBadge', { count: unread })}
                data-testid="nav-unread-badge"
                data-count={unread}
              >
                {unread > 9999 ? '9999+' : unread}
              </Badge>
            )
          }
          active={here('sessions')}
          aria-current={here('sessions') ? 'page' : undefined}
          onClick={go({ name: 'sessions' })}
          data-testid="nav-sessions"
        />
        <MessageSearchNavLink active={here('messageSearch')} onClick={go({ name: 'messageSearch' })} />
        <NavLink
          component="button"
          label={t('nav.users')}
          leftSection={<IconUsers size={18} aria-hidden />}
          active={here('users')}
          aria-current={here('users') ? 'page' : undefined}
          onClick={go({ name: 'users' })}
          data-testid="nav-users"
        />
        <NavLink
          component="button"
          label={t('nav.orders')}
          leftSection={<IconShoppingCart size={18} aria-hidden />}
          active={here('orders')}
          aria-current={here('orders') ? 'page' : undefined}
          onClick={go({ name: 'orders' })}
          data-testid="nav-orders"
        />
      </NavLink>
      <NavLink
        component="button"
        label={t('nav.settings')}
        leftSection={<IconSettings size={18} aria-hidden />}
        active={here('settings')}
        aria-current={here('settings') ? 'page' : undefined}
        onClick={go({ name: 'settings' })}
        data-testid="nav-settings"
      />
      {permissions.includes('staff.manage') && <StaffNavLink active={here('staff')} onClick={go({ name: 'staff' })} />}
      {permissions.includes('audit.read') && <AuditNavLink active={here('audit')} onClick={go({ name: 'audit' })} />}
    </nav>
  );
}

/** Routes every core "open this session" request (a native notification click, a deep link, the tray). */
function useNavigateRequests(): void {
  useBridgeEvent('navigate.session', ({ sessionId }) => openSession(sessionId));
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
  const resize = useAppShellResize({ aside: { min: 320, max: 900, label: t('pane.resize') } });
  useWebNotifications();
  useNavigateRequests();
  useRefusedActions();

  const paneShown = route.name === 'sessions' && selectedSessionId !== null;
  const role = account.staff?.role;

  const signOut = async () => {
    setSigningOut(true);
    try {
      onSignedOut(await callBridge('account.signOut', {}));
    } catch (error) {
      setSigningOut(false);
      notifications.show({ color: 'red', message: t('account.signOutFailed', { message: errorMessage(error) }) });
    }
  };

  return (
    <AppShell
      header={{ height: HEADER_HEIGHT }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      aside={{ width: PANE_WIDTH, breakpoint: 'md', collapsed: { desktop: !paneShown, mobile: !paneShown } }}
      resize={resize}
      padding={0}
      data-testid="frame"
    >
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
          <RoutePage route={route} />
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
              <ConversationPane key={selectedSessionId} sessionId={selectedSessionId} />
            </div>
          </Stack>
        )}
      </AppShell.Aside>
    </AppShell>
  );
}
