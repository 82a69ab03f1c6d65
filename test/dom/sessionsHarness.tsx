// A minimal frame for the sessions screen's e2e tests and its browser benchmark (test/e2e/sessions.test.ts,
// test/bench/renderer.ts), built with Vite into a temporary folder and served by the real web host: the same bridge,
// core and backend as the web edition. It mounts what the app frame mounts around the screen (Mantine with the
// document's direction, toasts, i18n) and the conversation pane beside it, routed by the navigation store.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { Button, DirectionProvider, Group, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useNavigation } from '../../src/renderer/src/app/navigation.ts';
import { ConversationPane, SessionMessagesPage } from '../../src/renderer/src/features/conversation/index.ts';
import { SessionsPage } from '../../src/renderer/src/features/sessions/index.ts';
import { directionOf, initI18n } from '../../src/renderer/src/i18n/index.ts';

const params = new URLSearchParams(window.location.search);
const locale = params.get('lang') === 'ar' ? 'ar' : 'en';
initI18n(locale);
const filterParam = params.get('filter');
if (filterParam) useNavigation.setState({ route: { name: 'sessions', filter: JSON.parse(filterParam) } });
(window as unknown as { __navigation: typeof useNavigation }).__navigation = useNavigation;

function Harness() {
  const { route, selectedSessionId, navigate } = useNavigation();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <Group gap="xs" p={4} data-testid="harness-nav">
        <Button size="compact-xs" variant="default" onClick={() => navigate({ name: 'sessions' })}>
          Sessions
        </Button>
        <span data-testid="harness-route">{JSON.stringify(route)}</span>
        <span data-testid="harness-selected">{selectedSessionId ?? ''}</span>
      </Group>
      <div style={{ flex: 1, minHeight: 0, display: 'flex' }}>
        {route.name === 'sessions' && (
          <>
            <div style={{ flex: 1, minWidth: 0 }}>
              <SessionsPage />
            </div>
            {selectedSessionId && (
              <div style={{ width: 380, borderInlineStart: '1px solid #ddd', overflow: 'auto' }}>
                <ConversationPane sessionId={selectedSessionId} />
              </div>
            )}
          </>
        )}
        {route.name === 'session' && <SessionMessagesPage sessionId={route.sessionId} />}
      </div>
    </div>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <StrictMode>
    <DirectionProvider initialDirection={directionOf(locale)} detectDirection={false}>
      <MantineProvider>
        <Notifications />
        <Harness />
      </MantineProvider>
    </DirectionProvider>
  </StrictMode>,
);
