// A minimal frame for the conversation e2e tests (test/e2e/conversation*.test.ts), built with Vite into a temporary
// folder and served by the real web host: the same bridge, core and backend as the web edition, with this feature's
// views routed by the navigation store. It stands in for the app frame (built in parallel by another issue) so these
// tests do not depend on its sign-in or grid; it mounts what the frame mounts (Mantine, i18n, useWebNotifications).
import '@mantine/core/styles.css';
import { Button, Group, MantineProvider, Stack } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useNavigation } from '../../src/renderer/src/app/navigation.ts';
import { ConversationPane, SessionMessagesPage } from '../../src/renderer/src/features/conversation/index.ts';
import { useWebNotifications } from '../../src/renderer/src/features/notifications/index.ts';
import { OrdersPage } from '../../src/renderer/src/features/orders/index.ts';
import { SettingsPage } from '../../src/renderer/src/features/settings/index.ts';
import { UsersPage } from '../../src/renderer/src/features/users/index.ts';
import { initI18n } from '../../src/renderer/src/i18n/index.ts';

const params = new URLSearchParams(window.location.search);
const locale = params.get('lang') === 'ar' ? 'ar' : 'en';
initI18n(locale);
const start = params.get('session');
if (start) useNavigation.setState({ route: { name: 'sessions' }, selectedSessionId: start });

function Harness() {
  useWebNotifications();
  const { route, selectedSessionId, navigate } = useNavigation();
  return (
    <Stack p="sm" gap="sm" h="100vh">
      <Group gap="xs" data-testid="harness-nav">
        <Button size="xs" variant="default" onClick={() => navigate({ name: 'sessions' })}>
          Sessions
        </Button>
        <Button size="xs" variant="default" onClick={() => navigate({ name: 'users' })}>
          Users
        </Button>
        <Button size="xs" variant="default" onClick={() => navigate({ name: 'orders' })}>
          Orders
        </Button>
        <Button size="xs" variant="default" onClick={() => navigate({ name: 'settings' })}>
          Settings
        </Button>
        <span data-testid="harness-route">{JSON.stringify(route)}</span>
      </Group>
      <div style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
        {route.name === 'sessions' && selectedSessionId && (
          <div style={{ width: 480, height: '100%', borderInlineStart: '1px solid #ddd' }}>
            <ConversationPane sessionId={selectedSessionId} />
          </div>
        )}
        {route.name === 'session' && <SessionMessagesPage sessionId={route.sessionId} />}
        {route.name === 'users' && <UsersPage />}
        {route.name === 'orders' && <OrdersPage />}
        {route.name === 'settings' && <SettingsPage />}
      </div>
    </Stack>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <StrictMode>
    <MantineProvider>
      <Harness />
    </MantineProvider>
  </StrictMode>,
);
